import Fluent
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct AnalyseTests {
    /// A near-repeat chain in Amsterdam (same street within days) and scattered attacks in Rotterdam.
    static let chainCSV =
        incidentHeader
        + (0..<12).map { i in
            "NR-\(i);2025-03-\(String(format: "%02d", 1 + i * 2));;GM0363;Amsterdam;;;\(121400 + i * 30);\(487400 + (i % 3) * 40);woning;explosief;\n"
        }.joined()
        + (0..<12).map { i in
            "RS-\(i);2025-\(String(format: "%02d", 1 + i % 6))-15;;GM0599;Rotterdam;;;\(88000 + i * 900);\(435000 + (i % 4) * 1100);bedrijf;explosief;\n"
        }.joined()

    func get(_ app: Application, _ path: String, as browser: Browser) async throws -> TestingHTTPResponse {
        var response: TestingHTTPResponse?
        try await app.testing().test(.GET, path, headers: browser.headers()) { response = $0 }
        return try #require(response)
    }

    @Test func analystSeesTheMatrixKnoxAndHotspotsWithoutIndividualPoints() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, Self.chainCSV)
            try await makeUser(app, email: "analist@vng.nl", role: .analyst, organisation: "VNG")
            let analyst = try await login(app, email: "analist@vng.nl")
            let page = try await get(
                app, "/analyse?gemeente=GM0363&van=2025-01-01&tot=2025-12-31&afstanden=100,200&dagen=7,14", as: analyst)
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains("12 aanslagen van 1 januari 2025 tot en met 31 december 2025"))
            #expect(body.contains("Er is een near-repeatpatroon"))
            #expect(
                body.contains(
                    "<caption>Paren van aanslagen naar afstand (rijen) en termijn (kolommen), gemeente Amsterdam</caption>"
                ))
            #expect(
                body.contains("class=\"nr-4\"") || body.contains("class=\"nr-3\""),
                "a strongly elevated cell is coloured")
            #expect(
                body.contains("aria-labelledby=\"kaart-hotspots\"") && !body.contains("data-kind=\"aanslag\""),
                "an analyst sees density, not the attacks' locations")

            let csv = try await get(
                app, "/analyse/matrix.csv?gemeente=GM0363&van=2025-01-01&tot=2025-12-31&afstanden=100,200&dagen=7,14",
                as: analyst)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\n")
            #expect(lines.first == "distance_band;time_band;distance_label;time_label;observed;expected;ratio;p_value")
            #expect(lines.count == 1 + 4 * 3)
            let pairs = lines.dropFirst().compactMap { line -> Int? in Int(line.split(separator: ";")[4]) }
            #expect(pairs.reduce(0, +) == 66, "every pair of the 12 attacks is in one cell")
        }
    }

    @Test func municipalStaffAnalyseOnlyTheirOwnMunicipalityAndSeeItsPoints() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, Self.chainCSV)
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "burgemeester@amsterdam.nl", role: .mayor, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let own = try await get(app, "/analyse?van=2025-01-01&tot=2025-12-31", as: officer)
            #expect(own.status == .ok)
            #expect(own.body.string.contains("Uitkomst voor gemeente Amsterdam"))
            #expect(own.body.string.contains("<circle"))
            #expect(!own.body.string.contains("value=\"GM0599\""), "other municipalities are not offered")
            #expect(try await get(app, "/analyse?gemeente=GM0599", as: officer).status == .notFound)
            #expect(try await get(app, "/analyse/matrix.csv?gemeente=GM0599", as: officer).status == .notFound)
            let mayor = try await login(app, email: "burgemeester@amsterdam.nl")
            #expect(try await get(app, "/analyse", as: mayor).status == .forbidden)
        }
    }

    @Test func badBandsAreExplainedNextToTheField() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "analist@vng.nl", role: .analyst, organisation: "VNG")
            let analyst = try await login(app, email: "analist@vng.nl")
            let page = try await get(app, "/analyse?afstanden=200,100&dagen=7,x&van=gisteren", as: analyst)
            #expect(page.status == .unprocessableEntity)
            let body = page.body.string
            #expect(body.contains("href=\"#veld-dagen\""))
            #expect(body.contains("href=\"#veld-van\""))
            #expect(body.contains("‘gisteren’ is geen datum"))
            #expect(!body.contains("Near-repeatmatrix</h2>"), "no results for a question that could not be read")
            #expect(try await get(app, "/analyse/matrix.csv?afstanden=200,100", as: analyst).status == .badRequest)
        }
    }
}
