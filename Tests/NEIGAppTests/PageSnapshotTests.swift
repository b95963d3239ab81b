import Fluent
import Foundation
import NEIGCore
import SnapshotTesting
import Testing
import Vapor

@testable import NEIGApp

/// The main page of every feature, rendered from the demo data at the fixed test clock and compared with the HTML in
/// `__Snapshots__/PageSnapshotTests`: a change in markup is a reviewed diff. Ids and form tokens differ per run and
/// are numbered in order of appearance. A new or intended change is recorded with `SNAPSHOT_TESTING_RECORD=all`.
@Suite struct PageSnapshotTests {
    static let pages: [(name: String, email: String, path: String)] = [
        ("home-oov", "oov.amsterdam@demo.neig.nl", "/"),
        ("home-coordinator", "coordinator@demo.neig.nl", "/"),
        ("monitor", "analist@demo.neig.nl", "/monitor?jaar=2025"),
        ("login", "", "/login"),
        ("incidents", "oov.amsterdam@demo.neig.nl", "/incidenten"),
        ("alerts", "oov.amsterdam@demo.neig.nl", "/waarschuwingen"),
        ("analyse", "analist@demo.neig.nl", "/analyse"),
        ("cases", "oov.amsterdam@demo.neig.nl", "/zaken"),
        ("case", "oov.amsterdam@demo.neig.nl", "/zaken/{case}"),
        ("measure", "oov.amsterdam@demo.neig.nl", "/maatregelen/{measure}"),
        ("signals", "oov.amsterdam@demo.neig.nl", "/signalen"),
        ("interventions", "coordinator@demo.neig.nl", "/interventies"),
        ("intervention", "coordinator@demo.neig.nl", "/interventies/{intervention}"),
        ("library", "oov.amsterdam@demo.neig.nl", "/kennisbank"),
        ("questions", "oov.amsterdam@demo.neig.nl", "/vragen"),
        ("events", "oov.amsterdam@demo.neig.nl", "/bijeenkomsten"),
        ("news", "", "/nieuws"),
        ("case-studies", "oov.amsterdam@demo.neig.nl", "/casuistiek"),
        ("groups", "coordinator@demo.neig.nl", "/groepen"),
        ("members", "coordinator@demo.neig.nl", "/leden"),
        ("notifications", "oov.amsterdam@demo.neig.nl", "/notificaties"),
        ("open-data", "", "/open-data"),
        ("account", "oov.amsterdam@demo.neig.nl", "/account")
    ]

    @Test func everyFeaturesMainPageIsAsReviewed() async throws {
        try await withNEIGApp(demo: true) { app in
            let ids = try await Self.demoIDs(app)
            var browsers: [String: Browser] = [:]
            for page in Self.pages {
                var path = page.path
                for (key, id) in ids {
                    path = path.replacingOccurrences(of: "{\(key)}", with: id.uuidString.lowercased())
                }
                var headers = HTTPHeaders()
                if !page.email.isEmpty {
                    if browsers[page.email] == nil {
                        browsers[page.email] = try await login(app, email: page.email, password: DemoSeeder.password)
                        // The test clock stands still: the per-minute login limit would refuse the next account.
                        try await app.db.sql.delete(from: RateLimiter.table).run()
                    }
                    headers = browsers[page.email]!.headers()
                }
                var html = ""
                try await app.testing().test(.GET, path, headers: headers) { res in
                    #expect(res.status == .ok, "\(page.name): \(path)")
                    html = res.body.string
                }
                assertSnapshot(of: Self.normalised(html), as: .lines, named: page.name)
            }
        }
    }

    static func demoIDs(_ app: Application) async throws -> [String: UUID] {
        let caseFile = try #require(try await CaseFile.query(on: app.db).sort(\.$createdAt).first())
        let measure = try #require(try await Measure.query(on: app.db).sort(\.$createdAt).first())
        let intervention = try #require(try await Intervention.query(on: app.db).sort(\.$name).first())
        return [
            "case": try caseFile.requireID(), "measure": try measure.requireID(),
            "intervention": try intervention.requireID()
        ]
    }

    /// Ids and tokens as placeholders numbered by first appearance, so equal pages give equal text.
    static func normalised(_ html: String) -> String {
        var text = html
        for (pattern, label) in [
            (#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, "id"),
            (#"(?<=name="csrf" value=")[^"]+"#, "csrf")
        ] {
            let expression = try! NSRegularExpression(pattern: pattern)
            let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                Range($0.range, in: text)!
            }
            var numbers: [String: Int] = [:]
            for range in matches where numbers[text[range].lowercased()] == nil {
                numbers[text[range].lowercased()] = numbers.count + 1
            }
            for range in matches.reversed() {
                text.replaceSubrange(range, with: "{\(label)-\(numbers[text[range].lowercased()]!)}")
            }
        }
        // One element per line keeps a diff readable.
        return text.replacingOccurrences(of: "><", with: ">\n<")
    }
}
