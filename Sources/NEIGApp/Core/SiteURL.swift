import Foundation

/// Every path the site links to, so a renamed route cannot leave a dead link.
enum SiteURL {
    case home
    case login
    case secondFactor
    case account
    case logout
    case monitor(year: Int? = nil)
    case monitorMunicipality(code: String, year: Int? = nil)
    case incidents
    case incident(id: UUID)
    case editIncident(id: UUID)
    case newIncident
    case importIncidents
    case analyse
    case alerts
    case acknowledgeAlert(incidentID: UUID)
    case exportCSV
    case exportGeoJSON
    case openData
    case stylesheet

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .secondFactor: "/login/tweede-stap"
        case .account: "/account"
        case .logout: "/logout"
        case .monitor(let year): "/monitor" + Self.yearQuery(year)
        case .monitorMunicipality(let code, let year): "/monitor/gemeente/\(code)" + Self.yearQuery(year)
        case .incidents: "/incidenten"
        case .incident(let id): "/incidenten/\(id.uuidString.lowercased())"
        case .editIncident(let id): "/incidenten/\(id.uuidString.lowercased())/bewerken"
        case .newIncident: "/incidenten/nieuw"
        case .importIncidents: "/import"
        case .analyse: "/analyse"
        case .alerts: "/meldingen"
        case .acknowledgeAlert(let id): "/meldingen/\(id.uuidString.lowercased())/gezien"
        case .exportCSV: "/export/incidenten.csv"
        case .exportGeoJSON: "/export/incidenten.geojson"
        case .openData: "/open-data"
        case .stylesheet: "/static/neig.css"
        }
    }

    private static func yearQuery(_ year: Int?) -> String { year.map { "?jaar=\($0)" } ?? "" }

    /// `?name=value&…` with every value percent-encoded, or nothing for no items.
    static func query(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?"
            + items.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(
                separator: "&")
    }
}
