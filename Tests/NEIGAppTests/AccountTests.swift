import Fluent
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct AccountTests {
    func postLogin(_ app: Application, email: String, password: String) async throws -> HTTPStatus {
        var status: HTTPStatus = .ok
        try await app.testing().test(
            .POST, "login",
            beforeRequest: { req in
                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=visitor-token")
                try req.content.encode(
                    ["email": email, "password": password, "csrf": "visitor-token"], as: .urlEncodedForm)
            }, afterResponse: { res in status = res.status })
        return status
    }

    @Test func wrongPasswordsLockTheAccountAfterFiveAttempts() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            for _ in 0..<4 {
                #expect(
                    try await postLogin(app, email: "oov@amsterdam.nl", password: "wrong password!") == .unauthorized)
            }
            #expect(try await postLogin(app, email: "oov@amsterdam.nl", password: "wrong password!") == .unauthorized)
            // Locked now: even the right password is refused, with the answer any wrong login gets.
            #expect(try await postLogin(app, email: "oov@amsterdam.nl", password: testPassword) == .unauthorized)
            let denied = try await AuditEvent.query(on: app.db).filter(\.$action == "login").filter(
                \.$result == "denied"
            ).count()
            #expect(denied == 6)
        }
    }

    @Test func loginWithoutTheFormTokenIsRejected() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await app.testing().test(
                .POST, "login",
                beforeRequest: { req in
                    try req.content.encode(["email": "oov@amsterdam.nl", "password": testPassword], as: .urlEncodedForm)
                },
                afterResponse: { res in
                    #expect(res.status == .forbidden)
                    #expect(res.headers.setCookie?[SessionPolicy.cookieName] == nil)
                })
        }
    }

    @Test func stateChangingRequestsNeedTheSessionsToken() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            let police = try await login(app, email: "agent@politie.nl")
            let form = [
                "bron": "politie", "bron_id": "P-9", "datum": "2025-05-01", "gemeentecode": "GM0363",
                "x": "121400", "y": "487400", "doelwit": "woning", "middel": "explosief"
            ]
            for token in [nil, "not-the-token"] {
                try await app.testing().test(
                    .POST, "incidenten",
                    beforeRequest: { req in
                        req.headers = police.headers()
                        var body = form
                        if let token { body["csrf"] = token }
                        try req.content.encode(body, as: .urlEncodedForm)
                    }, afterResponse: { res in #expect(res.status == .forbidden) })
            }
            #expect(try await incidentCount(app) == 0)
            try await app.testing().test(
                .POST, "incidenten",
                beforeRequest: { req in
                    req.headers = police.headers()
                    try req.content.encode(form.merging(["csrf": police.csrf]) { $1 }, as: .urlEncodedForm)
                }, afterResponse: { res in #expect(res.status == .seeOther) })
            #expect(try await incidentCount(app) == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "incident.create").count() == 1)
        }
    }

    @Test func loginRotatesTheSessionAndLogoutEndsIt() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let first = try await login(app, email: "oov@amsterdam.nl")
            let second = try await login(app, email: "oov@amsterdam.nl")
            #expect(first.cookie != second.cookie)
            try await app.testing().test(
                .POST, "logout",
                beforeRequest: { req in
                    req.headers = second.headers()
                    try req.content.encode(["csrf": second.csrf], as: .urlEncodedForm)
                }, afterResponse: { res in #expect(res.status == .seeOther) })
            try await app.testing().test(
                .GET, "incidenten", beforeRequest: { req in req.headers = second.headers() },
                afterResponse: { res in #expect(res.status == .seeOther) })
        }
    }

    @Test func idleSessionsExpire() async throws {
        var browser: Browser?
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            browser = try await login(app, email: "oov@amsterdam.nl")
            let session = try #require(try await UserSession.query(on: app.db).first())
            session.lastSeenAt = testNow.addingTimeInterval(-SessionPolicy.idleTimeout - 60)
            try await session.save(on: app.db)
            try await app.testing().test(
                .GET, "incidenten", beforeRequest: { req in req.headers = browser!.headers() },
                afterResponse: { res in #expect(res.status == .seeOther) })
            #expect(try await UserSession.query(on: app.db).count() == 0)
        }
    }

    @Test func bearerTokensAuthenticateTheAPIAndWrongOnesAreRefused() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "analist@example.nl", role: .analyst, organisation: "vng")
            let token = try await AccountService.createToken(email: "analist@example.nl", label: "test", on: app)
            #expect(try await APIToken.query(on: app.db).first()?.tokenHash == Secrets.hash(token))
            try await app.testing().test(
                .GET, "api/v1/monitor?year=2025",
                beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                }, afterResponse: { res in #expect(res.status == .ok) })
            try await app.testing().test(
                .GET, "api/v1/monitor?year=2025",
                beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token + "x")
                },
                afterResponse: { res in
                    #expect(res.status == .unauthorized)
                    #expect(res.headers.contentType?.subType == "problem+json")
                })
        }
    }

    @Test func passwordsAreStoredAsBcryptAndShortOnesRefused() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let user = try #require(try await User.query(on: app.db).first())
            #expect(user.passwordHash.hasPrefix("$2b$"))
            await #expect(throws: ConfigurationError.self) {
                try await AccountService.createUser(
                    email: "x@example.nl", name: "X", role: .analyst, organisationCode: "vng",
                    password: "short", on: app)
            }
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }
}

@Suite struct RateLimitTests {
    @Test func loginAttemptsFromOneAddressAreThrottledAcrossAccounts() async throws {
        try await withNEIGApp { app in
            var statuses: [HTTPStatus] = []
            var retryAfter: String?
            for attempt in 0...RateLimiter.loginPerIP.maximum {
                try await app.testing().test(
                    .POST, "login",
                    beforeRequest: { req in
                        req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                        try req.content.encode(
                            ["email": "user\(attempt)@example.nl", "password": "x", "csrf": "t"], as: .urlEncodedForm)
                    },
                    afterResponse: { res in
                        statuses.append(res.status)
                        retryAfter = res.headers.first(name: .retryAfter)
                    })
            }
            #expect(statuses.dropLast().allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
            #expect(retryAfter == "60")
        }
    }
}
