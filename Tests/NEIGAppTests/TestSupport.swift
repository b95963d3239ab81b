import Fluent
import Foundation
import NEIGCore
import Testing
import Vapor
import VaporTesting

@testable import NEIGApp

/// The fixed "now" of the tests: 30 June 2025, noon in Amsterdam.
let testNow = Date(timeIntervalSince1970: 1_751_277_600)
let testToday = CivilDate(year: 2025, month: 6, day: 30)!

/// Runs `body` against a fresh database: an SQLite file by default, or — when `DATABASE_URL` is set,
/// as in CI's second run — a schema of its own in that PostgreSQL database, dropped afterwards.
func withNEIGApp(demo: Bool = false, now: Date = testNow, _ body: (Application) async throws -> Void) async throws {
    let environment = ProcessInfo.processInfo.environment
    var schema: String?
    let location: DatabaseLocation
    var sqliteFile: String?
    if let url = environment["DATABASE_URL"], !url.isEmpty {
        location = try .parse(url)
        schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    } else {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "neig-test-\(UUID().uuidString).sqlite"
        ).path
        sqliteFile = path
        location = .sqlite(path: path)
    }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    var configuration = AppConfiguration(
        database: location, loadDemoData: demo, clock: NEIGClock(now: { now }),
        postgresSchema: schema)
    // Pages must not depend on whether this machine has libjs-leaflet: the tests bring two stand-in files.
    configuration.leafletDirectory = leafletFixtures
    do {
        try await configure(app, with: configuration, passwordHashCost: 4)
        _ = try await prepareDatabase(app, loadDemoData: demo)
        try await body(app)
    } catch {
        try await cleanUp(app, schema: schema, sqliteFile: sqliteFile)
        throw error
    }
    try await cleanUp(app, schema: schema, sqliteFile: sqliteFile)
}

private func cleanUp(_ app: Application, schema: String?, sqliteFile: String?) async throws {
    if let schema {
        try? await app.db.sql.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run()
    }
    try await app.asyncShutdown()
    if let sqliteFile {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqliteFile + suffix) }
    }
}

/// A logged-in browser: the session cookie and the form token of that session.
struct Browser {
    let cookie: String
    let csrf: String

    func headers(_ extra: [(String, String)] = []) -> HTTPHeaders {
        var headers = HTTPHeaders([("Cookie", cookie)])
        for (name, value) in extra { headers.add(name: name, value: value) }
        return headers
    }
}

let testPassword = "correct horse battery staple"

/// An organisation of the kind each role belongs to: municipal roles in Amsterdam, partners in their own.
func testOrganisation(for role: Role) -> String {
    switch role {
    case .municipalOfficer, .mayor: "GM0363"
    case .analyst, .coordinator: "vng"
    default: "test-" + role.rawValue.replacingOccurrences(of: "_", with: "-")
    }
}

@discardableResult
func makeUser(_ app: Application, email: String, role: Role, organisation: String) async throws -> UUID {
    try await AccountService.createUser(
        email: email, name: email.components(separatedBy: "@")[0], role: role,
        organisationCode: organisation, password: testPassword, on: app)
}

/// Logs in through the real login form (double-submit CSRF cookie included).
func login(_ app: Application, email: String, password: String = testPassword) async throws -> Browser {
    var visitorToken = ""
    try await app.testing().test(.GET, "login") { res in
        visitorToken = res.headers.setCookie?[SessionPolicy.csrfCookieName]?.string ?? ""
    }
    var sessionCookie = ""
    var location = ""
    try await app.testing().test(
        .POST, "login",
        beforeRequest: { req in
            req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=\(visitorToken)")
            try req.content.encode(["email": email, "password": password, "csrf": visitorToken], as: .urlEncodedForm)
        },
        afterResponse: { res in
            #expect(res.status == .seeOther, "login of \(email) failed: \(res.body.string.prefix(300))")
            sessionCookie = res.headers.setCookie?[SessionPolicy.cookieName]?.string ?? ""
            location = res.headers.first(name: .location) ?? ""
        })
    if location.hasPrefix(SiteURL.secondFactor.path) {
        sessionCookie = try await passSecondFactor(app, pendingCookie: sessionCookie)
    }
    let session = try #require(
        try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(sessionCookie)).first())
    #expect(!session.isAwaitingSecondFactor)
    return Browser(cookie: "\(SessionPolicy.cookieName)=\(sessionCookie)", csrf: session.csrfToken)
}

/// The code an authenticator app shows at the test clock's time, or the next one when that was used already.
func currentTOTPCode(secret: String, usedCounter: Int?, now: Date = testNow) -> String {
    let current = SecondFactor.counter(at: now)
    let step = max(current, (usedCounter ?? current - 1) + 1)
    return SecondFactor.code(secret: secret, counter: step) ?? ""
}

/// Enrols (first time) or enters a TOTP code, as a user with an authenticator app would; returns the new session cookie.
func passSecondFactor(_ app: Application, pendingCookie: String) async throws -> String {
    let cookieHeader = "\(SessionPolicy.cookieName)=\(pendingCookie)"
    try await app.testing().test(.GET, SiteURL.secondFactor.path, headers: ["Cookie": cookieHeader]) { res in
        #expect(res.status == .ok)
    }
    let pending = try #require(
        try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(pendingCookie))
            .with(\.$user).first())
    let secret = try #require(pending.user.totpSecret ?? pending.totpEnrolmentSecret)
    let code = currentTOTPCode(secret: secret, usedCounter: pending.user.totpUsedCounter)
    var cookie = ""
    try await app.testing().test(
        .POST, SiteURL.secondFactor.path,
        beforeRequest: { req in
            req.headers.add(name: "Cookie", value: cookieHeader)
            try req.content.encode(["code": code, "csrf": pending.csrfToken], as: .urlEncodedForm)
        },
        afterResponse: { res in
            #expect([.ok, .seeOther].contains(res.status), "second factor failed: \(res.body.string.prefix(300))")
            cookie = res.headers.setCookie?[SessionPolicy.cookieName]?.string ?? ""
        })
    return cookie
}

func importCSV(_ app: Application, _ text: String, source: String = "politie", dryRun: Bool = false) async throws
    -> IncidentImporter.Outcome
{
    try await IncidentImporter.run(Array(text.utf8), source: source, dryRun: dryRun, actor: "test", app: app)
}

let incidentHeader = "bron_id;datum;tijd;gemeentecode;gemeente;adres;postcode;x;y;doelwit;middel;omschrijving\n"

/// A few incidents in Amsterdam and Rotterdam with addresses.
let sampleCSV =
    incidentHeader + """
        A-1;2025-01-01;00:30;GM0363;Amsterdam;Kerkstraat 1;1017 GC;121400;487400;woning;explosief;Voordeur
        A-2;2025-03-15;;GM0363;Amsterdam;Kerkstraat 1;1017 GC;121400;487400;woning;vuurwerk;
        R-1;2025-02-10;23:10;GM0599;Rotterdam;Coolsingel 40;3011 AD;92500;437500;bedrijf;explosief;Etalage
        R-2;2024-12-31;;GM0599;Rotterdam;Witte de Withstraat 8;3012 BP;92300;437200;voertuig;handgranaat;

        """

/// Walks that read every rendered page for wording or markup depend on rendering, not on the database, and cost
/// minutes: they run on SQLite only. Walks whose input reaches the database (numbers, access rules) run on both.
let renderingWalksRunHere = ProcessInfo.processInfo.environment["DATABASE_URL"]?.isEmpty ?? true

func incidentCount(_ app: Application) async throws -> Int { try await Incident.query(on: app.db).count() }

/// Stand-ins for Debian's libjs-leaflet, so every test app offers the zoomable maps the same way.
let leafletFixtures: String = {
    guard let url = Bundle.module.url(forResource: "leaflet.min", withExtension: "js", subdirectory: "Fixtures/leaflet")
    else { fatalError("Fixtures/leaflet is missing from the test bundle") }
    return url.deletingLastPathComponent().path
}()
