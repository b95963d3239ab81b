import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// Joining the network: apply, confirm by e-mail, approval by a coordinator, set a password, log in; and leaving,
/// suspension and the directory.
@Suite struct MembershipTests {
    func anonymousPost(_ app: Application, _ path: String, _ fields: [String: String]) async throws
        -> TestingHTTPResponse
    {
        var response: TestingHTTPResponse?
        try await app.testing().test(
            .POST, path,
            beforeRequest: { req in
                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=anon")
                try req.content.encode(fields.merging(["csrf": "anon"]) { $1 }, as: .urlEncodedForm)
            }, afterResponse: { response = $0 })
        return try #require(response)
    }

    func link(in message: OutboxMessage?, path: String) throws -> String {
        let body = try #require(message?.body)
        let range = try #require(body.range(of: #"\#(path)\?token=[A-Za-z0-9_-]+"#, options: .regularExpression))
        return String(body[range])
    }

    let application = [
        "naam": "Sanne Visser", "email": "s.visser@utrecht.nl", "organisatie": "Gemeente Utrecht", "gemeente": "GM0344",
        "rol": "municipal_officer", "motivatie": "Ik ben OOV-adviseur en wil kennis delen over nazorg."
    ]

    @Test func aProfessionalAppliesConfirmsIsApprovedAndLogsIn() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            let incomplete = try await anonymousPost(
                app, "/aanmelden", ["naam": "S", "email": "geen-adres", "rol": "admin"])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(try await MembershipApplication.query(on: app.db).count() == 0)

            #expect(try await anonymousPost(app, "/aanmelden", application).status == .ok)
            let confirmation = try link(
                in: try await OutboxMessage.query(on: app.db).filter(\.$recipient == "s.visser@utrecht.nl").first(),
                path: "/aanmelden/bevestigen")
            try await app.testing().test(.GET, confirmation) { #expect($0.status == .ok) }
            try await app.testing().test(.GET, confirmation) {
                #expect($0.status == .gone, "a confirmation link works once")
            }

            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let pending = try await getPage(app, "/leden/aanvragen", as: coordinator).body.string
            #expect(pending.contains("Sanne Visser") && pending.contains("Utrecht"))
            let id = try #require(try await MembershipApplication.query(on: app.db).first()?.id)
            #expect(
                try await postForm(
                    app, "/leden/aanvragen/\(id.uuidString.lowercased())", [("beslissing", "goedkeuren")],
                    as: coordinator
                ).status == .seeOther)
            let member = try #require(
                try await User.query(on: app.db).filter(\.$email == "s.visser@utrecht.nl").with(\.$organisation).first()
            )
            #expect(member.role == .municipalOfficer && member.actor.municipalityCode == "GM0344")

            let welcome = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "s.visser@utrecht.nl").sort(
                \.$createdAt
            ).all().last
            let setPassword = try link(in: welcome, path: "/wachtwoord-instellen")
            let token = String(setPassword.split(separator: "=").last!)
            #expect(
                try await anonymousPost(app, "/wachtwoord-instellen", ["token": token, "wachtwoord": "kort"]).status
                    == .unprocessableEntity)
            #expect(
                try await anonymousPost(
                    app, "/wachtwoord-instellen", ["token": token, "wachtwoord": "Zonnige-Maandag-Utrecht-7"]
                ).status == .seeOther)
            #expect(
                try await anonymousPost(
                    app, "/wachtwoord-instellen", ["token": token, "wachtwoord": "Nog-Een-Keer-Proberen-8"]
                ).status == .unprocessableEntity)
            let browser = try await login(app, email: "s.visser@utrecht.nl", password: "Zonnige-Maandag-Utrecht-7")
            #expect(try await getPage(app, "/leden", as: browser).body.string.contains("Sanne Visser"))
            let actions = Set(try await AuditEvent.query(on: app.db).all().map(\.action))
            #expect(
                actions.isSuperset(of: [
                    "membership.apply", "membership.confirm", "membership.approve", "user.set-password"
                ]))
        }
    }

    @Test func rejectionCarriesAReasonAndExistingAccountsAreNotRevealed() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "bestaand@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            var existing = application
            existing["email"] = "bestaand@amsterdam.nl"
            let answer = try await anonymousPost(app, "/aanmelden", existing)
            #expect(answer.status == .ok && answer.body.string.contains("We hebben een e-mail gestuurd"))
            #expect(try await MembershipApplication.query(on: app.db).count() == 0)
            #expect(
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == "bestaand@amsterdam.nl").first()?.body
                    .contains("al een account") == true)

            _ = try await anonymousPost(app, "/aanmelden", application)
            let applied = try #require(try await MembershipApplication.query(on: app.db).first())
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let path = "/leden/aanvragen/\(applied.id!.uuidString.lowercased())"
            #expect(
                try await postForm(app, path, [("beslissing", "goedkeuren")], as: coordinator).status == .notFound,
                "unconfirmed applications wait")
            applied.status = MembershipApplication.Status.confirmed
            try await applied.save(on: app.db)
            #expect(
                try await postForm(app, path, [("beslissing", "afwijzen")], as: coordinator).status
                    == .unprocessableEntity)
            #expect(
                try await postForm(
                    app, path, [("beslissing", "afwijzen"), ("reden", "Geen rol in de aanpak.")], as: coordinator
                ).status == .seeOther)
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "s.visser@utrecht.nl").sort(
                \.$createdAt
            ).all().last
            #expect(mail?.body.contains("Geen rol in de aanpak.") == true)
            #expect(try await User.query(on: app.db).filter(\.$email == "s.visser@utrecht.nl").count() == 0)
        }
    }

    @Test func membersLeaveCoordinatorsSuspendAndTheDirectoryShowsWhatMembersChose() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            let aID = try await makeUser(app, email: "a@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "b@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            let a = try await login(app, email: "a@amsterdam.nl")
            #expect(
                try await postForm(
                    app, "/account/profiel",
                    [
                        ("expertise", "nazorg, communicatie"), ("telefoon", "020-1234567"),
                        ("toon_email", "ja")
                    ], as: a
                ).status == .seeOther)
            let b = try await login(app, email: "b@rotterdam.nl")
            let directory = try await getPage(app, "/leden?q=nazorg", as: b).body.string
            #expect(
                directory.contains("a@amsterdam.nl") && !directory.contains("020-1234567")
                    && !directory.contains("b@rotterdam.nl"))
            try await app.testing().test(.GET, "/leden") { #expect($0.status == .seeOther, "members only") }

            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let suspendPath = "/leden/\(aID.uuidString.lowercased())/schorsen"
            let withoutReason = try await postForm(app, suspendPath, [("reden", "  ")], as: coordinator)
            #expect(
                withoutReason.status == .unprocessableEntity && withoutReason.body.string.contains("Schrijf waarom"))
            #expect(try await getPage(app, "/leden", as: a).status == .ok, "without a reason nothing changed")
            #expect(
                try await postForm(app, suspendPath, [("reden", "Account gedeeld met een collega")], as: coordinator)
                    .status == .seeOther)
            let afterSuspension = try await getPage(app, "/leden", as: coordinator).body.string
            #expect(afterSuspension.contains("role=\"status\"") && afterSuspension.contains("is geschorst"))
            #expect(afterSuspension.contains("Reden: Account gedeeld met een collega"))
            #expect(
                !(try await getPage(app, "/leden", as: coordinator).body.string.contains("is geschorst en kan")),
                "the confirmation is said once")
            #expect(try await getPage(app, "/leden", as: a).status == .seeOther, "a suspended member's session ends")
            let refused = try await anonymousPost(app, "/login", ["email": "a@amsterdam.nl", "password": testPassword])
            #expect(refused.status == .forbidden && refused.body.string.contains("geschorst of opgezegd"))

            #expect(
                try await postForm(app, "/leden/\(aID.uuidString.lowercased())/herstellen", [], as: coordinator)
                    .status == .seeOther)
            let reinstated = try #require(try await User.find(aID, on: app.db))
            #expect(reinstated.isActive && reinstated.suspensionReason == nil)
            _ = try await login(app, email: "a@amsterdam.nl")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "user.reinstate").count() == 1)
            #expect(try await postForm(app, "/account/opzeggen", [], as: b).status == .seeOther)
            #expect(try await getPage(app, "/leden", as: b).status == .seeOther)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["user.suspend", "user.leave"]).count() == 2)
            let left = try #require(try await User.query(on: app.db).filter(\.$email == "b@rotterdam.nl").first())
            #expect(left.status == .left)
            let leftPath = "/leden/\(left.id!.uuidString.lowercased())"
            #expect(
                try await postForm(app, leftPath + "/schorsen", [("reden", "Toch maar schorsen")], as: coordinator)
                    .status == .unprocessableEntity)
            #expect(
                try await postForm(app, leftPath + "/herstellen", [], as: coordinator).status == .unprocessableEntity)
            #expect(
                try await User.find(left.id, on: app.db)?.status == .left,
                "who left cannot be brought back by a coordinator")
        }
    }
}
