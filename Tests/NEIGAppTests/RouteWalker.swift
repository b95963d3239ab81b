import Fluent
import Foundation
import NEIGCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import NEIGApp

/// Walks every registered route with values of the caller's choice, as a logged-in member with demo data. Used by
/// the hostile-input tests; nothing here lists routes or parameters, so a new route is walked without being told.
final class RouteWalker: @unchecked Sendable {
    let app: Application
    let email: String
    private(set) var browser: Browser
    let userID: UUID

    init(app: Application, email: String, browser: Browser, userID: UUID) {
        self.app = app
        self.email = email
        self.browser = browser
        self.userID = userID
    }

    /// Every parameter name neig reads, from its sources: query keys (`at: "…"`, `queryInteger("…"`) and the
    /// optional properties of form and JSON bodies. Extra names do no harm; a missing one would go unwalked.
    static let parameterNames: [String] = {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Sources/NEIGApp"
        ).standardized
        var names = Set(["pagina"])
        let patterns = [
            #"at: "([a-z][a-z0-9_]*)""#, #"query(?:Integer|Page)\("([a-z][a-z0-9_]*)""#,
            #"(?:var|let) ([a-z][a-z0-9_]*): (?:String|Int|Double|Bool|APIScalar|\[String\]|\[String: String\])\?"#
        ]
        let expressions = patterns.map { try! NSRegularExpression(pattern: $0) }
        let files =
            FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            ?? []
        for file in files where file.pathExtension == "swift" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for expression in expressions {
                for match in expression.matches(in: text, range: range) {
                    names.insert((text as NSString).substring(with: match.range(at: 1)))
                }
            }
        }
        return names.sorted()
    }()

    /// Routes that end the session or the account the walk needs; AccountTests and MembershipTests cover them.
    static let skipped: Set<String> = ["/logout", "/account/opzeggen"]

    static func login(_ app: Application, as email: String) async throws -> RouteWalker {
        let browser = try await NEIGAppTests.login(app, email: email, password: DemoSeeder.password)
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        return RouteWalker(app: app, email: email, browser: browser, userID: try user.requireID())
    }

    struct Target {
        let method: HTTPMethod
        let pattern: String
        var path: String
        var api: Bool { pattern.hasPrefix("/api/") }
    }

    /// Every route with its path parameters filled by ids found on the list page above it (an object the user can
    /// reach, so the handler gets past its lookups), or a random id where the list shows none.
    func targets() async throws -> [Target] {
        var idsByList: [String: [String]] = [:]
        var targets: [Target] = []
        for route in app.routes.all {
            let pattern = "/" + route.path.map(\.description).joined(separator: "/")
            if Self.skipped.contains(pattern) { continue }
            var path = ""
            for component in route.path {
                switch component {
                case .constant(let value): path += "/" + value
                case .parameter(let name):
                    if name == "code" {
                        path += "/GM0363"
                        continue
                    }
                    if idsByList[path] == nil { idsByList[path] = try await ids(listedAt: path) }
                    let ids = idsByList[path]!.filter { $0 != userID.uuidString.lowercased() }
                    path += "/" + (ids.first ?? UUID().uuidString.lowercased())
                case .anything, .catchall: path += "/x"
                }
            }
            targets.append(Target(method: route.method, pattern: pattern, path: path))
        }
        return targets
    }

    /// The UUIDs a list page or API list links to, in order of appearance.
    func ids(listedAt path: String) async throws -> [String] {
        var body = ""
        try await app.testing().test(.GET, path, headers: browser.headers()) { res in
            if res.status == .ok { body = res.body.string }
        }
        let expression = try NSRegularExpression(
            pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", options: [.caseInsensitive])
        var seen: [String] = []
        for match in expression.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
            let id = (body as NSString).substring(with: match.range).lowercased()
            if !seen.contains(id) { seen.append(id) }
        }
        return seen
    }

    /// Sends one request: every name in `fields` in the query string, and for POST also in the body (a form, or
    /// JSON under `/api/` with numbers as JSON numbers). Returns the status and the body.
    func send(_ target: Target, fields: [(String, String)], path: String? = nil) async throws -> (
        HTTPStatus, String, HTTPHeaders
    ) {
        let query = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let uri = (path ?? target.path) + (query.isEmpty ? "" : "?" + query)
        try await stayLoggedIn()
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", [:])
        // The test clock stands still, so the per-minute limits would refuse the rest of the walk.
        try await (app.db as! any SQLDatabase).delete(from: RateLimiter.table).run()
        try await app.testing().test(
            target.method, uri,
            beforeRequest: { req in
                req.headers = browser.headers([("X-CSRF-Token", browser.csrf)])
                guard target.method == .POST else { return }
                if target.api {
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: Self.json(fields))
                } else {
                    req.headers.contentType = .urlEncodedForm
                    req.body = ByteBuffer(
                        string: (fields + [("csrf", browser.csrf)]).map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }
                            .joined(separator: "&"))
                }
            }, afterResponse: { res in result = (res.status, res.body.string, res.headers) })
        return result
    }

    /// Wrong codes posted by the walk lock the account and end the session, as they should; the walk logs in again
    /// so that the routes after them are still walked as a member.
    func stayLoggedIn() async throws {
        let token = String(browser.cookie.dropFirst(SessionPolicy.cookieName.count + 1))
        guard try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(token)).first() == nil else {
            return
        }
        let user = try #require(try await User.find(userID, on: app.db))
        Lockout.reset(user)
        user.status = nil
        // The test clock stands still: the next login may use the current TOTP step again.
        user.totpUsedCounter = nil
        try await user.save(on: app.db)
        try await (app.db as! any SQLDatabase).delete(from: RateLimiter.table).run()
        browser = try await NEIGAppTests.login(app, email: email, password: DemoSeeder.password)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A JSON object; a value that reads as a JSON number is sent as one, so `1e19` reaches Int and Double fields.
    static func json(_ fields: [(String, String)]) -> String {
        let members = fields.map { name, value -> String in
            let isNumber =
                value.range(of: #"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil
            let encoded = isNumber ? value : String(data: try! JSONEncoder().encode(value), encoding: .utf8)!
            return "\"\(name)\":\(encoded)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    func healthy() async throws -> Bool {
        var ok = false
        try await app.testing().test(.GET, "/health") { ok = $0.status == .ok }
        return ok
    }
}
