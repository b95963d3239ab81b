import Foundation
import NEIGCore

/// Where the data lives: an SQLite file (the default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLiteFile = "neig.sqlite"

    /// `--database` wins over `DATABASE_URL`, then `DATABASE_URL_FILE` (a secret mounted as a file),
    /// then `neig.sqlite` in the working directory.
    public static func resolve(argument: String?, environment: [String: String]) throws -> DatabaseLocation {
        if let argument, !argument.isEmpty { return try parse(argument) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return try parse(url) }
        if let file = environment["DATABASE_URL_FILE"], !file.isEmpty {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ConfigurationError("DATABASE_URL_FILE: cannot read \(file)")
            }
            return try parse(String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return .sqlite(path: defaultSQLiteFile)
    }

    /// The password in a PostgreSQL URL, if any.
    var password: String? {
        guard case .postgres(let url) = self else { return nil }
        return URLComponents(string: url)?.password
    }

    public static func parse(_ text: String) throws -> DatabaseLocation {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") { return .postgres(url: text) }
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "")
            guard !path.isEmpty else { throw ConfigurationError("sqlite: needs a file path, e.g. sqlite:neig.sqlite") }
            return .sqlite(path: path)
        }
        throw ConfigurationError("unknown database '\(text)': use sqlite:PATH or postgres://USER@HOST:PORT/DB")
    }

    /// Never prints a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}

public struct MailSettings: Sendable, Equatable {
    /// How the connection to the relay is protected: not at all (a relay on the same host or network), upgraded with
    /// STARTTLS (submission, port 587), or TLS from the first byte (port 465).
    public enum Security: String, Sendable, CaseIterable {
        case none, starttls, tls

        static func defaultFor(port: Int) -> Security { port == 465 ? .tls : port == 587 ? .starttls : .none }
    }

    public var host: String
    public var port: Int
    public var from: String
    public var security: Security
    public var username: String?
    public var password: String?
    /// PEM file with the certificates to trust instead of the system's (an internal relay with its own CA).
    public var trustRootsFile: String?

    public init(
        host: String, port: Int, from: String, security: Security = .none, username: String? = nil,
        password: String? = nil,
        trustRootsFile: String? = nil
    ) {
        self.host = host
        self.port = port
        self.from = from
        self.security = security
        self.username = username
        self.password = password
        self.trustRootsFile = trustRootsFile
    }

    /// `NEIG_SMTP_HOST`, `NEIG_SMTP_PORT`, `NEIG_SMTP_TLS` (none, starttls, tls), `NEIG_SMTP_USER`, `NEIG_SMTP_PASSWORD`,
    /// `NEIG_SMTP_CA_FILE`, `NEIG_MAIL_FROM`; nil without a host.
    static func fromEnvironment(_ environment: [String: String]) throws -> MailSettings? {
        guard let host = environment["NEIG_SMTP_HOST"], !host.isEmpty else { return nil }
        guard let port = Int(environment["NEIG_SMTP_PORT"] ?? "25"), (1...65535).contains(port) else {
            throw ConfigurationError("NEIG_SMTP_PORT: '\(environment["NEIG_SMTP_PORT"] ?? "")' is not a port number")
        }
        var security = Security.defaultFor(port: port)
        if let text = environment["NEIG_SMTP_TLS"], !text.isEmpty {
            guard let chosen = Security(rawValue: text.lowercased()) else {
                throw ConfigurationError("NEIG_SMTP_TLS: '\(text)' is not one of none, starttls, tls")
            }
            security = chosen
        }
        let username = environment["NEIG_SMTP_USER"].flatMap { $0.isEmpty ? nil : $0 }
        let password = environment["NEIG_SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if (username == nil) != (password == nil) {
            throw ConfigurationError("NEIG_SMTP_USER and NEIG_SMTP_PASSWORD go together")
        }
        if username != nil && security == .none {
            throw ConfigurationError(
                "NEIG_SMTP_USER is set but NEIG_SMTP_TLS is none: neig does not send a password over an unencrypted connection"
            )
        }
        let caFile = environment["NEIG_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ConfigurationError("NEIG_SMTP_CA_FILE: cannot read \(caFile)")
        }
        return MailSettings(
            host: host, port: port, from: environment["NEIG_MAIL_FROM"] ?? "neig@localhost", security: security,
            username: username, password: password, trustRootsFile: caFile)
    }
}

public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Everything the app reads from its surroundings, in one place.
public struct AppConfiguration: Sendable {
    public var database: DatabaseLocation
    public var loadDemoData: Bool
    /// Set `Secure` on cookies; on when neig runs behind TLS (`NEIG_SECURE_COOKIES=1`).
    public var secureCookies: Bool
    public var municipalities: MunicipalityRegistry
    public var clock: NEIGClock
    /// A PostgreSQL schema to keep all tables in (created when missing); the tests give each test its own.
    public var postgresSchema: String?
    /// `NEIG_ENV=production`: no demo data, no demo accounts, no default secrets, secure cookies.
    public var isProduction: Bool
    /// Where e-mail goes (`NEIG_SMTP_HOST`, `NEIG_SMTP_PORT`, `NEIG_MAIL_FROM`); nil keeps mail in the outbox.
    public var mail: MailSettings?
    /// The address people reach neig at, for links in e-mail (`NEIG_PUBLIC_URL`).
    public var publicURL: String = "http://127.0.0.1:8080"
    /// The background of the zoomable maps (`NEIG_MAP_TILES`).
    public var mapTiles: MapTiles = .pdok
    /// Where the forms' address search looks addresses up (`NEIG_ADDRESS_SEARCH`).
    public var addressSearch: AddressSearch = .pdok
    /// Days without use after which an account is suspended (`NEIG_INACTIVE_DAYS`, 0 = never).
    public var inactiveDays = InactiveAccounts.defaultDays
    /// Where Debian's libjs-leaflet is (`NEIG_LEAFLET_DIR`); without it the maps stay as drawn on the server.
    public var leafletDirectory = LeafletAssets.defaultDirectory

    public init(
        database: DatabaseLocation, loadDemoData: Bool = false, secureCookies: Bool = false,
        municipalities: MunicipalityRegistry = .bundled, clock: NEIGClock = .system, postgresSchema: String? = nil,
        isProduction: Bool = false
    ) {
        self.postgresSchema = postgresSchema
        self.isProduction = isProduction
        self.database = database
        self.loadDemoData = loadDemoData
        self.secureCookies = secureCookies
        self.municipalities = municipalities
        self.clock = clock
    }

    public static func fromEnvironment(
        database argument: String?, loadDemoData: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AppConfiguration {
        let production = environment["NEIG_ENV"]?.lowercased() == "production"
        let secureSetting = environment["NEIG_SECURE_COOKIES"]?.lowercased()
        var configuration = AppConfiguration(
            database: try .resolve(argument: argument, environment: environment),
            loadDemoData: loadDemoData && !production,
            secureCookies: secureSetting.map { ["1", "true", "yes"].contains($0) } ?? production,
            municipalities: try municipalities(
                file: environment["NEIG_MUNICIPALITIES_FILE"], boundariesFile: environment["NEIG_BOUNDARIES_FILE"],
                pointsFile: environment["NEIG_MUNICIPAL_POINTS_FILE"]),
            isProduction: production)
        configuration.mail = try MailSettings.fromEnvironment(environment)
        configuration.mapTiles = try MapTiles.parse(environment["NEIG_MAP_TILES"])
        configuration.addressSearch = try AddressSearch.parse(environment["NEIG_ADDRESS_SEARCH"])
        configuration.inactiveDays = try InactiveAccounts.parseDays(environment["NEIG_INACTIVE_DAYS"])
        if let directory = environment["NEIG_LEAFLET_DIR"], !directory.isEmpty {
            configuration.leafletDirectory = directory
        }
        if let url = environment["NEIG_PUBLIC_URL"], !url.isEmpty {
            configuration.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        return configuration
    }

    /// The bundled table, or a newer one in the same format after municipal mergers, with the boundaries and interior
    /// points that belong to it (`NEIG_BOUNDARIES_FILE`, `NEIG_MUNICIPAL_POINTS_FILE`); all three must name the same
    /// municipalities.
    static func municipalities(
        file: String?, boundariesFile: String? = nil, pointsFile: String? = nil
    ) throws -> MunicipalityRegistry {
        let files = [file, boundariesFile, pointsFile].compactMap { $0?.isEmpty == false ? $0 : nil }
        guard !files.isEmpty else { return .bundled }
        func contents(_ path: String, _ variable: String) throws -> Data {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("\(variable): cannot read \(path)")
            }
            return data
        }
        var table = MunicipalityRegistry.bundledTable
        if let file, !file.isEmpty {
            switch MunicipalityRegistry.parse([UInt8](try contents(file, "NEIG_MUNICIPALITIES_FILE"))) {
            case .success(let registry): table = registry
            case .failure(let problems): throw ConfigurationError("NEIG_MUNICIPALITIES_FILE \(file):\n\(problems)")
            }
        }
        var boundaries = MunicipalBoundaries.bundled
        if let boundariesFile, !boundariesFile.isEmpty {
            switch MunicipalBoundaries.parse(try contents(boundariesFile, "NEIG_BOUNDARIES_FILE")) {
            case .success(let parsed): boundaries = parsed
            case .failure(let problems):
                throw ConfigurationError("NEIG_BOUNDARIES_FILE \(boundariesFile):\n\(problems)")
            }
        }
        var points = MunicipalPoints.bundled
        if let pointsFile, !pointsFile.isEmpty {
            switch MunicipalPoints.parse([UInt8](try contents(pointsFile, "NEIG_MUNICIPAL_POINTS_FILE"))) {
            case .success(let parsed): points = parsed
            case .failure(let problems):
                throw ConfigurationError("NEIG_MUNICIPAL_POINTS_FILE \(pointsFile):\n\(problems)")
            }
        }
        switch MunicipalityRegistry.assemble(table: table, boundaries: boundaries, points: points) {
        case .success(let registry): return registry
        case .failure(let problems):
            throw ConfigurationError(
                "the municipality table, NEIG_BOUNDARIES_FILE and NEIG_MUNICIPAL_POINTS_FILE must name the same municipalities (after a merger, replace all three):\n\(problems)"
            )
        }
    }
}

/// The current time and the Dutch calendar date. Injected so tests can pin "today".
public struct NEIGClock: Sendable {
    public var now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = NEIGClock(now: { Date() })

    public static let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!

    /// Today's date in the Netherlands; incident dates are Dutch calendar dates.
    public var today: CivilDate { Self.civilDate(of: now()) }

    /// The Dutch calendar date of a moment, whatever the daylight-saving offset that day.
    public static func civilDate(of moment: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = amsterdam
        let parts = calendar.dateComponents([.year, .month, .day], from: moment)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
