import Fluent
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct CaseTests {
    func post(_ app: Application, _ path: String, _ body: [String: String], as browser: Browser) async throws
        -> TestingHTTPResponse
    {
        var response: TestingHTTPResponse?
        try await app.testing().test(
            .POST, path,
            beforeRequest: { req in
                req.headers = browser.headers()
                try req.content.encode(body.merging(["csrf": browser.csrf]) { $1 }, as: .urlEncodedForm)
            }, afterResponse: { response = $0 })
        return try #require(response)
    }

    func get(_ app: Application, _ path: String, as browser: Browser) async throws -> TestingHTTPResponse {
        var response: TestingHTTPResponse?
        try await app.testing().test(.GET, path, headers: browser.headers()) { response = $0 }
        return try #require(response)
    }

    func openCase(_ app: Application, as browser: Browser) async throws -> String {
        let created = try await post(
            app, "zaken",
            [
                "titel": "Kerkstraat 1", "adres": "Kerkstraat 1, Amsterdam", "fase": "dreiging",
                "vertrouwelijkheid": "vertrouwelijk", "termijn": "56"
            ], as: browser)
        #expect(created.status == .seeOther)
        return try #require(created.headers.first(name: .location))
    }

    @Test func aCaseRunsFromThreatThroughExplosionAndAftercareToClosure() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let path = try await openCase(app, as: officer)
            for (phase, note) in [
                ("explosie", "Explosie bij de voordeur om 02:10."), ("nazorg", ""), ("gesloten", "Rust in de straat.")
            ] {
                #expect(
                    try await post(app, path + "/fase", ["fase": phase, "toelichting": note], as: officer).status
                        == .seeOther)
            }
            let caseFile = try #require(try await CaseFile.query(on: app.db).first())
            #expect(caseFile.phase == .gesloten)
            #expect(caseFile.handleBefore == "2025-08-25")
            let history = try await CaseEvent.query(on: app.db).sort(\.$position).all()
            #expect(history.map(\.toPhase) == [.dreiging, .explosie, .nazorg, .gesloten])
            let page = try await get(app, path, as: officer).body.string
            #expect(page.contains("fase van explosie naar nazorg"))
            #expect(page.contains("Explosie bij de voordeur om 02:10."))
            #expect(page.contains("<option value=\"dreiging\">Dreiging</option>"), "a closed case can only be reopened")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "case.phase").filter(\.$result == "success")
                    .count() == 3)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "case.create").first()?.processingActivity
                    == "zaakbehandeling")
        }
    }

    @Test func phasesFollowTheWhitelist() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let path = try await openCase(app, as: officer)
            let refused = try await post(app, path + "/fase", ["fase": "nazorg"], as: officer)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Vanuit dreiging kan de zaak alleen naar explosie of gesloten."))
            #expect(try await CaseFile.query(on: app.db).first()?.phase == .dreiging)
            #expect(try await CaseEvent.query(on: app.db).count() == 1)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "case.phase").filter(\.$result == "denied")
                    .count() == 1)
            #expect(CasePhase.allCases.allSatisfy { !$0.canMove(to: $0) }, "no transition to the same phase")
        }
    }

    @Test func nobodyOutsideTheMunicipalitySeesItsCases() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "burgemeester@amsterdam.nl", role: .mayor, organisation: "GM0363")
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            try await makeUser(app, email: "analist@vng.nl", role: .analyst, organisation: "VNG")
            let path = try await openCase(app, as: try await login(app, email: "oov@amsterdam.nl"))
            let mayor = try await login(app, email: "burgemeester@amsterdam.nl")
            #expect(try await get(app, path, as: mayor).status == .ok)
            #expect(try await get(app, "/zaken", as: mayor).body.string.contains("Kerkstraat 1"))
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            #expect(try await get(app, path, as: rotterdam).status == .notFound)
            #expect(try await post(app, path + "/fase", ["fase": "explosie"], as: rotterdam).status == .notFound)
            #expect(!(try await get(app, "/zaken", as: rotterdam).body.string.contains("Kerkstraat 1")))
            let analyst = try await login(app, email: "analist@vng.nl")
            #expect(try await get(app, "/zaken", as: analyst).status == .forbidden)
            #expect(try await CaseFile.query(on: app.db).first()?.phase == .dreiging)
        }
    }

    @Test func anIncompleteFormIsExplained() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let response = try await post(
                app, "zaken", ["titel": "", "fase": "nazorg", "vertrouwelijkheid": "x", "termijn": "0"], as: officer)
            #expect(response.status == .unprocessableEntity)
            for field in ["titel", "fase", "vertrouwelijkheid", "termijn"] {
                #expect(response.body.string.contains("href=\"#veld-\(field)\""))
            }
            #expect(try await CaseFile.query(on: app.db).count() == 0)
        }
    }
}
