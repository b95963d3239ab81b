import Foundation

/// The cases of `SiteURL` with their parameters filled in, so that a link reads `.caseFile(id: id)` rather than
/// `.caseFile(id: .value(id))`. The cases themselves take `Parameter` because routes are registered from them.
extension SiteURL {
    static func monitorMunicipality(code: String, year: Int? = nil) -> SiteURL {
        .monitorMunicipality(code: .value(code), year: year)
    }
    static func incident(id: UUID) -> SiteURL { .incident(id: .value(id)) }
    static func editIncident(id: UUID) -> SiteURL { .editIncident(id: .value(id)) }
    static func riskArea(id: UUID, _ action: RiskAreaAction? = nil) -> SiteURL { .riskArea(id: .value(id), action) }
    static func caseFile(id: UUID, _ action: CaseAction? = nil) -> SiteURL { .caseFile(id: .value(id), action) }
    static func measure(id: UUID, _ action: MeasureAction? = nil) -> SiteURL { .measure(id: .value(id), action) }
    static func information(id: UUID) -> SiteURL { .information(id: .value(id)) }
    static func signal(id: UUID, status: Bool = false) -> SiteURL { .signal(id: .value(id), status: status) }
    static func document(id: UUID, _ action: DocumentAction? = nil) -> SiteURL { .document(id: .value(id), action) }
    static func question(id: UUID, _ action: QuestionAction? = nil) -> SiteURL { .question(id: .value(id), action) }
    static func newsItem(id: UUID, _ action: NewsAction? = nil) -> SiteURL { .newsItem(id: .value(id), action) }
    static func calendarFeed(token: String) -> SiteURL { .calendarFeed(token: .value(token)) }
    static func event(id: UUID, _ action: EventAction? = nil) -> SiteURL { .event(id: .value(id), action) }
    static func caseStudy(id: UUID) -> SiteURL { .caseStudy(id: .value(id)) }
    static func reviewCaseStudy(id: UUID) -> SiteURL { .reviewCaseStudy(id: .value(id)) }
    static func group(code: String, _ action: GroupAction? = nil) -> SiteURL { .group(code: .value(code), action) }
    static func removeGroupMember(code: String, member: UUID) -> SiteURL {
        .removeGroupMember(code: .value(code), member: .value(member))
    }
    static func membershipApplication(id: UUID) -> SiteURL { .membershipApplication(id: .value(id)) }
    static func suspendMember(id: UUID) -> SiteURL { .suspendMember(id: .value(id)) }
    static func reinstateMember(id: UUID) -> SiteURL { .reinstateMember(id: .value(id)) }
    static func notification(id: UUID) -> SiteURL { .notification(id: .value(id)) }
    static func intervention(id: UUID, _ action: InterventionAction? = nil) -> SiteURL {
        .intervention(id: .value(id), action)
    }
    static func interventionSnapshot(id: UUID, snapshot: UUID) -> SiteURL {
        .interventionSnapshot(id: .value(id), snapshot: .value(snapshot))
    }
    static func interventionMilestoneDone(id: UUID, milestone: UUID) -> SiteURL {
        .interventionMilestoneDone(id: .value(id), milestone: .value(milestone))
    }
    static func apiIncident(id: UUID) -> SiteURL { .apiIncident(id: .value(id)) }
    static func apiCase(id: UUID, _ part: APICasePart? = nil) -> SiteURL { .apiCase(id: .value(id), part) }
    static func apiIntervention(id: UUID, _ part: APIInterventionPart? = nil) -> SiteURL {
        .apiIntervention(id: .value(id), part)
    }
}
