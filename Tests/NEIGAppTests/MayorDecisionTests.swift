import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// The mayor's decision as its own step: the officer submits with a note and a date, the mayor finds it on the home
/// page and by e-mail, decides on its own page, and the officer sees the outcome — each step saying what it did.
@Suite struct MayorDecisionTests {
    func withCase(
        _ body: (Application, _ officer: Browser, _ mayor: Browser, _ measurePath: String) async throws -> Void
    )
        async throws
    {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "burgemeester@amsterdam.nl", role: .mayor, organisation: "GM0363")
            try await makeUser(app, email: "burgemeester@rotterdam.nl", role: .mayor, organisation: "GM0599")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let measurePath = try await draftClosure(app, as: officer, addressee: [("adressaat", "De rechthebbende")])
            let mayor = try await login(app, email: "burgemeester@amsterdam.nl")
            try await body(app, officer, mayor, measurePath)
        }
    }

    func version(_ app: Application) async throws -> String {
        try #require(try await Measure.query(on: app.db).first()?.submissionVersion)
    }

    func submit(_ app: Application, _ path: String, as officer: Browser) async throws -> TestingHTTPResponse {
        try await postForm(
            app, path + "/status",
            [
                ("status", "voorgelegd"), ("notitie", "Graag vaststellen vóór donderdag."),
                ("besluit_voor", "2025-07-03")
            ],
            as: officer)
    }

    @Test func theMayorFindsTheSubmittedMeasureAndTheOfficerHearsTheDecision() async throws {
        try await withCase { app, officer, mayor, measurePath in
            let draftPage = try await getPage(app, measurePath, as: officer).body.string
            #expect(draftPage.contains("role=\"status\"") && draftPage.contains("Concept opgeslagen"))
            #expect(!draftPage.contains("Nieuwe status"), "each next step is a button saying what it does")

            #expect(try await submit(app, measurePath, as: officer).status == .seeOther)
            #expect(
                try await getPage(app, measurePath, as: officer).body.string.contains(
                    "Voorgelegd aan de burgemeester. U krijgt bericht"))
            let mail = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "burgemeester@amsterdam.nl")
                .all()
            #expect(mail.count == 1 && mail[0].body.contains(measurePath + "/besluiten"))
            #expect(!mail[0].body.contains("Verzinsingel"), "no facts of the case in e-mail")
            #expect(
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == "burgemeester@rotterdam.nl").count()
                    == 0)

            let home = try await getPage(app, "/", as: mayor).body.string
            #expect(home.contains("Besluiten die op u wachten (1)"))
            #expect(home.contains("Graag vaststellen vóór donderdag.") && home.contains(measurePath + "/besluiten"))
            #expect(home.contains("uiterlijk 3 juli 2025, nog 3 dagen"))

            let page = try await getPage(app, measurePath + "/besluiten", as: mayor)
            #expect(page.status == .ok)
            #expect(
                page.body.string.contains(
                    "U besluit tot sluiting van Verzinsingel 15 van 3 juli 2025 tot 3 oktober 2025 op grond van artikel 174a Gemeentewet."
                ))
            #expect(page.body.string.contains("Conceptbesluit") && page.body.string.contains("Ik heb besloten tot"))
            #expect(try await getPage(app, measurePath + "/besluiten", as: officer).status == .forbidden)

            let stale = try await postForm(
                app, measurePath + "/besluiten",
                [("beslissing", "afwijzen"), ("opmerking", "Niet nodig."), ("versie", "1")],
                as: mayor)
            #expect(stale.status == .unprocessableEntity && stale.body.string.contains("Lees haar opnieuw"))
            let bare = try await postForm(
                app, measurePath + "/besluiten", [("beslissing", "terugsturen"), ("versie", try await version(app))],
                as: mayor)
            #expect(bare.status == .unprocessableEntity && bare.body.string.contains("Schrijf bij terugsturen"))
            #expect(try await Measure.query(on: app.db).first()?.state == .voorgelegd)

            #expect(
                try await postForm(
                    app, measurePath + "/besluiten",
                    [
                        ("beslissing", "terugsturen"), ("opmerking", "Noem de eerdere aanslag in de motivering."),
                        ("versie", try await version(app))
                    ],
                    as: mayor
                ).status == .seeOther)
            #expect(
                try await getPage(app, measurePath, as: mayor).body.string.contains(
                    "U heeft de maatregel teruggestuurd"))
            let returned = try #require(try await Measure.query(on: app.db).first())
            #expect(returned.state == .concept && returned.mayorRemark == "Noem de eerdere aanslag in de motivering.")
            let officerPage = try await getPage(app, measurePath, as: officer).body.string
            #expect(officerPage.contains("De burgemeester heeft dit besluit teruggestuurd"))
            let told = try await MemberNotification.query(on: app.db).filter(\.$reason == "measure:decided").all()
            #expect(told.count == 1 && told[0].title.contains("teruggestuurd"))
            #expect(try await getPage(app, "/", as: officer).body.string.contains("Teruggestuurd door de burgemeester"))

            #expect(try await submit(app, measurePath, as: officer).status == .seeOther)
            let mayorUser = try #require(
                try await User.query(on: app.db).filter(\.$email == "burgemeester@amsterdam.nl").first())
            let code = currentTOTPCode(
                secret: try #require(mayorUser.totpSecret), usedCounter: mayorUser.totpUsedCounter)
            let adopted = try await postForm(
                app, measurePath + "/besluiten",
                [
                    ("beslissing", "vaststellen"), ("wachtwoord", testPassword), ("code", code),
                    ("versie", try await version(app))
                ], as: mayor)
            #expect(adopted.status == .seeOther, "\(adopted.body.string.prefix(400))")
            #expect(
                try await getPage(app, measurePath, as: mayor).body.string.contains("U heeft het besluit vastgesteld"))
            #expect(try await Measure.query(on: app.db).first()?.state == .vastgesteld)
            #expect(
                try await MemberNotification.query(on: app.db).filter(\.$reason == "measure:decided").all()
                    .contains { $0.title.contains("vastgesteld") })
            #expect(try await getPage(app, measurePath + "/besluiten", as: mayor).status == .seeOther, "decided once")
            let history = try await CaseEvent.query(on: app.db).all().compactMap(\.text)
            #expect(
                history.contains {
                    $0.hasSuffix("teruggestuurd door de burgemeester — Noem de eerdere aanslag in de motivering.")
                })
            #expect(history.contains { $0.hasSuffix("vastgesteld door de burgemeester") })
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "measure.adopt").count() == 1)
        }
    }

    @Test func withdrawingAMeasureNeedsAReason() async throws {
        try await withCase { app, officer, _, measurePath in
            let bare = try await postForm(app, measurePath + "/status", [("status", "ingetrokken")], as: officer)
            #expect(bare.status == .unprocessableEntity && bare.body.string.contains("Schrijf waarom"))
            #expect(try await Measure.query(on: app.db).first()?.state == .concept)
            #expect(
                try await postForm(
                    app, measurePath + "/status", [("status", "ingetrokken"), ("reden", "De bewoner is verhuisd.")],
                    as: officer
                ).status == .seeOther)
            #expect(try await Measure.query(on: app.db).first()?.state == .ingetrokken)
            #expect(
                try await CaseEvent.query(on: app.db).all().contains {
                    $0.text?.contains("De bewoner is verhuisd.") == true
                })
            #expect(
                try await getPage(app, measurePath + "/besluit", as: officer).body.string.contains("INGETROKKEN"),
                "a withdrawn decision's letter says it must not be sent")
        }
    }

    @Test func aDecisionDateInThePastIsRefused() async throws {
        try await withCase { app, officer, _, measurePath in
            let late = try await postForm(
                app, measurePath + "/status", [("status", "voorgelegd"), ("besluit_voor", "2025-01-01")], as: officer)
            #expect(late.status == .unprocessableEntity && late.body.string.contains("vanaf vandaag"))
            #expect(try await Measure.query(on: app.db).first()?.state == .concept)
            #expect(try await OutboxMessage.query(on: app.db).count() == 0)
        }
    }
}
