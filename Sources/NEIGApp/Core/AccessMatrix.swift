import NEIGCore
import Vapor

/// Who may use which route: one row per registered route. `AccessRuleMiddleware` enforces the login and role part of
/// every rule before a handler runs; handlers keep only the per-object checks (whose case, whose municipality). The
/// authorization-matrix test drives every registered route with every role, as owner and as outsider and
/// anonymously, and fails when a route has no row or behaves otherwise.
enum AccessMatrix {
    enum Rule: Sendable, Equatable {
        /// Anyone, logged in or not.
        case everyone
        /// Any logged-in user.
        case members
        /// Only these roles; others get 403.
        case roles(Roles)
        /// Only these roles, and only for objects whose location they may see; other objects answer 404
        /// so that their existence does not leak.
        case rolesForOwnObjects(Roles)
        /// Only these roles, and only for objects that are theirs: their municipality's, shared with them, sent or
        /// written by them. Other objects answer 404.
        case rolesForTheirObjects(Roles)
        /// Anyone, for objects they may read (public ones even anonymously); other objects answer 404, also when
        /// not logged in, so that a login page does not confirm they exist.
        case readersOfObjects
    }

    struct Row: Sendable {
        let method: HTTPMethod
        let url: SiteURL
        let rule: Rule

        init(_ method: HTTPMethod, _ url: SiteURL, rule: Rule) {
            self.method = method
            self.url = url
            self.rule = rule
        }

        var path: String { url.pattern }
    }

    static let rows: [Row] = [
        Row(.GET, .home, rule: .everyone),
        Row(.GET, .health, rule: .everyone),
        Row(.GET, .metrics, rule: .everyone),
        Row(.GET, .stylesheet, rule: .everyone),
        Row(.GET, .mapScript, rule: .everyone),
        Row(.GET, .addressScript, rule: .everyone),
        Row(.GET, .leafletAsset(.script), rule: .everyone),
        Row(.GET, .leafletAsset(.stylesheet), rule: .everyone),
        Row(.GET, .municipalBoundaries, rule: .everyone),
        Row(.GET, .login, rule: .everyone),
        Row(.POST, .login, rule: .everyone),
        Row(.POST, .logout, rule: .everyone),
        Row(.GET, .secondFactor, rule: .everyone),
        Row(.POST, .secondFactor, rule: .everyone),
        Row(.GET, .openData, rule: .everyone),
        Row(.GET, .apiOpenAPI, rule: .everyone),
        Row(.GET, .openDataAPI(), rule: .everyone),
        Row(.GET, .openDataCSV(), rule: .everyone),

        Row(.GET, .account, rule: .members),
        Row(.POST, .accountRecoveryCodes, rule: .members),
        Row(.GET, .monitor(), rule: .everyone),
        Row(.GET, .monitorMunicipality(code: .key), rule: .members),
        Row(.GET, .incidents, rule: .members),
        Row(.GET, .incident(id: .key), rule: .members),
        Row(.GET, .exportCSV, rule: .members),
        Row(.GET, .exportGeoJSON, rule: .members),
        Row(.GET, .apiIncidents, rule: .members),
        Row(.GET, .apiIncident(id: .key), rule: .members),
        Row(.GET, .apiMonitor, rule: .members),
        Row(.GET, .apiCases, rule: .roles(.caseViewers)),
        Row(.POST, .apiCases, rule: .roles(.caseWorkers)),
        Row(.GET, .apiCase(id: .key), rule: .rolesForTheirObjects(.caseViewers)),
        Row(.POST, .apiCase(id: .key, .phase), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.GET, .apiCase(id: .key, .measures), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.POST, .apiCase(id: .key, .measures), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.GET, .apiCase(id: .key, .info), rule: .rolesForTheirObjects(.caseViewers)),
        Row(.POST, .apiCase(id: .key, .info), rule: .rolesForTheirObjects(.informationSharers)),
        Row(.GET, .apiSignals, rule: .roles(.signalFeedReaders)),
        Row(.GET, .apiLibrary, rule: .members),
        Row(.GET, .apiSearch, rule: .members),
        Row(.GET, .apiDocument(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .apiSignals, rule: .roles(.signalSenders)),
        Row(.GET, .apiEvents, rule: .members),
        Row(.GET, .apiInterventions, rule: .members),
        Row(.POST, .apiInterventions, rule: .roles(.interventionRegistrars)),
        Row(.GET, .apiIntervention(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.GET, .apiIntervention(id: .key, .evaluations), rule: .rolesForTheirObjects(.everyRole)),
        Row(.GET, .apiIntervention(id: .key, .decisions), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .apiIntervention(id: .key, .evaluations), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.POST, .apiIntervention(id: .key, .decisions), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.GET, .apiEvent(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .apiEvent(id: .key, registration: true), rule: .rolesForTheirObjects(.everyRole)),
        Row(.DELETE, .apiEvent(id: .key, registration: true), rule: .rolesForTheirObjects(.everyRole)),

        Row(.GET, .newIncident, rule: .roles(.incidentEditors)),
        Row(.POST, .incidents, rule: .roles(.incidentEditors)),
        Row(.POST, .apiIncidents, rule: .roles(.incidentEditors)),
        Row(.GET, .editIncident(id: .key), rule: .rolesForOwnObjects(.incidentEditors)),
        Row(.POST, .incident(id: .key), rule: .rolesForOwnObjects(.incidentEditors)),

        Row(.GET, .alerts, rule: .members),
        Row(.GET, .audit, rule: .roles(.administrators)),
        Row(.GET, .accessReview, rule: .roles(.administrators)),
        Row(.GET, .accessReviewCSV, rule: .roles(.administrators)),
        Row(.GET, .cases, rule: .roles(.caseListers)),
        Row(.GET, .newCase(), rule: .roles(.caseWorkers)),
        Row(.POST, .cases, rule: .roles(.caseWorkers)),
        Row(.GET, .caseFile(id: .key), rule: .rolesForTheirObjects(.caseViewers)),
        Row(.POST, .caseFile(id: .key, .fase), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.POST, .caseFile(id: .key, .taken), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.POST, .caseFile(id: .key, .delen), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.POST, .caseFile(id: .key, .incidenten), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.POST, .caseFile(id: .key, .maatregelen), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.POST, .caseFile(id: .key, .informatie), rule: .rolesForTheirObjects(.informationSharers)),
        Row(.GET, .measure(id: .key), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.GET, .measure(id: .key, .besluit), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.GET, .measure(id: .key, .letterDocument), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.POST, .measure(id: .key, .status), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.GET, .letterhead, rule: .roles(.measureWorkers)),
        Row(.POST, .letterhead, rule: .roles(.measureWorkers)),
        Row(.GET, .measure(id: .key, .bewerken), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.POST, .measure(id: .key, .bewerken), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.GET, .measure(id: .key, .besluiten), rule: .rolesForTheirObjects(.mayors)),
        Row(.POST, .measure(id: .key, .besluiten), rule: .rolesForTheirObjects(.mayors)),
        Row(.POST, .measure(id: .key, .bezwaar), rule: .rolesForTheirObjects(.measureWorkers)),
        Row(.GET, .information(id: .key), rule: .rolesForTheirObjects(.informationReaders)),
        Row(.GET, .handelingskader, rule: .roles(.checklistEditors)),
        Row(.POST, .handelingskader, rule: .roles(.checklistEditors)),
        Row(.GET, .signals(), rule: .roles(.signalListers)),
        Row(.GET, .newSignal, rule: .roles(.signalSenders)),
        Row(.POST, .signals(), rule: .roles(.signalSenders)),
        Row(.GET, .signal(id: .key), rule: .rolesForTheirObjects(.signalViewers)),
        Row(.POST, .signal(id: .key, status: true), rule: .rolesForTheirObjects(.signalTriage)),
        Row(.GET, .routingRules, rule: .roles(.signalRouting)),
        Row(.POST, .routingRules, rule: .roles(.signalRouting)),
        Row(.POST, .deleteRoutingRule, rule: .roles(.signalRouting)),
        Row(.GET, .riskArea(id: .key), rule: .rolesForOwnObjects(.everyRole)),
        Row(.POST, .riskArea(id: .key, .gezien), rule: .rolesForOwnObjects(.everyRole)),
        Row(.POST, .riskArea(id: .key, .sluiten), rule: .rolesForTheirObjects(.caseWorkers)),
        Row(.GET, .analyse, rule: .roles(.analysts)),
        Row(.GET, .analyseMatrixCSV(query: ""), rule: .roles(.analysts)),

        Row(.GET, .apply, rule: .everyone),
        Row(.POST, .apply, rule: .everyone),
        Row(.GET, .confirmApplication(token: ""), rule: .everyone),
        Row(.GET, .setPassword, rule: .everyone),
        Row(.POST, .setPassword, rule: .everyone),
        Row(.GET, .forgotPassword, rule: .everyone),
        Row(.POST, .forgotPassword, rule: .everyone),
        Row(.GET, .privacy, rule: .everyone),
        Row(.GET, .accessibility, rule: .everyone),
        Row(.GET, .contact, rule: .everyone),
        Row(.GET, .members, rule: .members),
        Row(.POST, .accountProfile, rule: .members),
        Row(.POST, .accountCancel, rule: .members),
        Row(.GET, .membershipApplications, rule: .roles(.membershipAdministrators)),
        Row(.POST, .membershipApplication(id: .key), rule: .roles(.membershipAdministrators)),
        Row(.POST, .suspendMember(id: .key), rule: .roles(.membershipAdministrators)),
        Row(.POST, .reinstateMember(id: .key), rule: .roles(.membershipAdministrators)),
        Row(.GET, .calendarFeed(token: .key), rule: .readersOfObjects),
        Row(.GET, .events, rule: .members),
        Row(.GET, .newEvent, rule: .roles(.eventOrganisers)),
        Row(.POST, .events, rule: .roles(.eventOrganisers)),
        Row(.GET, .event(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.GET, .event(id: .key, .calendar), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .event(id: .key, .aanmelden), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .event(id: .key, .afmelden), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .eventFeed, rule: .members),
        Row(.GET, .caseStudies, rule: .members),
        Row(.GET, .newCaseStudy, rule: .members),
        Row(.POST, .caseStudies, rule: .members),
        Row(.GET, .caseStudy(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .caseStudy(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .reviewCaseStudy(id: .key), rule: .rolesForTheirObjects(.caseStudyReviewers)),
        Row(.GET, .library, rule: .everyone),
        Row(.GET, .document(id: .key), rule: .readersOfObjects),
        Row(.GET, .document(id: .key, .bijlage), rule: .readersOfObjects),
        Row(.GET, .document(id: .key, .versies), rule: .readersOfObjects),
        Row(.GET, .newDocument, rule: .members),
        Row(.POST, .library, rule: .members),
        Row(.GET, .document(id: .key, .bewerken), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .document(id: .key), rule: .rolesForTheirObjects(.everyRole)),

        Row(.POST, .event(id: .key, .materiaal), rule: .rolesForTheirObjects(.everyRole)),
        Row(.GET, .questions(), rule: .members),
        Row(.GET, .newQuestion, rule: .members),
        Row(.POST, .questions(), rule: .members),
        Row(.GET, .question(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .question(id: .key, .antwoorden), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .question(id: .key, .nuttig), rule: .rolesForTheirObjects(.everyRole)),
        Row(.POST, .question(id: .key, .kennisbank), rule: .rolesForTheirObjects(.questionPublishers)),
        Row(.GET, .notifications, rule: .members),
        Row(.POST, .notificationsRead, rule: .members),
        Row(.GET, .followTopics, rule: .members),
        Row(.POST, .followTopics, rule: .members),
        Row(.GET, .notification(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.GET, .groups, rule: .roles(.groupAdministrators)),
        Row(.POST, .groups, rule: .roles(.groupAdministrators)),
        Row(.GET, .group(code: .key), rule: .rolesForTheirObjects(.groupAdministrators)),
        Row(.POST, .group(code: .key, .leden), rule: .rolesForTheirObjects(.groupAdministrators)),
        Row(.POST, .removeGroupMember(code: .key, member: .key), rule: .rolesForTheirObjects(.groupAdministrators)),
        Row(.POST, .group(code: .key, .onderwerpen), rule: .rolesForTheirObjects(.groupAdministrators)),
        Row(.GET, .news, rule: .everyone),
        Row(.GET, .newsFeed, rule: .everyone),
        Row(.GET, .newsItem(id: .key), rule: .readersOfObjects),
        Row(.GET, .newNewsItem, rule: .roles(.newsEditors)),
        Row(.POST, .news, rule: .roles(.newsEditors)),
        Row(.GET, .newsItem(id: .key, .bewerken), rule: .rolesForTheirObjects(.newsEditors)),
        Row(.POST, .newsItem(id: .key, .bewerken), rule: .rolesForTheirObjects(.newsEditors)),
        Row(.POST, .newsItem(id: .key, .intrekken), rule: .rolesForTheirObjects(.newsEditors)),
        Row(.GET, .interventions, rule: .members),
        Row(.GET, .interventionsCSV, rule: .members),
        Row(.GET, .newIntervention, rule: .roles(.interventionRegistrars)),
        Row(.POST, .interventions, rule: .roles(.interventionRegistrars)),
        Row(.GET, .intervention(id: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.GET, .interventionSnapshot(id: .key, snapshot: .key), rule: .rolesForTheirObjects(.everyRole)),
        Row(.GET, .intervention(id: .key, .bewerken), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.POST, .intervention(id: .key), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.POST, .intervention(id: .key, .voortgang), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.POST, .intervention(id: .key, .mijlpalen), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(
            .POST, .interventionMilestoneDone(id: .key, milestone: .key),
            rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.POST, .intervention(id: .key, .evaluaties), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.POST, .intervention(id: .key, .besluiten), rule: .rolesForTheirObjects(.interventionEditors)),
        Row(.GET, .importIncidents, rule: .roles(.incidentImporters)),
        Row(.POST, .importIncidents, rule: .roles(.incidentImporters)),
        Row(.POST, .confirmImport, rule: .roles(.incidentImporters)),
        Row(.GET, .importTemplate(.csv), rule: .roles(.incidentImporters)),
        Row(.GET, .importTemplate(.xlsx), rule: .roles(.incidentImporters))
    ]

    private static let rulesByRoute: [String: Rule] = Dictionary(
        rows.map { ("\($0.method.rawValue) \($0.path)", $0.rule) }, uniquingKeysWith: { first, _ in first })

    static func rule(method: HTTPMethod, path: String) -> Rule? {
        rulesByRoute["\(method.rawValue) \(path)"]
    }
}
