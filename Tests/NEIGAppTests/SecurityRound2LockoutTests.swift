import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import NEIGApp

/// Locking accounts against guessing, from the same security round.
extension SecurityRound2Tests {
    @Test func unknownLockedAndWrongLookTheSameAndTheOwnerIsTold() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            func attempt(_ email: String, _ password: String) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(
                    .POST, "/login",
                    beforeRequest: { req in
                        req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                        try req.content.encode(["email": email, "password": password, "csrf": "t"], as: .urlEncodedForm)
                    },
                    afterResponse: { res in
                        let message =
                            HTMLTag.scan(res.body.string).isEmpty
                            ? "" : res.body.string.components(separatedBy: "field-error").dropFirst().first ?? ""
                        result = (res.status, String(message.prefix(120)))
                    })
                return result
            }
            let unknown = try await attempt("niemand@example.nl", "wrong password 1")
            for _ in 1...5 { _ = try await attempt("oov@amsterdam.nl", "wrong password 1") }
            let locked = try await attempt("oov@amsterdam.nl", testPassword)
            #expect(locked.0 == unknown.0 && locked.1 == unknown.1, "\(locked) vs \(unknown)")
            let mails = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "oov@amsterdam.nl").all()
            #expect(mails.contains { $0.subject.contains("geblokkeerd") })
        }
    }

    @Test func parallelGuessesStillLockTheAccount() async throws {
        try await withNEIGApp { app in
            let userID = try await makeUser(
                app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await app.testing().test(
                            .POST, "/login",
                            beforeRequest: { req in
                                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                                try req.content.encode(
                                    ["email": "oov@amsterdam.nl", "password": "wrong password \(index)", "csrf": "t"],
                                    as: .urlEncodedForm)
                            })
                    }
                }
                try await group.waitForAll()
            }
            let user = try #require(try await User.find(userID, on: app.db))
            #expect(Lockout.isLocked(user, now: testNow), "8 guesses at once count as 8")
            #expect(
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == "oov@amsterdam.nl").count() == 1,
                "one lock, one e-mail")
        }
    }

    @Test func aLockEndsSecondStepSessionsOpenedBeforeIt() async throws {
        try await withNEIGApp { app in
            let userID = try await makeUser(
                app, email: "politie@example.nl", role: .police, organisation: "politie-amsterdam")
            _ = try await login(app, email: "politie@example.nl") // enrols the authenticator
            var pending = ""
            try await app.testing().test(
                .POST, "/login",
                beforeRequest: { req in
                    req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                    try req.content.encode(
                        ["email": "politie@example.nl", "password": testPassword, "csrf": "t"], as: .urlEncodedForm)
                }, afterResponse: { pending = $0.headers.setCookie?[SessionPolicy.cookieName]?.string ?? "" })
            #expect(!pending.isEmpty)
            for _ in 1...5 {
                try await app.testing().test(
                    .POST, "/login",
                    beforeRequest: { req in
                        req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                        try req.content.encode(
                            ["email": "politie@example.nl", "password": "wrong password 1", "csrf": "t"],
                            as: .urlEncodedForm)
                    })
            }
            let waiting = try await UserSession.query(on: app.db).filter(\.$user.$id == userID).filter(
                \.$awaitingSecondFactorSince != nil
            ).count()
            #expect(waiting == 0, "the session that knew the password is gone")
            let user = try #require(try await User.find(userID, on: app.db))
            let code = currentTOTPCode(secret: user.totpSecret ?? "", usedCounter: user.totpUsedCounter)
            let complete = {
                try await UserSession.query(on: app.db).filter(\.$user.$id == userID).filter(
                    \.$awaitingSecondFactorSince == nil
                ).count()
            }
            let before = try await complete()
            try await app.testing().test(
                .POST, SiteURL.secondFactor.path,
                beforeRequest: { req in
                    req.headers.add(name: "Cookie", value: "\(SessionPolicy.cookieName)=\(pending)")
                    try req.content.encode(["code": code], as: .urlEncodedForm)
                })
            #expect(try await complete() == before, "the right code after the lock logs nobody in")
        }
    }

    @Test func codeEntryWhenRenewingRecoveryCodesCountsTowardsTheLock() async throws {
        try await withNEIGApp { app in
            let userID = try await makeUser(
                app, email: "politie@example.nl", role: .police, organisation: "politie-amsterdam")
            let browser = try await login(app, email: "politie@example.nl")
            var last: TestingHTTPResponse?
            for _ in 1...5 {
                last = try await postForm(app, "/account/herstelcodes", [("code", "000000")], as: browser)
            }
            #expect(last?.status == .seeOther && last?.headers.first(name: .location) == SiteURL.login.path)
            let user = try #require(try await User.find(userID, on: app.db))
            #expect(Lockout.isLocked(user, now: testNow))
            #expect(
                try await getPage(app, "/account", as: browser).status == .seeOther, "the guessing session has ended")
        }
    }

    // MARK: Caching

    @Test func personalResponsesAreNeverStored() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let browser = try await login(app, email: "oov@amsterdam.nl")
            for path in ["/", "/kennisbank", "/api/v1/incidents", "/incidenten"] {
                #expect(
                    try await getPage(app, path, as: browser).headers.first(name: .cacheControl) == "no-store",
                    "\(path)")
            }
            try await app.testing().test(.GET, "/api/v1/incidents") {
                #expect($0.headers.first(name: .cacheControl) == "no-store")
            }
        }
    }
}
