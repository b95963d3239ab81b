import Fluent
import Foundation
import NEIGCore
import Vapor

/// The measures of a case over the API: what the officer proposes, in the same service as the page.
extension CaseAPIRoutes {
    struct MeasureDTO: Content {
        var id: UUID
        var case_id: UUID
        var type: String
        var legal_basis: String
        var state: String
        var motivation: String
        var information_ids: [UUID]
        var addressee: String?
        var starts_on: String?
        var ends_on: String?
        var decided_by: String?
        var decided_at: String?
        var notified_on: String?
        var objection_ends: String?
        var objection_received_on: String?
        var objection_decision_due: String?

        /// `live`: the cited items that still exist and have not expired; an expired one is not referenced at all.
        init(_ measure: Measure, live: Set<UUID>) throws {
            id = measure.id!
            case_id = measure.$caseFile.id
            type = measure.type.rawValue
            legal_basis = measure.legalBasis
            state = measure.state.rawValue
            motivation = measure.motivation
            information_ids = try measure.citedInformation.filter(live.contains)
            addressee = measure.addressee
            starts_on = measure.startsOn
            ends_on = measure.endsOn
            decided_by = measure.decidedBy
            decided_at = measure.decidedAt.map { $0.formatted(.iso8601) }
            notified_on = measure.notifiedOn
            objection_ends = measure.objectionEnds?.iso
            objection_received_on = measure.objectionReceivedOn
            objection_decision_due = measure.objectionDecisionDue?.iso
        }
    }

    struct MeasureList: Content { var items: [MeasureDTO] }

    static func listMeasures(_ req: Request) async throws -> MeasureList {
        let (_, caseFile, _) = try await CaseAccess.find(req)
        let measures = try await Measure.query(on: req.db).with(\.$citationRows).filter(
            \.$caseFile.$id == caseFile.requireID()
        ).sort(\.$createdAt).all()
        let live = try await MeasureService.liveCitations(
            of: measures, today: req.application.neig.clock.today, on: req.db)
        return MeasureList(items: try measures.map { try MeasureDTO($0, live: live) })
    }

    struct MeasureInput: Decodable {
        var type: String?
        var apv_article: String?
        var addressee: String?
        var starts_on: String?
        var ends_on: String?
        var motivation: String?
        var information_ids: [String]?
    }

    static func createMeasure(_ req: Request) async throws -> Response {
        let (user, caseFile, _) = try await CaseAccess.find(req, managing: true)
        let input = try body(req, MeasureInput.self)
        let visible = try await InformationService.visibleItems(
            caseID: caseFile.requireID(), user: user, today: req.application.neig.clock.today, on: req.db)
        switch MeasureService.validate(
            type: input.type, apvArticle: input.apv_article, addressee: input.addressee, startsOn: input.starts_on,
            endsOn: input.ends_on, motivation: input.motivation, information: input.information_ids ?? [],
            allowedInformation: Set(visible.compactMap(\.item.id)))
        {
        case .invalid(let errors): throw invalid("De maatregel is niet opgeslagen.", errors)
        case .valid(let draft):
            let measure = try await MeasureService.create(draft, in: caseFile, by: user, context: req.context)
            let live = try await MeasureService.liveCitations(
                of: [measure], today: req.application.neig.clock.today, on: req.db)
            return try created(
                try MeasureDTO(measure, live: live),
                location: SiteURL.measure(id: try measure.requireID()).path)
        }
    }
}
