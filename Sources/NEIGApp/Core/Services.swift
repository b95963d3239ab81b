import NEIGCore
import Vapor

/// App-wide services and settings, reachable as `app.neig` / `req.application.neig`.
struct NEIGServices: Sendable {
    var municipalities: MunicipalityRegistry
    var clock: NEIGClock
    var passwordHashCost: Int
    var secureCookies: Bool
    var metrics: AppMetrics
    var stylesheet: String
    var openAPIDocument: String
    var postgresSchema: String?
    var database: DatabaseLocation
    var mail: MailSettings?
    var publicURL: String
    var mapTiles: MapTiles = .off
    var leaflet: LeafletAssets?
    var mapScript = ""
    var addressSearch: AddressSearch = .off
    var addressScript = ""
    var inactiveDays = InactiveAccounts.defaultDays
    var cacheMemo = CacheMemo()

    /// The zoomable maps need both a background and Leaflet.
    var mapEnhancement: MapEnhancement? {
        guard case .wmts(let template, let attribution) = mapTiles, leaflet != nil else { return nil }
        return MapEnhancement(template: template, attribution: attribution)
    }
}

extension Application {
    struct NEIGServicesKey: StorageKey { typealias Value = NEIGServices }

    var neig: NEIGServices {
        get {
            guard let services = storage[NEIGServicesKey.self] else { fatalError("configure(_:with:) has not run") }
            return services
        }
        set { storage[NEIGServicesKey.self] = newValue }
    }
}
