import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// Sends a request and checks the response body against the OpenAPI document.
func call(
    _ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: [String: Any]? = nil,
    documented: (path: String, method: String)
) async throws -> (HTTPStatus, [String: Any]) {
    let validator = try SchemaValidator(openAPI: Data(app.neig.openAPIDocument.utf8))
    var result: (HTTPStatus, [String: Any]) = (.ok, [:])
    try await app.testing().test(
        method, "api/v1" + path,
        beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = .init(token: token) }
            if let json {
                req.headers.contentType = .json
                req.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
            }
        },
        afterResponse: { res in
            let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any] ?? [:]
            let schema = try #require(
                validator.responseSchema(
                    path: documented.path, method: documented.method,
                    status: String(res.status.code)),
                "\(method) \(path) answered \(res.status.code), which the document does not describe")
            let errors = try validator.validate(Data(res.body.readableBytesView), against: schema)
            #expect(errors.isEmpty, "\(method) \(path) \(res.status.code): \(errors)")
            if res.status.code >= 400 { #expect(res.headers.contentType?.subType == "problem+json") }
            result = (res.status, body)
        })
    return result
}

@Suite struct APITests {
    @Test func responsesConformToTheOpenAPIDocument() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            try await makeUser(app, email: "corp@example.nl", role: .housingCorporation, organisation: "corp")
            let police = try await AccountService.createToken(email: "agent@politie.nl", label: "t", on: app)
            let corporation = try await AccountService.createToken(email: "corp@example.nl", label: "t", on: app)

            let list = try await call(app, .GET, "/incidents?limit=2", token: police, documented: ("/incidents", "get"))
            #expect(list.0 == .ok)
            #expect(list.1["total"] as? Int == 4)
            #expect((list.1["items"] as? [Any])?.count == 2)

            let filtered = try await call(
                app, .GET, "/incidents?municipality_code=GM0599&target=bedrijf", token: corporation,
                documented: ("/incidents", "get"))
            #expect(filtered.1["total"] as? Int == 1)
            let item = try #require((filtered.1["items"] as? [[String: Any]])?.first)
            #expect(item["location_visible"] as? Bool == false)
            #expect(item["address"] is NSNull)

            let badFilter = try await call(
                app, .GET, "/incidents?from=gisteren", token: police, documented: ("/incidents", "get"))
            #expect(badFilter.0 == .badRequest)

            let created = try await call(
                app, .POST, "/incidents", token: police,
                json: [
                    "source": "politie", "source_id": "API-1", "date": "2025-06-01", "time": "03:15",
                    "municipality_code": "GM0363",
                    "address": "Damrak 1", "postcode": "1012 LG", "lat": 52.3760, "lon": 4.8970, "target": "bedrijf",
                    "means": "explosief"
                ], documented: ("/incidents", "post"))
            #expect(created.0 == .created)
            #expect(created.1["postcode"] as? String == "1012LG")
            #expect(abs((created.1["rd_x"] as? Double ?? 0) - 121_400) < 500)
            let id = try #require(created.1["id"] as? String)

            let fetched = try await call(
                app, .GET, "/incidents/\(id)", token: police, documented: ("/incidents/{id}", "get"))
            #expect(fetched.1["source_id"] as? String == "API-1")

            let duplicate = try await call(
                app, .POST, "/incidents", token: police,
                json: [
                    "source": "politie", "source_id": "API-1", "date": "2025-06-01", "municipality_code": "GM0363",
                    "rd_x": 121400, "rd_y": 487400, "target": "bedrijf", "means": "explosief"
                ], documented: ("/incidents", "post"))
            #expect(duplicate.0 == .conflict)

            let invalid = try await call(
                app, .POST, "/incidents", token: police,
                json: [
                    "source_id": "API-2", "date": "2025-02-30", "municipality_code": "GM0000", "rd_x": 1, "rd_y": 1,
                    "target": "huis", "means": "explosief"
                ], documented: ("/incidents", "post"))
            #expect(invalid.0 == .unprocessableEntity)
            let columns = Set((invalid.1["errors"] as? [[String: Any]] ?? []).compactMap { $0["column"] as? String })
            #expect(columns == ["date", "municipality_code", "target", "rd_x"])
            #expect(try await incidentCount(app) == 5)

            let refused = try await call(
                app, .POST, "/incidents", token: corporation, json: ["source_id": "X"],
                documented: ("/incidents", "post"))
            #expect(refused.0 == .forbidden)

            let missing = try await call(
                app, .GET, "/incidents/\(UUID().uuidString)", token: police, documented: ("/incidents/{id}", "get"))
            #expect(missing.0 == .notFound)

            let monitor = try await call(
                app, .GET, "/monitor?year=2025", token: corporation, documented: ("/monitor", "get"))
            #expect(monitor.1["total"] as? Int == 4)

            let anonymous = try await call(app, .GET, "/monitor", token: nil, documented: ("/monitor", "get"))
            #expect(anonymous.0 == .unauthorized)

            let openData = try await call(
                app, .GET, "/open-data?year=2025", token: nil, documented: ("/open-data", "get"))
            #expect(openData.0 == .ok)
        }
    }

    @Test func everyAPIRouteIsDocumentedAndEveryDocumentedPathExists() async throws {
        try await withNEIGApp { app in
            let document = try JSONSerialization.jsonObject(with: Data(app.neig.openAPIDocument.utf8)) as! [String: Any]
            let documented = Set(
                (document["paths"] as! [String: Any]).flatMap { path, item in
                    (item as! [String: Any]).keys.map {
                        "\($0.uppercased()) /api/v1\(path.replacingOccurrences(of: "{id}", with: ":id"))"
                    }
                })
            let registered = Set(
                app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }
                    .filter { $0.contains("/api/v1/") && !$0.hasSuffix("openapi.json") })
            #expect(documented == registered)
        }
    }
}

@Suite struct SchemaValidatorTests {
    @Test func validatorRejectsBodiesThatBreakTheDocument() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/NEIGApp/Resources/openapi.json")
        let validator = try SchemaValidator(openAPI: try Data(contentsOf: url))
        let schema = validator.schema("MonitorReport")
        let good =
            #"{"year":2024,"total":1,"by_target":{"woning":1,"bedrijf":0,"voertuig":0,"overig":0},"by_month":[1,0,0,0,0,0,0,0,0,0,0,0],"previous_year_total":null,"change_pct":null,"top_municipalities":[]}"#
        #expect(try validator.validate(Data(good.utf8), against: schema).isEmpty)
        let bad =
            #"{"year":true,"total":1,"by_target":{"woning":1},"by_month":[1],"previous_year_total":"x","top_municipalities":[],"extra":1}"#
        let errors = try validator.validate(Data(bad.utf8), against: schema)
        #expect(
            Set(errors) == [
                "$.year: expected integer, got true", "$.by_target: missing required 'bedrijf'",
                "$.by_target: missing required 'voertuig'", "$.by_target: missing required 'overig'",
                "$.by_month: fewer than 12 items", "$.previous_year_total: expected integer|null, got 'x'",
                "$: missing required 'change_pct'", "$: unexpected property 'extra'"
            ], "\(errors)")
    }
}
