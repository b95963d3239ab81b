import Fluent
import NEIGCore
import SQLKit
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct AuditChainTests {
    /// Some logins (good and bad), an import and a new user: a few audit entries, written by requests and directly.
    func activity(_ app: Application) async throws {
        try await makeUser(app, email: "beheer@neig.nl", role: .admin, organisation: "neig-beheer")
        _ = try await importCSV(app, sampleCSV)
        try await app.testing().test(
            .POST, "login",
            beforeRequest: { req in
                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=v")
                try req.content.encode(
                    ["email": "beheer@neig.nl", "password": "wrong password!", "csrf": "v"], as: .urlEncodedForm)
            })
        _ = try await login(app, email: "beheer@neig.nl")
        try await AuditChain.seal(on: app.db)
    }

    func entry(_ app: Application, sequence: Int) async throws -> AuditEvent {
        try #require(try await AuditEvent.query(on: app.db).filter(\.$sequence == sequence).first())
    }

    @Test func entriesAreSealedInOrderWithLogboekFields() async throws {
        try await withNEIGApp { app in
            try await activity(app)
            let events = try await AuditEvent.query(on: app.db).sort(\.$sequence).all()
            #expect(events.count >= 5)
            #expect(events.allSatisfy { $0.sequence != nil && $0.hash?.count == 64 })
            #expect(events.map(\.sequence!) == Array(1...events.count))
            let denied = try #require(events.first { $0.action == "login" && $0.result == "denied" })
            #expect(denied.origin == "web")
            #expect(denied.processingActivity == "toegangsbeheer")
            #expect(denied.traceID?.isEmpty == false)
            let created = try #require(events.first { $0.action == "user.create" })
            #expect(created.dataSubject?.hasPrefix("p-") == true)
            #expect(created.dataSubject != created.objectID, "the data subject is pseudonymised")
            let verification = try await AuditChain.verify(on: app.db)
            #expect(verification == AuditChain.Verification(entries: events.count, problem: nil))
        }
    }

    @Test func aChangedEntryIsNamed() async throws {
        try await withNEIGApp { app in
            try await activity(app)
            let target = try await entry(app, sequence: 3)
            target.detail = "nothing happened"
            try await target.save(on: app.db)
            let verification = try await AuditChain.verify(on: app.db)
            #expect(verification.entries == 2)
            #expect(verification.problem?.hasPrefix("entry 3 ") == true)
            #expect(verification.problem?.contains("was changed") == true)
        }
    }

    @Test func aRemovedEntryIsNamed() async throws {
        try await withNEIGApp { app in
            try await activity(app)
            try await entry(app, sequence: 4).delete(on: app.db)
            let verification = try await AuditChain.verify(on: app.db)
            #expect(verification.problem?.hasPrefix("entry 4 is missing") == true)
        }
    }

    @Test func rewritingAnEntryWithAFreshHashBreaksTheNextLink() async throws {
        try await withNEIGApp { app in
            try await activity(app)
            let target = try await entry(app, sequence: 2)
            target.actor = "someone else"
            target.hash = AuditChain.digest(target, sequence: 2, previous: target.previousHash ?? "")
            try await target.save(on: app.db)
            let verification = try await AuditChain.verify(on: app.db)
            #expect(verification.problem?.hasPrefix("entry 3 ") == true)
            #expect(verification.problem?.contains("does not point to entry 2") == true)
        }
    }

    @Test func administratorsSeeTheLogAndWhetherTheChainHolds() async throws {
        try await withNEIGApp { app in
            try await activity(app)
            let admin = try await login(app, email: "beheer@neig.nl")
            try await app.testing().test(.GET, "admin/audit?actie=login&resultaat=denied", headers: admin.headers()) {
                res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("De keten is intact"))
                #expect(res.body.string.contains("<td>denied</td>"))
                #expect(!res.body.string.contains("<td>incident.import</td>"), "filtered on action")
            }
            let target = try await entry(app, sequence: 2)
            target.result = "success"
            target.detail = "tampered"
            try await target.save(on: app.db)
            try await app.testing().test(.GET, "admin/audit", headers: admin.headers()) { res in
                #expect(res.body.string.contains("De keten is verbroken"))
                #expect(res.body.string.contains("entry 2 "))
            }
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "audit.view").count() == 2,
                "reading the log is logged")
        }
    }
}
