import Fluent
import Foundation
import NEIGCore
import SQLKit
import Testing
import VaporTesting

@testable import NEIGApp

/// Accounts that end when the job ends, and the list an administrator reviews them by.
@Suite struct AccessReviewTests {
    func setCreated(_ app: Application, _ id: UUID, daysBefore days: Double, lastLogin: Double? = nil) async throws {
        try await app.db.sql.update(User.schema)
            .set("created_at", to: SQLBind(testNow.addingTimeInterval(-days * 86_400)))
            .set("last_login_at", to: SQLBind(lastLogin.map { testNow.addingTimeInterval(-$0 * 86_400) }))
            .where("id", .equal, SQLBind(id)).run()
    }

    @Test func anAccountUnusedForNinetyDaysIsSuspendedOnceAndCanBeReinstated() async throws {
        try await withNEIGApp { app in
            let unused = try await makeUser(
                app, email: "weg@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let recent = try await makeUser(
                app, email: "hier@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let program = try await makeUser(app, email: "koppeling@politie.nl", role: .police, organisation: "politie")
            let admin = try await makeUser(app, email: "nood@neig.nl", role: .admin, organisation: "beheer")
            let fresh = try await makeUser(
                app, email: "nieuw@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "coord@vng.nl", role: .coordinator, organisation: "vng")
            // A session from the last login, 91 days ago, that nobody ended.
            let session = try await login(app, email: "weg@amsterdam.nl")
            try await setCreated(app, unused, daysBefore: 400, lastLogin: 91)
            try await setCreated(app, recent, daysBefore: 400, lastLogin: 89)
            try await setCreated(app, program, daysBefore: 400)
            try await setCreated(app, admin, daysBefore: 400)
            try await setCreated(app, fresh, daysBefore: 10)
            // A program that only calls the API is in use: its token's calls count.
            let token = try await AccountService.createToken(email: "koppeling@politie.nl", label: "import", on: app)
            try await app.testing().test(.GET, "api/v1/incidents", headers: ["Authorization": "Bearer \(token)"]) {
                #expect($0.status == .ok)
            }

            #expect(try await InactiveAccounts.suspendDue(now: testNow, days: 90, on: app.db) == 1)
            #expect(try await InactiveAccounts.suspendDue(now: testNow, days: 90, on: app.db) == 0, "never twice")
            let suspended = try #require(try await User.find(unused, on: app.db))
            #expect(suspended.status == .suspended)
            #expect(suspended.suspendedBy == InactiveAccounts.actorName)
            #expect(suspended.suspensionReason == "Niet gebruikt in 90 dagen: automatisch geschorst.")
            for id in [recent, program, admin, fresh] {
                #expect(try await User.find(id, on: app.db)?.isActive == true)
            }
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "user.suspend").first())
            #expect(audit.objectID == unused.uuidString.lowercased())
            #expect(audit.actor == "system:inactive-accounts")
            // Its session ended, and its password no longer opens neig.
            try await app.testing().test(.GET, "account", headers: session.headers()) { #expect($0.status != .ok) }
            var visitorToken = ""
            try await app.testing().test(.GET, "login") {
                visitorToken = $0.headers.setCookie?[SessionPolicy.csrfCookieName]?.string ?? ""
            }
            try await app.testing().test(
                .POST, "login",
                beforeRequest: { req in
                    req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=\(visitorToken)")
                    try req.content.encode(
                        ["email": "weg@amsterdam.nl", "password": testPassword, "csrf": visitorToken],
                        as: .urlEncodedForm)
                },
                afterResponse: { res in
                    #expect(res.status == .forbidden)
                    #expect(res.body.string.contains("Dit account is geschorst"))
                })

            // A coordinator reinstates it as any suspension.
            let coordinator = try await login(app, email: "coord@vng.nl")
            let reinstated = try await postForm(
                app, "/leden/\(unused.uuidString.lowercased())/herstellen", [], as: coordinator)
            #expect(reinstated.status == .seeOther)
            #expect(try await User.find(unused, on: app.db)?.isActive == true)
        }
    }

    @Test func anUpgradeTakesTheLastLoginFromTheAuditLogSoUsedAccountsStay() async throws {
        try await withNEIGApp { app in
            let used = try await makeUser(
                app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let idle = try await makeUser(
                app, email: "weg@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await setCreated(app, used, daysBefore: 400)
            try await setCreated(app, idle, daysBefore: 400)
            for (days, result) in [(200.0, "success"), (10.0, "success"), (1.0, "denied")] {
                try await Audit.record(
                    "login", object: "user", id: used.uuidString.lowercased(), result: result, actor: "test",
                    at: testNow.addingTimeInterval(-days * 86_400), on: app.db)
            }
            // As a database from before the column: the column goes, and comes back with the upgrade.
            try await AddLastLogin().revert(on: app.db)
            try await AddLastLogin().prepare(on: app.db)
            let marked = try #require(try await User.find(used, on: app.db)?.lastLoginAt)
            #expect(abs(marked.timeIntervalSince(testNow.addingTimeInterval(-10 * 86_400))) < 1)
            #expect(try await User.find(idle, on: app.db)?.lastLoginAt == nil)
            #expect(try await InactiveAccounts.suspendDue(now: testNow, days: 90, on: app.db) == 1)
            #expect(try await User.find(used, on: app.db)?.isActive == true)
        }
    }

    @Test func aLoginAndATokenCallMarkTheAccountAsUsed() async throws {
        try await withNEIGApp { app in
            let id = try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            #expect(try await User.find(id, on: app.db)?.lastLoginAt == nil)
            _ = try await login(app, email: "oov@amsterdam.nl")
            let marked = try #require(try await User.find(id, on: app.db)?.lastLoginAt)
            #expect(abs(marked.timeIntervalSince(testNow)) < 1)
            let token = try await AccountService.createToken(email: "oov@amsterdam.nl", label: "t", on: app)
            try await app.testing().test(.GET, "api/v1/incidents", headers: ["Authorization": "Bearer \(token)"]) {
                #expect($0.status == .ok)
            }
            let used = try #require(try await APIToken.query(on: app.db).first()?.lastUsedAt)
            #expect(abs(used.timeIntervalSince(testNow)) < 1)
        }
    }

    @Test func theSettingIsADayCountWithZeroForOff() throws {
        #expect(try InactiveAccounts.parseDays(nil) == 90)
        #expect(try InactiveAccounts.parseDays(" 30 ") == 30)
        #expect(try InactiveAccounts.parseDays("0") == 0)
        for bad in ["-1", "3651", "9223372036854775808", "negentig", "1e3"] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try InactiveAccounts.parseDays(bad) }
        }
    }

    @Test func administratorsReviewWhoHasWhichRoleAsPageAndCSV() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "beheer@neig.nl", role: .admin, organisation: "beheer")
            let officer = try await makeUser(
                app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await setCreated(app, officer, daysBefore: 120, lastLogin: 70)
            let admin = try await login(app, email: "beheer@neig.nl")
            let page = try await getPage(app, "/admin/toegang", as: admin)
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains("Toegangsoverzicht"))
            #expect(
                body.contains(
                    "<td>Gemeentelijk medewerker (OOV)</td><td class=\"nowrap\">2025-03-02</td><td>actief</td><td class=\"nowrap\">2025-04-21</td>"
                ))
            #expect(body.contains("1 actief maar meer dan 60 dagen niet gebruikt"))
            #expect(body.contains("href=\"/admin/toegang.csv\""))
            let csv = try await getPage(app, "/admin/toegang.csv", as: admin)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let lines = csv.body.string.components(separatedBy: "\r\n")
            #expect(
                lines.first
                    == "\u{FEFF}naam;e-mail;organisatie;soort;rol;rol_sinds;status;laatst_gebruikt;tweede_factor;api_tokens"
            )
            #expect(
                lines.contains {
                    $0.hasPrefix("oov;oov@amsterdam.nl;Gemeente Amsterdam;gemeente;")
                        && $0.contains(";2025-04-21;nee;0")
                })
            let audited = try await AuditEvent.query(on: app.db).filter(
                \.$action ~~ ["access-review.view", "access-review.export"]
            ).count()
            #expect(audited == 2)
        }
    }
}
