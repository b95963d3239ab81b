import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct RegisterPageTests {
    func post(_ app: Application, _ path: String, as browser: Browser, form: [String: String]) async throws -> (
        HTTPStatus, String
    ) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(
            .POST, path,
            beforeRequest: { req in
                req.headers = browser.headers()
                try req.content.encode(form.merging(["csrf": browser.csrf]) { $1 }, as: .urlEncodedForm)
            }, afterResponse: { res in result = (res.status, res.body.string) })
        return result
    }

    @Test func invalidFormShowsAnErrorSummaryLinkedToTheFieldsAndSavesNothing() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            let police = try await login(app, email: "agent@politie.nl")
            let (status, body) = try await post(
                app, "/incidenten", as: police,
                form: [
                    "bron": "politie", "bron_id": "F-1", "datum": "2025-02-30", "gemeentecode": "", "x": "121400",
                    "y": "487400",
                    "doelwit": "woning", "middel": "explosief"
                ])
            #expect(status == .unprocessableEntity)
            #expect(body.contains("Er zijn 2 problemen"))
            #expect(body.contains("Datum: '2025-02-30' is geen bestaande datum"))
            // A bare `value` attribute is the empty string in HTML; without it the label would be submitted.
            #expect(body.contains("<option value selected=\"selected\">Kies een gemeente</option>"))
            #expect(body.contains("href=\"#veld-datum\""))
            #expect(body.contains("href=\"#veld-gemeentecode\""))
            #expect(body.contains("aria-invalid=\"true\""))
            #expect(body.contains("value=\"F-1\""), "the form keeps what the user typed")
            #expect(try await incidentCount(app) == 0)
        }
    }

    @Test func coordinatorsCorrectIncidentsAndTheChangeIsAudited() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "coord@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let coordinator = try await login(app, email: "coord@vng.nl")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let incident = try #require(try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first())
            let id = try incident.requireID().uuidString.lowercased()
            var values = IncidentFormView.values(of: incident)
            values["doelwit"] = "bedrijf"
            values["bron_id"] = "SNEAKY"

            let refused = try await post(app, "/incidenten/\(id)", as: officer, form: values)
            #expect(refused.0 == .forbidden)

            let saved = try await post(app, "/incidenten/\(id)", as: coordinator, form: values)
            #expect(saved.0 == .seeOther)
            let updated = try #require(try await Incident.find(incident.id, on: app.db))
            #expect(updated.target == .bedrijf)
            #expect(updated.sourceID == "A-1", "the source id of a stored incident cannot be changed")
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "incident.update").first())
            #expect(audit.objectID == id)
            #expect(audit.detail == "fields=doelwit")
            #expect(audit.actor.hasPrefix("user:"))
        }
    }

    @Test func csvExportIsDutchExcelFriendlyAndGeoJSONIsWGS84() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            try await app.testing().test(
                .GET, "export/incidenten.csv?gemeente=GM0363",
                beforeRequest: { req in
                    req.headers = officer.headers()
                },
                afterResponse: { res in
                    let bytes = Array(res.body.readableBytesView)
                    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
                    let lines = res.body.string.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
                    #expect(lines.first == IncidentCSV.header.joined(separator: ";"))
                    #expect(lines.count == 3)
                    #expect(lines[1].contains(";121400,0;487400,0;52,"))
                    #expect(res.headers.first(name: .contentDisposition)?.contains("attachment") == true)
                })
            try await app.testing().test(
                .GET, "export/incidenten.geojson",
                beforeRequest: { req in
                    req.headers = officer.headers()
                },
                afterResponse: { res in
                    let json =
                        try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                    #expect(json?["type"] as? String == "FeatureCollection")
                    let features = json?["features"] as? [[String: Any]] ?? []
                    // Rotterdam's incidents have no place in an Amsterdam officer's map.
                    #expect(features.count == 2)
                    let coordinates = (features.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
                    #expect(
                        coordinates.count == 2 && abs(coordinates[0] - 4.893) < 0.01
                            && abs(coordinates[1] - 52.373) < 0.01)
                })
        }
    }

    @Test func exportedFormulaLikeFieldsAreDefused() {
        #expect(CSVWriter().field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVWriter().field("-12,5") == "-12,5")
        #expect(CSVWriter().field("a;b") == "\"a;b\"")
    }
}

@Suite struct OperationsTests {
    @Test func healthChecksTheDatabaseAndMetricsCountRequestsAndImportedRows() async throws {
        try await withNEIGApp { app in
            try await app.testing().test(
                .GET, "health",
                afterResponse: { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("\"database\":\"ok\""))
                })
            _ = try await importCSV(app, sampleCSV)
            try await app.testing().test(.GET, "open-data", afterResponse: { res in #expect(res.status == .ok) })
            try await app.testing().test(
                .GET, "metrics",
                afterResponse: { res in
                    let text = res.body.string
                    #expect(
                        text.contains("neig_http_requests_total{route=\"/open-data\",method=\"GET\",status=\"200\"} 1"))
                    #expect(text.contains("neig_imported_rows_total{result=\"inserted\"} 4"))
                    #expect(text.contains("neig_http_request_duration_seconds_bucket{route=\"/health\""))
                })
        }
    }

    @Test func unknownAPIPathsAnswerWithProblemDetailsAndPagesWithADutchPage() async throws {
        try await withNEIGApp { app in
            try await app.testing().test(
                .GET, "api/v1/nope",
                afterResponse: { res in
                    #expect(res.status == .notFound)
                    #expect(res.headers.contentType?.subType == "problem+json")
                })
            try await app.testing().test(
                .GET, "bestaat-niet",
                beforeRequest: { req in
                    req.headers.replaceOrAdd(name: .accept, value: "text/html,application/xhtml+xml,*/*;q=0.8")
                },
                afterResponse: { res in
                    #expect(res.headers.contentType == .html)
                    #expect(res.status == .notFound)
                    #expect(res.body.string.contains("Niet gevonden"))
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                })
            try await app.testing().test(
                .GET, "metrics",
                afterResponse: { res in
                    #expect(
                        res.body.string.contains(
                            "neig_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 2"))
                })
        }
    }
}
