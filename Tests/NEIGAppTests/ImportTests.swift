import Fluent
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct ImportTests {
    @Test func importWritesEveryRowAndReimportInsertsNothing() async throws {
        try await withNEIGApp { app in
            let first = try await importCSV(app, sampleCSV)
            #expect(first.problems.isEmpty)
            #expect(first.summary == .init(inserted: 4, alreadyPresent: 0, rejected: 0))
            #expect(try await incidentCount(app) == 4)
            let stored = try #require(try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first())
            #expect(stored.postcode == "1017GC")
            #expect(abs(stored.latitude - 52.373) < 0.002)

            let again = try await importCSV(app, sampleCSV)
            #expect(again.summary == .init(inserted: 0, alreadyPresent: 4, rejected: 0))
            #expect(try await incidentCount(app) == 4)
        }
    }

    @Test func dryRunReportsWithoutWriting() async throws {
        try await withNEIGApp { app in
            let outcome = try await importCSV(app, sampleCSV, dryRun: true)
            #expect(outcome.summary.inserted == 4)
            #expect(try await incidentCount(app) == 0)
        }
    }

    /// Every class of bad input rejects the whole file and leaves the register as it was.
    @Test(arguments: [
        (
            "bad date", incidentHeader + "X-1;2025-02-30;;GM0363;;;;121400;487400;woning;explosief;\n",
            "line 2, column datum"
        ),
        (
            "unknown municipality", incidentHeader + "X-1;2025-02-01;;GM9999;;;;121400;487400;woning;explosief;\n",
            "line 2, column gemeentecode"
        ),
        (
            "bad target", incidentHeader + "X-1;2025-02-01;;GM0363;;;;121400;487400;huis;explosief;\n",
            "line 2, column doelwit"
        ),
        (
            "future date", incidentHeader + "X-1;2025-07-01;;GM0363;;;;121400;487400;woning;explosief;\n",
            "line 2, column datum"
        ),
        (
            "bad time", incidentHeader + "X-1;2025-02-01;24:00;GM0363;;;;121400;487400;woning;explosief;\n",
            "line 2, column tijd"
        ),
        (
            "outside the Netherlands", incidentHeader + "X-1;2025-02-01;;GM0363;;;;121400;700000;woning;explosief;\n",
            "line 2, column x"
        ),
        (
            "duplicate bron_id",
            incidentHeader
                + "X-1;2025-02-01;;GM0363;;;;121400;487400;woning;explosief;\nX-1;2025-02-02;;GM0363;;;;121400;487400;woning;explosief;\n",
            "line 3, column bron_id"
        ),
        ("wrong field count", incidentHeader + "X-1;2025-02-01;;GM0363;;;;121400;487400;woning\n", "line 2:"),
        (
            "unterminated quote",
            incidentHeader + "X-1;2025-02-01;;GM0363;;\"Kerkstraat 1;;121400;487400;woning;explosief;\n", "line 2:"
        ),
        (
            "overlong field",
            incidentHeader + "X-1;2025-02-01;;GM0363;;;;121400;487400;woning;explosief;"
                + String(repeating: "x", count: 10_001) + "\n", "line 2, column omschrijving"
        ),
        (
            "missing column", "bron_id;datum;gemeentecode;x;y;doelwit\nX-1;2025-02-01;GM0363;121400;487400;woning\n",
            "line 1, column middel"
        ),
        ("empty file", "", "line 1:")
    ])
    func badInputRejectsTheWholeFile(_ name: String, _ csv: String, _ expected: String) async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            let before = try await Incident.query(on: app.db).sort(\.$sourceID).all().map(\.record)
            let rejected = try await importCSV(app, csv)
            #expect(!rejected.succeeded, "\(name) was accepted")
            #expect(rejected.problems.contains { $0.description.hasPrefix(expected) }, "\(name): \(rejected.problems)")
            #expect(rejected.summary.inserted == 0)
            let after = try await Incident.query(on: app.db).sort(\.$sourceID).all().map(\.record)
            #expect(after == before, "\(name) changed the register")
        }
    }

    /// ÿ (0xFF) alone would be Windows-1252; 0x8D is a byte that encoding leaves undefined.
    @Test func bytesNeitherUTF8NorWindows1252AreRejectedWithTheirLine() async throws {
        try await withNEIGApp { app in
            var bytes = Array((incidentHeader + "X-1;2025-02-01;;GM0363;;").utf8)
            bytes += [0xFF, 0x8D]
            bytes += Array(";;121400;487400;woning;explosief;\n".utf8)
            let outcome = try await IncidentImporter.run(
                bytes, source: "politie", dryRun: false, actor: "test", app: app)
            #expect(outcome.problems.map(\.line) == [2])
            #expect(try await incidentCount(app) == 0)
        }
    }

    @Test func validRowsInARejectedFileAreNotWritten() async throws {
        try await withNEIGApp { app in
            let outcome = try await importCSV(
                app, sampleCSV + "B-1;2025-13-01;;GM0363;;;;121400;487400;woning;explosief;\n")
            #expect(
                outcome.problems.map(\.description) == [
                    "line 6, column datum: '2025-13-01' is geen bestaande datum (JJJJ-MM-DD of DD-MM-JJJJ)"
                ])
            #expect(outcome.summary.rejected == 1)
            #expect(try await incidentCount(app) == 0)
        }
    }

    @Test func webUploadImportsForAnalystsAndRefusesOthers() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "analist@example.nl", role: .analyst, organisation: "vng")
            try await makeUser(app, email: "corp@example.nl", role: .housingCorporation, organisation: "corp")
            let analyst = try await login(app, email: "analist@example.nl")
            let corporation = try await login(app, email: "corp@example.nl")
            func upload(_ browser: Browser, _ csv: String, csrf: String? = nil) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(
                    .POST, "import",
                    beforeRequest: { req in
                        req.headers = browser.headers()
                        let boundary = "neigtestboundary"
                        req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                        var body =
                            "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf ?? browser.csrf)\r\n"
                        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"bron\"\r\n\r\npolitie\r\n"
                        body +=
                            "--\(boundary)\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"incidenten.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
                        body += "--\(boundary)--\r\n"
                        req.body = ByteBuffer(string: body)
                    }, afterResponse: { res in result = (res.status, res.body.string) })
                return result
            }
            let bad = try await upload(
                analyst, sampleCSV + "B-1;2025-13-01;;GM0363;;;;121400;487400;woning;explosief;\n")
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.contains("regel 6, kolom datum"))
            #expect(try await incidentCount(app) == 0)

            // The first step checks and previews; nothing is written until the importer confirms.
            let checked = try await upload(analyst, sampleCSV)
            #expect(checked.0 == .ok)
            #expect(checked.1.contains("Nieuw: 4 incidenten"))
            #expect(checked.1.contains("Gelezen als CSV, UTF-8"))
            #expect(checked.1.contains("Kerkstraat 1"), "the preview shows the rows")
            #expect(try await incidentCount(app) == 0)
            let token = try #require(
                checked.1.firstMatch(of: #/name="bestand" value="([0-9a-f-]{36})"/#).map { String($0.1) })
            func confirm(_ browser: Browser) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(
                    .POST, SiteURL.confirmImport.path, headers: browser.headers(),
                    beforeRequest: { req in
                        try req.content.encode(["csrf": browser.csrf, "bestand": token], as: .urlEncodedForm)
                    },
                    afterResponse: { res in result = (res.status, res.body.string) })
                return result
            }
            _ = try await makeUser(app, email: "analist2@example.nl", role: .analyst, organisation: "vng")
            let stranger = try await confirm(try await login(app, email: "analist2@example.nl"))
            #expect(stranger.0 == .badRequest, "a checked file is only its uploader's to import")
            let good = try await confirm(analyst)
            #expect(good.0 == .ok)
            #expect(good.1.contains("Toegevoegd: 4"))
            #expect(
                good.1.contains("/incidenten?van=2024-12-31&amp;tot=2025-03-15")
                    || good.1.contains("/incidenten?van=2024-12-31&tot=2025-03-15"))
            #expect(try await incidentCount(app) == 4)
            let twice = try await confirm(analyst)
            #expect(twice.0 == .badRequest, "a second click does not import again")
            #expect(try await incidentCount(app) == 4)

            for format in [SiteURL.ImportTemplateFormat.csv, .xlsx] {
                try await app.testing().test(.GET, SiteURL.importTemplate(format).path, headers: analyst.headers()) {
                    res in
                    #expect(res.status == .ok)
                    let bytes = Array(res.body.readableBytesView)
                    let parsed = IncidentImportParser(
                        municipalities: app.neig.municipalities, today: app.neig.clock.today
                    ).parse(bytes)
                    #expect(parsed.problems.isEmpty, "the template's example row imports: \(parsed.problems)")
                    #expect(parsed.records.count == 1)
                }
            }

            let forged = try await upload(analyst, sampleCSV, csrf: "forged")
            #expect(forged.0 == .forbidden)

            let refused = try await upload(corporation, sampleCSV)
            #expect(refused.0 == .forbidden)
        }
    }
}
