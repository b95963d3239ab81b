import Foundation

/// A path parameter: `.key` where a route is registered (`:id`), `.value` where a link is built.
enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every path of the site: routes are registered from it (`RoutesBuilder.on(_:_:use:)`), `AccessMatrix` declares its
/// rules on it, and every link and redirect is built from it, so a renamed route cannot leave a dead link
/// (`ArchitectureTests` refuses a literal path in a link, a form action or a redirect elsewhere).
enum SiteURL: Sendable {
    case home
    case login
    case secondFactor
    case account
    case accountProfile
    case accountRecoveryCodes
    case accountCancel
    case logout
    case monitor(year: Int? = nil)
    case monitorMunicipality(code: Parameter<String>, year: Int? = nil)
    case incidents
    case incident(id: Parameter<UUID>)
    case editIncident(id: Parameter<UUID>)
    case newIncident
    case importIncidents
    case confirmImport
    case importTemplate(ImportTemplateFormat)
    case analyse
    case analyseMatrixCSV(query: String)
    case alerts
    case riskArea(id: Parameter<UUID>, RiskAreaAction? = nil)
    case exportCSV
    case exportGeoJSON
    case openData
    case openDataAPI(year: Int? = nil)
    case openDataCSV(year: Int? = nil)
    case stylesheet
    case mapScript
    case addressScript
    case leafletAsset(LeafletFile)
    case municipalBoundaries

    case cases
    case newCase(riskArea: UUID? = nil)
    case caseFile(id: Parameter<UUID>, CaseAction? = nil)
    case handelingskader
    case letterhead
    case measure(id: Parameter<UUID>, MeasureAction? = nil)
    case information(id: Parameter<UUID>)
    case signals(status: String? = nil)
    case newSignal
    case signal(id: Parameter<UUID>, status: Bool = false)
    case routingRules
    case deleteRoutingRule

    case library
    case newDocument
    case document(id: Parameter<UUID>, DocumentAction? = nil)
    case questions(tag: String? = nil)
    case newQuestion
    case question(id: Parameter<UUID>, QuestionAction? = nil)
    case answer(question: UUID, answer: UUID)
    case news
    case newNewsItem
    case newsItem(id: Parameter<UUID>, NewsAction? = nil)
    case newsFeed
    case events
    case newEvent
    case eventFeed
    case calendarFeed(token: Parameter<String>)
    case event(id: Parameter<UUID>, EventAction? = nil)
    case caseStudies
    case newCaseStudy
    case caseStudy(id: Parameter<UUID>)
    case reviewCaseStudy(id: Parameter<UUID>)
    case groups
    case group(code: Parameter<String>, GroupAction? = nil)
    case removeGroupMember(code: Parameter<String>, member: Parameter<UUID>)
    case members
    case membershipApplications
    case membershipApplication(id: Parameter<UUID>)
    case suspendMember(id: Parameter<UUID>)
    case reinstateMember(id: Parameter<UUID>)
    case apply
    case confirmApplication(token: String)
    case setPasswordWithToken(String)
    case setPassword
    case forgotPassword
    case privacy
    case accessibility
    case contact
    case notifications
    case followTopics
    case notification(id: Parameter<UUID>)
    case notificationsRead
    case interventions
    case newIntervention
    case interventionsCSV
    case intervention(id: Parameter<UUID>, InterventionAction? = nil)
    case interventionSnapshot(id: Parameter<UUID>, snapshot: Parameter<UUID>)
    case interventionMilestoneDone(id: Parameter<UUID>, milestone: Parameter<UUID>)
    case audit
    case accessReview
    case accessReviewCSV
    case health
    case metrics
    case apiOpenAPI
    case apiIncidents
    case apiIncident(id: Parameter<UUID>)
    case apiMonitor
    case apiCases
    case apiCase(id: Parameter<UUID>, APICasePart? = nil)
    case apiSignals
    case apiLibrary
    case apiDocument(id: Parameter<UUID>)
    case apiSearch
    case apiEvents
    case apiEvent(id: Parameter<UUID>, registration: Bool = false)
    case apiInterventions
    case apiIntervention(id: Parameter<UUID>, APIInterventionPart? = nil)

    enum ImportTemplateFormat: String { case csv, xlsx }
    enum CaseAction: String { case fase, taken, maatregelen, informatie, incidenten, delen }
    enum RiskAreaAction: String { case gezien, sluiten }
    enum NewsAction: String { case bewerken, intrekken }
    enum MeasureAction: String {
        case status, bezwaar, besluit, besluiten, bewerken
        case letterDocument = "besluit.docx"
    }
    enum DocumentAction: String { case bewerken, versies, bijlage }
    enum QuestionAction: String { case antwoorden, nuttig, kennisbank }
    enum EventAction: String { case aanmelden, afmelden, materiaal, calendar = "agenda.ics" }
    enum GroupAction: String { case leden, onderwerpen }
    enum APIInterventionPart: String { case evaluations, decisions }
    enum APICasePart: String { case phase, measures, info }
    enum InterventionAction: String {
        case bewerken, voortgang, mijlpalen, evaluaties, besluiten
        case decisions = "#besluiten"
    }

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .secondFactor: "/login/tweede-stap"
        case .account: "/account"
        case .accountProfile: "/account/profiel"
        case .accountRecoveryCodes: "/account/herstelcodes"
        case .accountCancel: "/account/opzeggen"
        case .logout: "/logout"
        case .monitor(let year): "/monitor" + Self.yearQuery(year)
        case .monitorMunicipality(let code, let year):
            "/monitor/gemeente/\(Self.segment(code, "code"))" + Self.yearQuery(year)
        case .incidents: "/incidenten"
        case .incident(let id): "/incidenten/\(Self.segment(id))"
        case .editIncident(let id): "/incidenten/\(Self.segment(id))/bewerken"
        case .newIncident: "/incidenten/nieuw"
        case .importIncidents: "/import"
        case .confirmImport: "/import/bevestigen"
        case .importTemplate(let format): "/import/sjabloon.\(format.rawValue)"
        case .analyse: "/analyse"
        case .analyseMatrixCSV(let query): "/analyse/matrix.csv" + query
        case .alerts: "/waarschuwingen"
        case .riskArea(let id, let action): "/waarschuwingen/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .exportCSV: "/export/incidenten.csv"
        case .exportGeoJSON: "/export/incidenten.geojson"
        case .openData: "/open-data"
        case .openDataAPI(let year): "/api/v1/open-data" + (year.map { "?year=\($0)" } ?? "")
        case .openDataCSV(let year): "/open-data/aanslagen-per-gemeente.csv" + Self.yearQuery(year)
        case .stylesheet: "/static/neig.css"
        case .mapScript: "/static/neig-kaart.js"
        case .addressScript: "/static/neig-adres.js"
        case .leafletAsset(let file): "/static/leaflet/\(file.rawValue)"
        case .municipalBoundaries: "/kaart/gemeenten.geojson"

        case .cases: "/zaken"
        case .newCase(let area):
            "/zaken/nieuw" + (area.map { Self.query([("risicogebied", $0.uuidString.lowercased())]) } ?? "")
        case .caseFile(let id, let action): "/zaken/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .handelingskader: "/handelingskader"
        case .letterhead: "/gemeente/briefpapier"
        case .measure(let id, let action): "/maatregelen/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .information(let id): "/informatie/\(Self.segment(id))"
        case .signals(let status): "/signalen" + (status.map { Self.query([("status", $0)]) } ?? "")
        case .newSignal: "/signalen/nieuw"
        case .signal(let id, let status): "/signalen/\(Self.segment(id))" + (status ? "/status" : "")
        case .routingRules: "/signalen/routering"
        case .deleteRoutingRule: "/signalen/routering/verwijderen"

        case .library: "/kennisbank"
        case .newDocument: "/kennisbank/nieuw"
        case .document(let id, let action): "/kennisbank/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .questions(let tag): "/vragen" + (tag.map { Self.query([("tag", $0)]) } ?? "")
        case .newQuestion: "/vragen/nieuw"
        case .answer(let question, let answer):
            "/vragen/\(Self.segment(.value(question)))#antwoord-\(Self.segment(.value(answer)))"
        case .question(let id, let action): "/vragen/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .news: "/nieuws"
        case .newNewsItem: "/nieuws/nieuw"
        case .newsItem(let id, let action): "/nieuws/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .newsFeed: "/nieuws/feed.atom"
        case .events: "/bijeenkomsten"
        case .newEvent: "/bijeenkomsten/nieuw"
        case .eventFeed: "/bijeenkomsten/agenda"
        case .calendarFeed(let token): "/agenda/\(Self.segment(token, "token"))"
        case .event(let id, let action): "/bijeenkomsten/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .caseStudies: "/casuistiek"
        case .newCaseStudy: "/casuistiek/nieuw"
        case .caseStudy(let id): "/casuistiek/\(Self.segment(id))"
        case .reviewCaseStudy(let id): "/casuistiek/\(Self.segment(id))/beoordeling"
        case .groups: "/groepen"
        case .group(let code, let action): "/groepen/\(Self.segment(code, "code"))" + Self.suffix(action?.rawValue)
        case .removeGroupMember(let code, let member):
            Self.group(code: code, .leden).path + "/\(Self.segment(member, "user"))/verwijderen"
        case .members: "/leden"
        case .membershipApplications: "/leden/aanvragen"
        case .membershipApplication(let id): "/leden/aanvragen/\(Self.segment(id))"
        case .suspendMember(let id): "/leden/\(Self.segment(id))/schorsen"
        case .reinstateMember(let id): "/leden/\(Self.segment(id))/herstellen"
        case .apply: "/aanmelden"
        case .confirmApplication(let token): "/aanmelden/bevestigen" + Self.query([("token", token)])
        case .setPasswordWithToken(let token): "/wachtwoord-instellen" + Self.query([("token", token)])
        case .setPassword: "/wachtwoord-instellen"
        case .forgotPassword: "/wachtwoord-vergeten"
        case .privacy: "/privacy"
        case .accessibility: "/toegankelijkheid"
        case .contact: "/contact"
        case .notifications: "/notificaties"
        case .followTopics: "/notificaties/volgen"
        case .notification(let id): "/notificaties/\(Self.segment(id))"
        case .notificationsRead: "/notificaties/gelezen"
        case .interventions: "/interventies"
        case .newIntervention: "/interventies/nieuw"
        case .interventionsCSV: "/interventies/export.csv"
        case .intervention(let id, let action):
            "/interventies/\(Self.segment(id))"
                + (action == .decisions ? InterventionAction.decisions.rawValue : Self.suffix(action?.rawValue))
        case .interventionSnapshot(let id, let snapshot):
            "/interventies/\(Self.segment(id))/evaluaties/\(Self.segment(snapshot, "snapshot"))"
        case .interventionMilestoneDone(let id, let milestone):
            "/interventies/\(Self.segment(id))/mijlpalen/\(Self.segment(milestone, "milestone"))/gereed"
        case .audit: "/admin/audit"
        case .accessReview: "/admin/toegang"
        case .accessReviewCSV: "/admin/toegang.csv"
        case .health: "/health"
        case .metrics: "/metrics"
        case .apiOpenAPI: "/api/v1/openapi.json"
        case .apiIncidents: "/api/v1/incidents"
        case .apiIncident(let id): "/api/v1/incidents/\(Self.segment(id))"
        case .apiMonitor: "/api/v1/monitor"
        case .apiCases: "/api/v1/cases"
        case .apiCase(let id, let part): "/api/v1/cases/\(Self.segment(id))" + Self.suffix(part?.rawValue)
        case .apiSignals: "/api/v1/signals"
        case .apiLibrary: "/api/v1/library"
        case .apiDocument(let id): "/api/v1/library/\(Self.segment(id))"
        case .apiSearch: "/api/v1/search"
        case .apiEvents: "/api/v1/events"
        case .apiEvent(let id, let registration):
            "/api/v1/events/\(Self.segment(id))" + (registration ? "/registration" : "")
        case .apiInterventions: "/api/v1/interventions"
        case .apiIntervention(let id, let part):
            "/api/v1/interventions/\(Self.segment(id))" + Self.suffix(part?.rawValue)
        }
    }

    private static func segment(_ id: Parameter<UUID>, _ name: String = "id") -> String {
        switch id {
        case .key: ":\(name)"
        case .value(let id): id.uuidString.lowercased()
        }
    }
    private static func segment(_ text: Parameter<String>, _ name: String) -> String {
        switch text {
        case .key: ":\(name)"
        case .value(let text):
            text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
        }
    }
    private static func suffix(_ component: String?) -> String { component.map { "/" + $0 } ?? "" }
    private static func yearQuery(_ year: Int?) -> String { year.map { "?jaar=\($0)" } ?? "" }

    /// RFC 3986's unreserved characters: everything else in a query value is percent-encoded.
    private static let unreserved = CharacterSet.alphanumerics.intersection(.init(charactersIn: "\u{0}"..."\u{7F}"))
        .union(.init(charactersIn: "-._~"))

    /// `?name=value&…` with every value percent-encoded, or nothing for no items.
    static func query(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?"
            + items.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")" }.joined(
                separator: "&")
    }
}
