import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting
@testable import NEIGApp

/// Drives every registered route against `AccessMatrix`: each role as owner and as outsider, and anonymously.
@Suite struct AuthorizationMatrixTests {
    enum Outcome: Equatable {
        case allowed, loginRequired, forbidden, notFound
    }

    enum Ownership: CaseIterable { case own, other }

    static func expected(_ rule: AccessMatrix.Rule, role: Role?, ownership: Ownership) -> Outcome {
        guard let role else { return rule == .everyone ? .allowed : .loginRequired }
        switch rule {
        case .everyone, .members: return .allowed
        case .roles(let roles): return roles.contains(role) ? .allowed : .forbidden
        case .rolesForOwnObjects(let roles):
            guard roles.contains(role) else { return .forbidden }
            let actor = Actor(role: role, municipalityCode: "GM0363")
            return AccessPolicy.canSeeLocation(actor, municipalityCode: ownership == .own ? "GM0363" : "GM0599") ? .allowed : .notFound
        }
    }

    static func classify(_ response: TestingHTTPResponse, api: Bool) -> Outcome {
        switch response.status {
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .unauthorized where api: return .loginRequired
        case .seeOther where response.headers.first(name: .location)?.contains("terug=") == true: return .loginRequired
        default: return .allowed
        }
    }

    @Test func everyRouteHasARowAndEveryRowARoute() async throws {
        try await withNEIGApp { app in
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let declared = Set(AccessMatrix.rows.map { "\($0.method.rawValue) \($0.path)" })
            #expect(registered.subtracting(declared).isEmpty, "routes without a row in AccessMatrix: \(registered.subtracting(declared).sorted())")
            #expect(declared.subtracting(registered).isEmpty, "rows without a route: \(declared.subtracting(registered).sorted())")
        }
    }

    @Test(arguments: [nil] + Role.allCases.map(Optional.some))
    func everyRouteAnswersAsTheMatrixSays(_ role: Role?) async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            let own = try #require(try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first()?.requireID())
            let other = try #require(try await Incident.query(on: app.db).filter(\.$sourceID == "R-1").first()?.requireID())
            // Routes keyed by incident that need a warning to exist (`/meldingen/:id/gezien`).
            for (id, code) in [(own, "GM0363"), (other, "GM0599")] {
                try await NearRepeatAlert(municipalityCode: code, incidentID: id, centreX: 0, centreY: 0, radius: 400, validUntil: "2025-07-28",
                                          earlierIncidentIDs: [], patternSignificant: false, createdAt: testNow).create(on: app.db)
            }
            var caseIDs: [Ownership: UUID] = [:]
            for (ownership, code) in [(Ownership.own, "GM0363"), (.other, "GM0599")] {
                let caseFile = CaseFile()
                caseFile.municipalityCode = code
                caseFile.title = "Matrixzaak"
                caseFile.phaseValue = CasePhase.dreiging.rawValue
                caseFile.phaseStartedOn = "2025-06-01"
                caseFile.confidentialityValue = CaseConfidentiality.zaakvertrouwelijk.rawValue
                caseFile.openedOn = "2025-06-01"
                caseFile.handleBefore = "2025-08-01"
                caseFile.createdAt = testNow
                try await caseFile.create(on: app.db)
                caseIDs[ownership] = try caseFile.requireID()
            }
            var browser: Browser?
            if let role {
                try await makeUser(app, email: "\(role.rawValue)@example.nl", role: role, organisation: "GM0363")
                browser = try await login(app, email: "\(role.rawValue)@example.nl")
            }
            for route in app.routes.all {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                guard let rule = AccessMatrix.rule(method: route.method, path: pattern) else { continue }
                if pattern == "/logout" { continue } // ends the session the other requests need; covered in AccountTests
                for ownership in Ownership.allCases {
                    let objectID = pattern.hasPrefix("/zaken/") ? caseIDs[ownership]! : (ownership == .own ? own : other)
                    let path = pattern
                        .replacingOccurrences(of: ":id", with: objectID.uuidString.lowercased())
                        .replacingOccurrences(of: ":code", with: ownership == .own ? "GM0363" : "GM0599")
                    let api = path.hasPrefix("/api/")
                    var outcome = Outcome.allowed
                    try await app.testing().test(route.method, path, beforeRequest: { req in
                        if let browser {
                            req.headers = browser.headers([("X-CSRF-Token", browser.csrf)])
                        } else {
                            req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=anon")
                            req.headers.add(name: "X-CSRF-Token", value: "anon")
                        }
                        if route.method == .POST {
                            if api { try req.content.encode(["source_id": "matrix"], as: .json) }
                            else { try req.content.encode(["csrf": browser?.csrf ?? "anon"], as: .urlEncodedForm) }
                        }
                    }, afterResponse: { res in outcome = Self.classify(res, api: api) })
                    let expected = Self.expected(rule, role: role, ownership: ownership)
                    #expect(outcome == expected, "\(role?.rawValue ?? "anonymous") \(route.method.rawValue) \(path) (\(ownership))")
                    if !pattern.contains(":") { break }
                }
            }
        }
    }
}
