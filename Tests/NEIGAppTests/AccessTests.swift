import Fluent
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct AccessTests {
    func get(_ app: Application, _ path: String, as browser: Browser?) async throws -> (HTTPStatus, String, HTTPHeaders)
    {
        var result: (HTTPStatus, String, HTTPHeaders) = (.ok, "", [:])
        try await app.testing().test(
            .GET, path,
            beforeRequest: { req in
                if let browser { req.headers = browser.headers() }
            }, afterResponse: { res in result = (res.status, res.body.string, res.headers) })
        return result
    }

    @Test func municipalOfficerSeesOwnAddressesButNotAnotherMunicipalitys() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie-rotterdam")
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            let police = try await login(app, email: "agent@politie.nl")
            let amsterdamIncident = try #require(
                try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first())
            let id = try amsterdamIncident.requireID().uuidString.lowercased()

            let list = try await get(app, "/incidenten", as: rotterdam)
            #expect(list.0 == .ok)
            #expect(list.1.contains("Coolsingel 40"))
            #expect(!list.1.contains("Kerkstraat"))

            let detail = try await get(app, "/incidenten/\(id)", as: rotterdam)
            #expect(detail.0 == .ok)
            #expect(!detail.1.contains("Kerkstraat"))
            #expect(!detail.1.contains("1017GC"))

            let api = try await get(app, "/api/v1/incidents/\(id)", as: rotterdam)
            #expect(api.0 == .ok)
            #expect(api.1.contains("\"address\":null"))
            #expect(!api.1.contains("Kerkstraat"))

            for path in [
                "/export/incidenten.csv", "/export/incidenten.geojson", "/monitor?jaar=2025", "/api/v1/incidents"
            ] {
                let body = try await get(app, path, as: rotterdam).1
                #expect(!body.contains("Kerkstraat"), "\(path) leaks an Amsterdam address")
            }
            // The repeat address in Amsterdam is counted for Rotterdam, not shown.
            #expect(
                try await get(app, "/monitor?jaar=2025", as: rotterdam).1.contains("Daarnaast 1 herhaald getroffen"))

            let policeView = try await get(app, "/incidenten/\(id)", as: police)
            #expect(policeView.1.contains("Kerkstraat 1"))
            #expect(try await get(app, "/monitor?jaar=2025", as: police).1.contains("Kerkstraat 1"))
        }
    }

    @Test(arguments: Role.allCases)
    func everyPageRendersForEveryRole(_ role: Role) async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            let organisation = testOrganisation(for: role)
            try await makeUser(app, email: "\(role.rawValue)@example.nl", role: role, organisation: organisation)
            let browser = try await login(app, email: "\(role.rawValue)@example.nl")
            let id = try #require(try await Incident.query(on: app.db).first()?.requireID()).uuidString.lowercased()
            let actor = Actor(role: role, municipalityCode: organisation.hasPrefix("GM") ? organisation : nil)
            var expectations: [(String, HTTPStatus)] = [
                ("/", .ok), ("/monitor", .ok), ("/monitor?jaar=2024", .ok), ("/monitor/gemeente/GM0363", .ok),
                ("/incidenten", .ok), ("/incidenten/\(id)", .ok), ("/open-data", .ok),
                ("/export/incidenten.csv", .ok), ("/export/incidenten.geojson", .ok)
            ]
            expectations.append(("/import", AccessPolicy.canImportIncidents(actor) ? .ok : .forbidden))
            expectations.append(("/incidenten/nieuw", AccessPolicy.canEnterIncidents(actor) ? .ok : .forbidden))
            for (path, status) in expectations {
                let response = try await get(app, path, as: browser)
                #expect(response.0 == status, "\(role.rawValue) \(path)")
                if status == .ok, response.2.contentType == .html {
                    #expect(response.1.contains("<main id=\"inhoud\""), "\(role.rawValue) \(path) has no main landmark")
                }
            }
        }
    }

    @Test func anonymousVisitorsAreSentToLoginAndGetProblemJSONFromTheAPI() async throws {
        try await withNEIGApp { app in
            let page = try await get(app, "/incidenten", as: nil)
            #expect(page.0 == .seeOther)
            #expect(page.2.first(name: .location)?.hasPrefix("/login?terug=") == true)
            let api = try await get(app, "/api/v1/incidents", as: nil)
            #expect(api.0 == .unauthorized)
            #expect(api.2.contentType?.subType == "problem+json")
            #expect(api.1.contains("\"status\":401"))
            #expect(try await get(app, "/open-data", as: nil).0 == .ok)
            #expect(try await get(app, "/api/v1/open-data?year=2025", as: nil).0 == .ok)
        }
    }
}
