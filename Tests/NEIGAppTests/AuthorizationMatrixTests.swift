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
        if rule == .readersOfObjects { return role != nil && ownership == .own ? .allowed : .notFound }
        guard let role else { return rule == .everyone ? .allowed : .loginRequired }
        switch rule {
        case .everyone, .members: return .allowed
        case .roles(let roles): return roles.admits(role) ? .allowed : .forbidden
        case .rolesForOwnObjects(let roles):
            guard roles.admits(role) else { return .forbidden }
            let actor = Actor(role: role, municipalityCode: role.fits(.municipality) ? "GM0363" : nil)
            return AccessPolicy.canSeeLocation(actor, municipalityCode: ownership == .own ? "GM0363" : "GM0599")
                ? .allowed : .notFound
        case .rolesForTheirObjects(let roles):
            guard roles.admits(role) else { return .forbidden }
            return ownership == .own ? .allowed : .notFound
        case .readersOfObjects: return .notFound
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
            let registered = Set(
                app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let declared = Set(AccessMatrix.rows.map { "\($0.method.rawValue) \($0.path)" })
            #expect(declared.count == AccessMatrix.rows.count, "a route has two rows in AccessMatrix")
            #expect(
                registered.subtracting(declared).isEmpty,
                "routes without a row in AccessMatrix: \(registered.subtracting(declared).sorted())")
            #expect(
                declared.subtracting(registered).isEmpty,
                "rows without a route: \(declared.subtracting(registered).sorted())")
        }
    }

    @Test(arguments: [nil] + Role.allCases.map(Optional.some))
    func everyRouteAnswersAsTheMatrixSays(_ role: Role?) async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            let own = try #require(
                try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first()?.requireID())
            let other = try #require(
                try await Incident.query(on: app.db).filter(\.$sourceID == "R-1").first()?.requireID())
            // A running risk area in each municipality, from a warning after its attack.
            var areas: [String: UUID] = [:]
            for (id, code) in [(own, "GM0363"), (other, "GM0599")] {
                let alert = NearRepeatAlert(
                    municipalityCode: code, incidentID: id, centreX: 0, centreY: 0, radius: 400,
                    validUntil: "2025-07-28",
                    patternSignificant: false, createdAt: testNow)
                try await alert.create(on: app.db)
                alert.$incident.value = try await Incident.find(id, on: app.db)
                areas[code] = try await RiskAreaService.place([alert], now: testNow, on: app.db).created.first?.id
            }
            var userID: UUID?
            if let role {
                userID = try await makeUser(
                    app, email: "\(role.rawValue)@example.nl", role: role, organisation: testOrganisation(for: role))
            }
            // Per path prefix, an object that is the user's (own municipality, shared with them, sent by them) and one that is not.
            var objects: [String: [Ownership: UUID]] = [:]
            var parameters: [String: [Ownership: UUID]] = [:]
            for (ownership, code) in [(Ownership.own, "GM0363"), (.other, "GM0599")] {
                let fixture = try await caseFixture(
                    app, municipality: code, partner: ownership == .own ? userID : nil, role: role)
                objects["/waarschuwingen/", default: [:]][ownership] = areas[code]
                objects["/zaken/", default: [:]][ownership] = fixture.caseID
                objects["/api/v1/cases/", default: [:]][ownership] = fixture.caseID
                objects["/maatregelen/", default: [:]][ownership] = fixture.measureID
                objects["/informatie/", default: [:]][ownership] = fixture.informationID
                objects["/signalen/", default: [:]][ownership] = fixture.signalID
                objects["/kennisbank/", default: [:]][ownership] = try await libraryFixture(
                    app, readable: ownership == .own, author: userID)
                objects["/api/v1/library/", default: [:]][ownership] = objects["/kennisbank/"]![ownership]
                objects["/leden/", default: [:]][ownership] = try await makeUser(
                    app, email: "lid-\(ownership)@example.nl", role: .analyst, organisation: "vng")
                objects["/leden/aanvragen/", default: [:]][ownership] = try await applicationFixture(
                    app, email: "aanvraag-\(ownership)@example.nl")
                objects["/bijeenkomsten/", default: [:]][ownership] =
                    ownership == .own ? try await eventFixture(app, organiser: userID) : UUID()
                objects["/api/v1/events/", default: [:]][ownership] = objects["/bijeenkomsten/"]![ownership]
                let intervention = try await interventionFixture(app, owner: ownership == .own ? userID : nil)
                objects["/interventies/", default: [:]][ownership] = intervention.id
                objects["/api/v1/interventions/", default: [:]][ownership] = intervention.id
                parameters[":milestone", default: [:]][ownership] = intervention.milestone
                parameters[":snapshot", default: [:]][ownership] = intervention.snapshot
                objects["/vragen/", default: [:]][ownership] = try await questionFixture(
                    app, author: ownership == .own ? userID : nil,
                    group: ownership == .own ? nil : "niemand")
                objects["/notificaties/", default: [:]][ownership] = try await notificationFixture(
                    app, user: ownership == .own ? userID : nil)
                objects["/nieuws/", default: [:]][ownership] = ownership == .own ? try await newsFixture(app) : UUID()
                if ownership == .own { try await groupFixture(app, code: "GM0363") }
                objects["/groepen/", default: [:]][ownership] = userID ?? UUID()
                let feedToken = UUID()
                if ownership == .own {
                    let feed = CalendarFeed()
                    feed.$user.id = userID ?? UUID()
                    feed.tokenHash = Secrets.hash(feedToken.uuidString.lowercased())
                    try await feed.create(on: app.db)
                }
                objects["/agenda/", default: [:]][ownership] = feedToken
                objects["/casuistiek/", default: [:]][ownership] = try await caseStudyFixture(
                    app, author: ownership == .own ? userID : nil,
                    status: ownership == .own ? .submitted : .concept)
            }
            var browser: Browser?
            if let role { browser = try await login(app, email: "\(role.rawValue)@example.nl") }
            for route in app.routes.all {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                guard let rule = AccessMatrix.rule(method: route.method, path: pattern) else { continue }
                // These end the session (or the account) the other requests need; AccountTests and MembershipTests cover them.
                if pattern == "/logout" || pattern == "/account/opzeggen" { continue }
                for ownership in Ownership.allCases {
                    let prefix = objects.keys.filter { pattern.hasPrefix($0) }.max { $0.count < $1.count }
                    let objectID = prefix.map { objects[$0]![ownership]! } ?? (ownership == .own ? own : other)
                    var path = pattern
                    for (name, ids) in parameters {
                        path = path.replacingOccurrences(of: name, with: ids[ownership]!.uuidString.lowercased())
                    }
                    path =
                        path
                        .replacingOccurrences(of: ":id", with: objectID.uuidString.lowercased())
                        .replacingOccurrences(of: ":token", with: objectID.uuidString.lowercased())
                        .replacingOccurrences(of: ":user", with: objectID.uuidString.lowercased())
                        .replacingOccurrences(of: ":code", with: ownership == .own ? "GM0363" : "GM0599")
                    let api = path.hasPrefix("/api/")
                    var outcome = Outcome.allowed
                    try await app.testing().test(
                        route.method, path,
                        beforeRequest: { req in
                            if let browser {
                                req.headers = browser.headers([("X-CSRF-Token", browser.csrf)])
                            } else {
                                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=anon")
                                req.headers.add(name: "X-CSRF-Token", value: "anon")
                            }
                            if route.method == .POST {
                                if api {
                                    try req.content.encode(["source_id": "matrix"], as: .json)
                                } else {
                                    try req.content.encode(["csrf": browser?.csrf ?? "anon"], as: .urlEncodedForm)
                                }
                            }
                        }, afterResponse: { res in outcome = Self.classify(res, api: api) })
                    let expected = Self.expected(rule, role: role, ownership: ownership)
                    #expect(
                        outcome == expected,
                        "\(role?.rawValue ?? "anonymous") \(route.method.rawValue) \(path) (\(ownership))")
                    if !pattern.contains(":") { break }
                }
            }
        }
    }
}

/// The access middleware refuses a role with the sentence of the route's rule, on a page and over the API alike.
@Suite struct AccessRefusalTests {
    @Test func aRefusedRoleIsToldWhoTheRouteIsFor() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "analist@vng.nl", role: .analyst, organisation: "vng")
            let analyst = try await login(app, email: "analist@vng.nl")
            let page = try await getPage(app, SiteURL.cases.path, as: analyst)
            #expect(page.status == .forbidden)
            #expect(page.body.string.contains(AccessMatrix.Roles.caseListers.refusal))

            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            let token = try await AccountService.createToken(email: "agent@politie.nl", label: "t", on: app)
            let refused = try await call(
                app, .POST, "/cases", token: token, json: ["title": "x", "phase": "dreiging"],
                documented: ("/cases", "post"))
            #expect(refused.0 == .forbidden)
            #expect(refused.1["detail"] as? String == AccessMatrix.Roles.caseWorkers.refusal)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "access.refused").count()
            #expect(audited == 2, "each refusal is in the audit log")
        }
    }
}
