import Foundation

/// Every path the site links to or redirects to, so a renamed route cannot leave a dead link
/// (`ArchitectureTests` refuses a literal path in a link, a form action or a redirect elsewhere).
enum SiteURL {
    case home
    case login
    case secondFactor
    case account
    case accountProfile
    case accountRecoveryCodes
    case accountCancel
    case logout
    case monitor(year: Int? = nil)
    case monitorMunicipality(code: String, year: Int? = nil)
    case incidents
    case incident(id: UUID)
    case editIncident(id: UUID)
    case newIncident
    case importIncidents
    case analyse
    case analyseMatrixCSV(query: String)
    case alerts
    case acknowledgeAlert(incidentID: UUID)
    case exportCSV
    case exportGeoJSON
    case openData
    case openDataAPI(year: Int)
    case stylesheet

    case cases
    case newCase
    case caseFile(id: UUID, CaseAction? = nil)
    case handelingskader
    case measure(id: UUID, MeasureAction? = nil)
    case information(id: UUID)
    case signals(status: String? = nil)
    case newSignal
    case signal(id: UUID, status: Bool = false)
    case routingRules
    case deleteRoutingRule

    case library
    case newDocument
    case document(id: UUID, DocumentAction? = nil)
    case questions(tag: String? = nil)
    case newQuestion
    case question(id: UUID, QuestionAction? = nil)
    case answer(question: UUID, answer: UUID)
    case news
    case newNewsItem
    case newsItem(id: UUID)
    case newsFeed
    case events
    case newEvent
    case eventFeed
    case calendarFeed(token: String)
    case event(id: UUID, EventAction? = nil)
    case caseStudies
    case newCaseStudy
    case caseStudy(id: UUID)
    case reviewCaseStudy(id: UUID)
    case groups
    case group(code: String, GroupAction? = nil)
    case removeGroupMember(code: String, member: UUID)
    case members
    case membershipApplications
    case membershipApplication(id: UUID)
    case suspendMember(id: UUID)
    case apply
    case confirmApplication(token: String)
    case setPasswordWithToken(String)
    case setPassword
    case notifications
    case followTopics
    case notification(id: UUID)
    case notificationsRead
    case interventions
    case newIntervention
    case interventionsCSV
    case intervention(id: UUID, InterventionAction? = nil)
    case interventionSnapshot(id: UUID, snapshot: UUID)
    case interventionMilestoneDone(id: UUID, milestone: UUID)
    case audit
    case apiIncident(id: UUID)
    case apiCase(id: UUID)
    case apiIntervention(id: UUID, APIInterventionPart? = nil)

    enum CaseAction: String { case fase, taken, maatregelen, informatie, incidenten, delen }
    enum MeasureAction: String { case status, bezwaar, besluit }
    enum DocumentAction: String { case bewerken, versies, bijlage }
    enum QuestionAction: String { case antwoorden, nuttig, kennisbank }
    enum EventAction: String { case aanmelden, afmelden, materiaal, calendar = "agenda.ics" }
    enum GroupAction: String { case leden, onderwerpen }
    enum APIInterventionPart: String { case evaluations, decisions }
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
        case .monitorMunicipality(let code, let year): "/monitor/gemeente/\(code)" + Self.yearQuery(year)
        case .incidents: "/incidenten"
        case .incident(let id): "/incidenten/\(Self.segment(id))"
        case .editIncident(let id): "/incidenten/\(Self.segment(id))/bewerken"
        case .newIncident: "/incidenten/nieuw"
        case .importIncidents: "/import"
        case .analyse: "/analyse"
        case .analyseMatrixCSV(let query): "/analyse/matrix.csv" + query
        case .alerts: "/meldingen"
        case .acknowledgeAlert(let id): "/meldingen/\(Self.segment(id))/gezien"
        case .exportCSV: "/export/incidenten.csv"
        case .exportGeoJSON: "/export/incidenten.geojson"
        case .openData: "/open-data"
        case .openDataAPI(let year): "/api/v1/open-data?year=\(year)"
        case .stylesheet: "/static/neig.css"

        case .cases: "/zaken"
        case .newCase: "/zaken/nieuw"
        case .caseFile(let id, let action): "/zaken/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .handelingskader: "/handelingskader"
        case .measure(let id, let action): "/maatregelen/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .information(let id): "/informatie/\(Self.segment(id))"
        case .signals(let status): "/signalen" + (status.map { Self.query([("status", $0)]) } ?? "")
        case .newSignal: "/signalen/nieuw"
        case .signal(let id, let status): "/signalen/\(Self.segment(id))" + (status ? "/status" : "")
        case .routingRules: "/signalen/routering"
        case .deleteRoutingRule: "/signalen/routering/verwijderen"

        case .library: "/bibliotheek"
        case .newDocument: "/bibliotheek/nieuw"
        case .document(let id, let action): "/bibliotheek/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .questions(let tag): "/vragen" + (tag.map { Self.query([("tag", $0)]) } ?? "")
        case .newQuestion: "/vragen/nieuw"
        case .answer(let question, let answer): "/vragen/\(Self.segment(question))#antwoord-\(Self.segment(answer))"
        case .question(let id, let action): "/vragen/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .news: "/nieuws"
        case .newNewsItem: "/nieuws/nieuw"
        case .newsItem(let id): "/nieuws/\(Self.segment(id))"
        case .newsFeed: "/nieuws/feed.atom"
        case .events: "/evenementen"
        case .newEvent: "/evenementen/nieuw"
        case .eventFeed: "/evenementen/agenda"
        case .calendarFeed(let token): "/agenda/\(token)"
        case .event(let id, let action): "/evenementen/\(Self.segment(id))" + Self.suffix(action?.rawValue)
        case .caseStudies: "/casuistiek"
        case .newCaseStudy: "/casuistiek/nieuw"
        case .caseStudy(let id): "/casuistiek/\(Self.segment(id))"
        case .reviewCaseStudy(let id): "/casuistiek/\(Self.segment(id))/beoordeling"
        case .groups: "/groepen"
        case .group(let code, let action):
            "/groepen/\(code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? "")"
                + Self.suffix(action?.rawValue)
        case .removeGroupMember(let code, let member):
            Self.group(code: code, .leden).path + "/\(Self.segment(member))/verwijderen"
        case .members: "/leden"
        case .membershipApplications: "/leden/aanvragen"
        case .membershipApplication(let id): "/leden/aanvragen/\(Self.segment(id))"
        case .suspendMember(let id): "/leden/\(Self.segment(id))/schorsen"
        case .apply: "/aanmelden"
        case .confirmApplication(let token): "/aanmelden/bevestigen" + Self.query([("token", token)])
        case .setPasswordWithToken(let token): "/wachtwoord-instellen" + Self.query([("token", token)])
        case .setPassword: "/wachtwoord-instellen"
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
            "/interventies/\(Self.segment(id))/evaluaties/\(Self.segment(snapshot))"
        case .interventionMilestoneDone(let id, let milestone):
            "/interventies/\(Self.segment(id))/mijlpalen/\(Self.segment(milestone))/gereed"
        case .audit: "/admin/audit"
        case .apiIncident(let id): "/api/v1/incidents/\(Self.segment(id))"
        case .apiCase(let id): "/api/v1/cases/\(Self.segment(id))"
        case .apiIntervention(let id, let part):
            "/api/v1/interventions/\(Self.segment(id))" + Self.suffix(part?.rawValue)
        }
    }

    private static func segment(_ id: UUID) -> String { id.uuidString.lowercased() }
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
