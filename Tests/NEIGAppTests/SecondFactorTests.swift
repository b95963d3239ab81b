import Fluent
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct SecondFactorTests {
    /// Password step only; returns the half-authenticated session cookie and where the login sent us.
    func passwordStep(_ app: Application, email: String) async throws -> (cookie: String, location: String) {
        var result = ("", "")
        try await app.testing().test(
            .POST, "login?terug=%2Fincidenten",
            beforeRequest: { req in
                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=visitor-token")
                try req.content.encode(
                    ["email": email, "password": testPassword, "csrf": "visitor-token"], as: .urlEncodedForm)
            },
            afterResponse: { res in
                result = (
                    res.headers.setCookie?[SessionPolicy.cookieName]?.string ?? "",
                    res.headers.first(name: .location) ?? ""
                )
            })
        return result
    }

    func submitCode(_ app: Application, cookie: String, code: String) async throws -> TestingHTTPResponse {
        let session = try #require(
            try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(cookie)).first())
        var response: TestingHTTPResponse?
        try await app.testing().test(
            .POST, SiteURL.secondFactor.path + "?terug=%2Fincidenten",
            beforeRequest: { req in
                req.headers.add(name: "Cookie", value: "\(SessionPolicy.cookieName)=\(cookie)")
                try req.content.encode(["code": code, "csrf": session.csrfToken], as: .urlEncodedForm)
            }, afterResponse: { response = $0 })
        return try #require(response)
    }

    func status(_ app: Application, _ path: String, cookie: String) async throws -> (HTTPStatus, String?) {
        var result: (HTTPStatus, String?) = (.ok, nil)
        try await app.testing().test(.GET, path, headers: ["Cookie": "\(SessionPolicy.cookieName)=\(cookie)"]) { res in
            result = (res.status, res.headers.first(name: .location))
        }
        return result
    }

    @Test func codesFollowRFC6238() {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", truncated to six digits.
        let secret = Array("12345678901234567890".utf8).base32String()
        #expect(SecondFactor.code(secret: secret, counter: 59 / 30) == "287082")
        #expect(SecondFactor.code(secret: secret, counter: 1_111_111_109 / 30) == "081804")
        let now = Date(timeIntervalSince1970: 1_111_111_109)
        #expect(
            SecondFactor.acceptedCounter(code: "081 804", secret: secret, usedCounter: nil, now: now) == 1_111_111_109
                / 30)
        #expect(
            SecondFactor.acceptedCounter(code: "081804", secret: secret, usedCounter: 1_111_111_109 / 30, now: now)
                == nil)
        #expect(
            SecondFactor.acceptedCounter(
                code: "081804", secret: secret, usedCounter: nil, now: now.addingTimeInterval(120)) == nil)
    }

    @Test func mayorEnrolsAnAuthenticatorOnFirstLoginAndGetsRecoveryCodes() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "burgemeester@amsterdam.nl", role: .mayor, organisation: "GM0363")
            let (pending, location) = try await passwordStep(app, email: "burgemeester@amsterdam.nl")
            #expect(location == "/login/tweede-stap?terug=%2Fincidenten")

            // The password alone opens nothing.
            #expect(try await status(app, "/incidenten", cookie: pending) == (.seeOther, "/login/tweede-stap"))
            try await app.testing().test(
                .GET, "api/v1/monitor", headers: ["Cookie": "\(SessionPolicy.cookieName)=\(pending)"]
            ) { res in
                #expect(res.status == .unauthorized)
            }

            var page = ""
            try await app.testing().test(
                .GET, SiteURL.secondFactor.path, headers: ["Cookie": "\(SessionPolicy.cookieName)=\(pending)"]
            ) { res in
                page = res.body.string
            }
            #expect(page.contains("<svg") && page.contains("class=\"qr-code\""))
            let session = try #require(
                try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(pending)).first())
            let secret = try #require(session.totpEnrolmentSecret)
            #expect(page.contains(SecondFactor.displaySecret(secret)))

            let wrong = try await submitCode(
                app, cookie: pending,
                code: "000000" == currentTOTPCode(secret: secret, usedCounter: nil) ? "111111" : "000000")
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("De code klopt niet"))

            let enrolled = try await submitCode(
                app, cookie: pending, code: currentTOTPCode(secret: secret, usedCounter: nil))
            #expect(enrolled.status == .ok)
            let codes = enrolled.body.string.matches(of: /<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/).map {
                String($0.output.1)
            }
            #expect(codes.count == 10)
            #expect(enrolled.body.string.contains("href=\"/incidenten\""))
            let complete = try #require(enrolled.headers.setCookie?[SessionPolicy.cookieName]?.string)
            #expect(complete != pending)
            #expect(try await status(app, "/incidenten", cookie: complete).0 == .ok)
            #expect(
                try await status(app, "/incidenten", cookie: pending).0 == .seeOther,
                "the half-authenticated session is gone")

            let user = try #require(
                try await User.query(on: app.db).filter(\.$email == "burgemeester@amsterdam.nl").first())
            #expect(user.totpSecret == secret)
            let stored = try await RecoveryCode.query(on: app.db).all().map(\.codeHash)
            #expect(Set(stored) == Set(codes.map(Secrets.hash)), "only hashes are stored")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "second-factor.enrol").filter(
                    \.$result == "success"
                ).count() == 1)
        }
    }

    @Test func aCodeWorksOnceAndRecoveryCodesWorkOnce() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            _ = try await login(app, email: "agent@politie.nl")
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "agent@politie.nl").first())
            let secret = try #require(user.totpSecret)
            let codes = try await SecondFactor.replaceRecoveryCodes(of: try user.requireID(), on: app.db)

            // The code used at enrolment cannot be replayed.
            let replayed = SecondFactor.code(secret: secret, counter: try #require(user.totpUsedCounter))!
            var (pending, _) = try await passwordStep(app, email: "agent@politie.nl")
            #expect(try await submitCode(app, cookie: pending, code: replayed).status == .unauthorized)
            let next = try await submitCode(
                app, cookie: pending, code: currentTOTPCode(secret: secret, usedCounter: user.totpUsedCounter))
            #expect(next.status == .seeOther)
            #expect(next.headers.first(name: .location) == "/incidenten")

            (pending, _) = try await passwordStep(app, email: "agent@politie.nl")
            #expect(try await submitCode(app, cookie: pending, code: codes[3].uppercased()).status == .seeOther)
            (pending, _) = try await passwordStep(app, email: "agent@politie.nl")
            #expect(
                try await submitCode(app, cookie: pending, code: codes[3]).status == .unauthorized,
                "a recovery code is single-use")
            #expect(try await SecondFactor.unusedRecoveryCodes(of: try user.requireID(), on: app.db) == 9)
        }
    }

    @Test func wrongCodesLockTheAccountLikeWrongPasswords() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "officier@om.nl", role: .prosecutor, organisation: "om")
            _ = try await login(app, email: "officier@om.nl")
            let (pending, _) = try await passwordStep(app, email: "officier@om.nl")
            for _ in 0..<4 {
                #expect(try await submitCode(app, cookie: pending, code: "abcde-fghjk").status == .unauthorized)
            }
            let locked = try await submitCode(app, cookie: pending, code: "abcde-fghjk")
            #expect(locked.status == .tooManyRequests)
            #expect(try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(pending)).count() == 0)
            // Logging in again with the password does not reset the count or the lock.
            var status: HTTPStatus = .ok
            try await app.testing().test(
                .POST, "login",
                beforeRequest: { req in
                    req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=v")
                    try req.content.encode(
                        ["email": "officier@om.nl", "password": testPassword, "csrf": "v"], as: .urlEncodedForm)
                }, afterResponse: { status = $0.status })
            #expect(status == .unauthorized, "a locked account answers as a wrong password does")
        }
    }

    @Test func theSecondStepTimesOut() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "VNG")
            let (pending, _) = try await passwordStep(app, email: "coordinator@vng.nl")
            let session = try #require(
                try await UserSession.query(on: app.db).filter(\.$tokenHash == Secrets.hash(pending)).first())
            session.awaitingSecondFactorSince = testNow.addingTimeInterval(-SecondFactor.pendingTimeout - 1)
            try await session.save(on: app.db)
            #expect(try await status(app, SiteURL.secondFactor.path, cookie: pending) == (.seeOther, "/login"))
        }
    }

    @Test func rolesWithoutTheRequirementLogInWithTheirPassword() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "analist@vng.nl", role: .analyst, organisation: "VNG")
            let (cookie, location) = try await passwordStep(app, email: "analist@vng.nl")
            #expect(location == "/incidenten")
            #expect(try await status(app, "/account", cookie: cookie).0 == .ok)
        }
    }

    @Test func newRecoveryCodesNeedACurrentCode() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "beheer@neig.nl", role: .admin, organisation: "neig-beheer")
            let admin = try await login(app, email: "beheer@neig.nl")
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "beheer@neig.nl").first())
            let before = try await RecoveryCode.query(on: app.db).all().map(\.codeHash)
            for code in ["", "123"] {
                try await app.testing().test(
                    .POST, "account/herstelcodes",
                    beforeRequest: { req in
                        req.headers = admin.headers()
                        try req.content.encode(["code": code, "csrf": admin.csrf], as: .urlEncodedForm)
                    }, afterResponse: { res in #expect(res.status == .unprocessableEntity) })
            }
            #expect(try await RecoveryCode.query(on: app.db).all().map(\.codeHash) == before)
            try await app.testing().test(
                .POST, "account/herstelcodes",
                beforeRequest: { req in
                    req.headers = admin.headers()
                    try req.content.encode(
                        [
                            "code": currentTOTPCode(secret: user.totpSecret!, usedCounter: user.totpUsedCounter),
                            "csrf": admin.csrf
                        ],
                        as: .urlEncodedForm)
                },
                afterResponse: { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.matches(of: /<li>[a-z2-9]{5}-[a-z2-9]{5}<\/li>/).count == 10)
                })
            #expect(Set(try await RecoveryCode.query(on: app.db).all().map(\.codeHash)).isDisjoint(with: before))
            try await app.testing().test(.GET, "account", headers: admin.headers()) { res in
                #expect(res.body.string.contains("nog 10 ongebruikte herstelcodes"))
            }
        }
    }

    @Test func resettingTheSecondFactorEndsSessionsAndAsksForANewEnrolment() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "burgemeester@rotterdam.nl", role: .mayor, organisation: "GM0599")
            let mayor = try await login(app, email: "burgemeester@rotterdam.nl")
            try await AccountService.resetSecondFactor(email: "burgemeester@rotterdam.nl", on: app)
            #expect(
                try await status(app, "/incidenten", cookie: String(mayor.cookie.split(separator: "=")[1])).0
                    == .seeOther)
            #expect(try await RecoveryCode.query(on: app.db).count() == 0)
            let (pending, _) = try await passwordStep(app, email: "burgemeester@rotterdam.nl")
            var page = ""
            try await app.testing().test(
                .GET, SiteURL.secondFactor.path, headers: ["Cookie": "\(SessionPolicy.cookieName)=\(pending)"]
            ) { res in
                page = res.body.string
            }
            #expect(page.contains("Tweestapsverificatie instellen"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "second-factor.reset").count() == 1)
        }
    }
}
