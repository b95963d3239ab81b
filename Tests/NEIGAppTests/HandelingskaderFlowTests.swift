import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// The handelingskader in the browser: from a partner's signal through the explosion, the mayor's closure order and
/// its Awb deadlines, to aftercare and closure — and what each person may and may not see on the way.
@Suite struct HandelingskaderFlowTests {
    static let users: [(String, Role, String)] = [
        ("oov@amsterdam.nl", .municipalOfficer, "GM0363"), ("burgemeester@amsterdam.nl", .mayor, "GM0363"),
        ("agent@politie.nl", .police, "politie"), ("collega@politie.nl", .police, "politie"),
        ("corp@woon.nl", .housingCorporation, "woon"),
        ("andere@corp.nl", .housingCorporation, "andere-corp"), ("cafe@ondernemers.nl", .business, "ondernemers"),
        ("oov@rotterdam.nl", .municipalOfficer, "GM0599"), ("coordinator@vng.nl", .coordinator, "vng")
    ]

    func withUsers(_ body: (Application) async throws -> Void) async throws {
        try await withNEIGApp { app in
            for (email, role, organisation) in Self.users {
                try await makeUser(app, email: email, role: role, organisation: organisation)
            }
            try await body(app)
        }
    }

    func openCase(_ app: Application, as officer: Browser, phase: String = "dreiging") async throws -> UUID {
        try redirectID(
            try await postForm(
                app, "/zaken",
                [
                    ("titel", "Kerkstraat 1"), ("adres", "Kerkstraat 1, 1017 GC"), ("fase", phase),
                    ("vertrouwelijkheid", "vertrouwelijk"), ("termijn", "56")
                ], as: officer))
    }

    func shareInformation(_ app: Application, caseID: UUID, roles: [String], as police: Browser) async throws
        -> InformationItem
    {
        let response = try await postForm(
            app, "/zaken/\(caseID.uuidString.lowercased())/informatie",
            [
                ("samenvatting", "Bestuurlijke rapportage: herhaling binnen weken waarschijnlijk."),
                ("classificatie", "vertrouwelijk"),
                ("doel", "Motivering sluiting"), ("vervalt", "2025-09-30")
            ] + roles.map { ("rollen[]", $0) }, as: police)
        #expect(response.status == .seeOther, "\(response.body.string.prefix(500))")
        return try #require(try await InformationItem.query(on: app.db).sort(\.$createdAt, .descending).first())
    }

    @Test func anAdviserRunsACaseFromSignalThroughClosureOrderToAftercare() async throws {
        try await withUsers { app in
            let corporation = try await login(app, email: "corp@woon.nl")
            let signalID = try redirectID(
                try await postForm(
                    app, "/signalen",
                    [
                        ("gemeente", "GM0363"), ("adres", "Kerkstraat 1"), ("postcode", "1017gc"),
                        ("soort", "dreiging"), ("urgentie", "hoog"),
                        ("toelichting", "Huurder wordt aan de deur bedreigd.")
                    ], as: corporation))
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let caseID = try await openCase(app, as: officer)
            let casePath = "/zaken/\(caseID.uuidString.lowercased())"
            #expect(try await CaseTask.query(on: app.db).filter(\.$phase == .dreiging).count() == 4)

            let linked = try await postForm(
                app, "/signalen/\(signalID.uuidString.lowercased())/status",
                [("status", "gekoppeld"), ("zaak", caseID.uuidString)], as: officer)
            #expect(linked.status == .seeOther)
            let senderView = try await getPage(app, "/signalen/\(signalID.uuidString.lowercased())", as: corporation)
                .body.string
            #expect(senderView.contains("Gekoppeld aan zaak"))
            #expect(!senderView.contains("/zaken/"), "the sender sees the status, not the case")

            #expect(
                try await postForm(
                    app, casePath + "/fase",
                    [("fase", "explosie"), ("toelichting", "Explosie bij de voordeur om 02:10.")], as: officer
                ).status == .seeOther)
            let explosionSteps = try await CaseTask.query(on: app.db).filter(\.$phase == .explosie).sort(\.$dueAt).all()
            #expect(explosionSteps.count == 6)
            #expect(explosionSteps.first?.dueAt == testNow.addingTimeInterval(4 * 3600))
            #expect(
                try await postForm(app, casePath + "/taken", [("taak", explosionSteps[0].id!.uuidString)], as: officer)
                    .status == .seeOther)
            #expect(try await CaseTask.find(explosionSteps[0].id, on: app.db)?.doneBy == "oov")

            #expect(
                try await postForm(app, casePath + "/delen", [("email", "agent@politie.nl")], as: officer).status
                    == .seeOther)
            let police = try await login(app, email: "agent@politie.nl")
            let partnerPage = try await getPage(app, casePath, as: police)
            #expect(partnerPage.status == .ok)
            #expect(partnerPage.body.string.contains("Informatie delen met de gemeente"))
            #expect(
                !partnerPage.body.string.contains("1017 GC")
                    && !partnerPage.body.string.contains("Maatregelen van de burgemeester"))
            let item = try await shareInformation(
                app, caseID: caseID, roles: ["mayor", "municipal_officer"], as: police)

            let drafted = try await postForm(
                app, casePath + "/maatregelen",
                [
                    ("soort", "sluiting_174a"), ("adressaat", "De rechthebbende"), ("begin", "2025-07-01"),
                    ("einde", "2025-09-30"),
                    (
                        "motivering",
                        "Na de explosie en volgens de informatie van de politie is sluiting nodig voor de veiligheid van de buren."
                    ),
                    ("informatie[]", item.id!.uuidString.lowercased())
                ], as: officer)
            let measurePath = "/maatregelen/\(try redirectID(drafted).uuidString.lowercased())"
            #expect(
                try await postForm(app, measurePath + "/status", [("status", "voorgelegd")], as: officer).status
                    == .seeOther)
            let byOfficer = try await postForm(
                app, measurePath + "/status",
                [("status", "vastgesteld"), ("wachtwoord", testPassword), ("code", "123456")], as: officer)
            #expect(byOfficer.status == .forbidden)

            let mayor = try await login(app, email: "burgemeester@amsterdam.nl")
            let wrongCode = try await postForm(
                app, measurePath + "/status",
                [("status", "vastgesteld"), ("wachtwoord", testPassword), ("code", "000000")], as: mayor)
            #expect(wrongCode.status == .unprocessableEntity)
            #expect(wrongCode.body.string.contains("Wachtwoord of code klopt niet"))
            #expect(try await Measure.query(on: app.db).first()?.state == .voorgelegd)
            let mayorUser = try #require(
                try await User.query(on: app.db).filter(\.$email == "burgemeester@amsterdam.nl").first())
            let code = currentTOTPCode(
                secret: try #require(mayorUser.totpSecret), usedCounter: mayorUser.totpUsedCounter)
            let wrongPassword = try await postForm(
                app, measurePath + "/status", [("status", "vastgesteld"), ("wachtwoord", "fout"), ("code", code)],
                as: mayor)
            #expect(wrongPassword.status == .unprocessableEntity)
            #expect(
                try await postForm(
                    app, measurePath + "/status",
                    [("status", "vastgesteld"), ("wachtwoord", testPassword), ("code", code)], as: mayor
                ).status == .seeOther)
            let adopted = try #require(try await Measure.query(on: app.db).first())
            #expect(adopted.state == .vastgesteld && adopted.decidedBy == "burgemeester")

            #expect(
                try await postForm(
                    app, measurePath + "/status", [("status", "bekendgemaakt"), ("bekendgemaakt_op", "2025-07-01")],
                    as: officer
                ).status == .unprocessableEntity,
                "notification cannot lie in the future")
            #expect(
                try await postForm(
                    app, measurePath + "/status", [("status", "bekendgemaakt"), ("bekendgemaakt_op", "2025-06-30")],
                    as: officer
                ).status == .seeOther)
            #expect(try await Measure.query(on: app.db).first()?.objectionEnds?.iso == "2025-08-11")
            let letter = try await getPage(app, measurePath + "/besluit", as: officer).body.string
            #expect(letter.contains("Dit besluit neem ik op grond van artikel 174a Gemeentewet."))
            #expect(letter.contains("Dat is uiterlijk 11 augustus 2025."))
            #expect(letter.contains("heeft de politie mij informatie gegeven voor dit doel: Motivering sluiting."))
            #expect(!letter.contains("herhaling binnen weken"), "the letter cites police information, never quotes it")
            #expect(!letter.contains("CONCEPT"))

            #expect(
                try await postForm(app, measurePath + "/bezwaar", [("ontvangen", "2025-06-30")], as: officer).status
                    == .seeOther)
            #expect(try await Measure.query(on: app.db).first()?.objectionDecisionDue?.iso == "2025-09-22")
            #expect(
                try await postForm(app, measurePath + "/bezwaar", [("verdagen", "ja")], as: officer).status == .seeOther
            )
            #expect(try await Measure.query(on: app.db).first()?.objectionDecisionDue?.iso == "2025-11-03")
            #expect(
                try await postForm(app, measurePath + "/bezwaar", [("verdagen", "ja")], as: officer).status
                    == .unprocessableEntity)

            #expect(try await postForm(app, casePath + "/fase", [("fase", "nazorg")], as: officer).status == .seeOther)
            let silent = try await postForm(app, casePath + "/fase", [("fase", "gesloten")], as: officer)
            #expect(silent.status == .unprocessableEntity && silent.body.string.contains("waarom de zaak sluit"))
            #expect(
                try await postForm(
                    app, casePath + "/fase", [("fase", "gesloten"), ("toelichting", "Rust in de straat.")], as: officer
                ).status == .seeOther)
            let history = try await CaseEvent.query(on: app.db).filter(\.$caseFile.$id == caseID).sort(\.$position)
                .all()
            #expect(history.map(\.position) == Array(1...history.count))
            #expect(
                Set(history.map(\.kind)).isSuperset(of: [
                    .geopend, .signaal, .fase, .stap, .gedeeld, .informatie, .maatregel, .bezwaar
                ]))
            let actions = Set(try await AuditEvent.query(on: app.db).all().map(\.action))
            #expect(
                actions.isSuperset(of: [
                    "signal.submit", "signal.triage", "case.create", "case.phase", "case.task", "case.share",
                    "info.share",
                    "measure.create", "measure.state", "measure.adopt", "measure.step-up", "measure.objection",
                    "measure.objection-extend"
                ]))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "measure.adopt").filter(
                    \.$result == "denied"
                ).count() == 1)
            try await AuditChain.seal(on: app.db)
            #expect(try await AuditChain.verify(on: app.db).problem == nil)
        }
    }

    @Test func policeInformationIsNeedToKnowLoggedAndExpires() async throws {
        try await withUsers { app in
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let caseID = try await openCase(app, as: officer, phase: "explosie")
            let casePath = "/zaken/\(caseID.uuidString.lowercased())"
            let police = try await login(app, email: "agent@politie.nl")
            #expect(try await getPage(app, casePath, as: police).status == .notFound, "not shared yet")
            #expect(
                try await postForm(app, casePath + "/informatie", [("samenvatting", "x")], as: police).status
                    == .notFound)
            _ = try await postForm(app, casePath + "/delen", [("email", "agent@politie.nl")], as: officer)
            let item = try await shareInformation(app, caseID: caseID, roles: ["mayor"], as: police)
            let itemPath = "/informatie/\(item.id!.uuidString.lowercased())"

            #expect(try await getPage(app, itemPath, as: officer).status == .notFound, "shared with the mayor only")
            #expect(!(try await getPage(app, casePath, as: officer).body.string.contains(itemPath)))
            let mayor = try await login(app, email: "burgemeester@amsterdam.nl")
            let withoutPurpose = try await getPage(app, itemPath, as: mayor)
            #expect(withoutPurpose.status == .ok && !withoutPurpose.body.string.contains("herhaling binnen weken"))
            #expect(
                try await getPage(app, itemPath + "?doel=motivering_maatregel", as: mayor).body.string.contains(
                    "herhaling binnen weken"))
            #expect(try await InformationView.query(on: app.db).count() == 1)
            let log = try await getPage(app, itemPath, as: police).body.string
            #expect(log.contains("burgemeester: Motivering van een maatregel"))

            let colleague = try await login(app, email: "collega@politie.nl")
            #expect(try await getPage(app, itemPath, as: colleague).status == .notFound)
            #expect(try await getPage(app, casePath, as: colleague).status == .notFound)
            #expect(!(try await getPage(app, "/zaken", as: colleague).body.string.contains("Kerkstraat 1")))
            #expect(try await getPage(app, "/zaken", as: police).body.string.contains("Kerkstraat 1"))
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            #expect(try await getPage(app, casePath, as: rotterdam).status == .notFound)
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let counts = try await getPage(app, "/zaken", as: coordinator).body.string
            #expect(counts.contains("Amsterdam") && !counts.contains("Kerkstraat"))
            #expect(try await getPage(app, casePath, as: coordinator).status == .forbidden)

            item.expiresOn = "2025-06-29"
            try await item.save(on: app.db)
            #expect(try await getPage(app, itemPath, as: mayor).status == .notFound)
            #expect(
                try await getPage(app, itemPath, as: police).status == .notFound,
                "expired items are gone for the author too")
            #expect(
                try await getPage(app, casePath, as: mayor).body.string.contains(
                    "Er is geen (geldige) informatie met u gedeeld"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "info.read").filter(\.$result == "denied")
                    .count() >= 4)
        }
    }

    @Test func checklistsAreVersionedAndOverdueStepsReachTheDashboard() async throws {
        try await withUsers { app in
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            #expect(
                try await postForm(
                    app, "/handelingskader", [("stappen", "dreiging | Landelijke stap | OOV-adviseur | 1")],
                    as: coordinator
                ).status == .seeOther)
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let refused = try await postForm(
                app, "/handelingskader", [("stappen", "dreiging | Lokale stap | Wijkteam\n")], as: officer)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Regel 1: verwacht 4 delen"))
            #expect(
                try await postForm(
                    app, "/handelingskader", [("stappen", "dreiging | Lokale stap | Wijkteam | 48")], as: officer
                ).status == .seeOther)
            #expect(try await Checklists.latest(scope: ChecklistTemplate.national, on: app.db)?.version == 2)
            #expect(try await Checklists.latest(scope: "GM0363", on: app.db)?.version == 1)

            let caseID = try await openCase(app, as: officer)
            let tasks = try await CaseTask.query(on: app.db).sort(\.$dueAt).all()
            #expect(tasks.map(\.title) == ["Landelijke stap", "Lokale stap"])
            #expect(tasks.allSatisfy { $0.template == "landelijk v2, lokaal v1" })
            #expect(!(try await getPage(app, "/", as: officer).body.string.contains("te laat, was vóór")))

            tasks[0].dueAt = testNow.addingTimeInterval(-3600)
            try await tasks[0].save(on: app.db)
            let home = try await getPage(app, "/", as: officer).body.string
            #expect(home.contains("Landelijke stap (") && home.contains("te laat, was vóór"))
            #expect(
                try await getPage(app, "/zaken/\(caseID.uuidString.lowercased())", as: officer).body.string.contains(
                    "— te laat"))
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            #expect(!(try await getPage(app, "/", as: rotterdam).body.string.contains("Landelijke stap")))

            let measure = Measure()
            measure.$caseFile.id = caseID
            measure.municipalityCode = "GM0363"
            measure.type = MeasureType.areaBan
            measure.legalBasis = "artikel 172a Gemeentewet"
            measure.state = MeasureState.bekendgemaakt
            measure.motivation = "Gebiedsverbod na herhaalde verstoring."
            measure.notifiedOn = "2025-05-23"
            measure.decisionExtended = false
            measure.createdAt = testNow
            try await measure.create(on: app.db)
            let withDeadline = try await getPage(app, "/", as: officer).body.string
            #expect(
                withDeadline.contains("Bezwaartermijn loopt af: gebiedsverbod")
                    && withDeadline.contains("uiterlijk 4 juli 2025, nog 4 dagen"))
        }
    }

    @Test func signalsReachTheRightTeamAndOnlyTheirSenderAndMunicipality() async throws {
        try await withUsers { app in
            let officer = try await login(app, email: "oov@amsterdam.nl")
            #expect(
                try await postForm(
                    app, "/signalen/routering",
                    [
                        ("prioriteit", "10"), ("postcodes", "1017"), ("afzenders[]", "ondernemer"),
                        ("team", "Ondermijning Centrum")
                    ], as: officer
                ).status == .seeOther)
            #expect(
                try await postForm(
                    app, "/signalen/routering", [("prioriteit", "20"), ("team", "OOV algemeen")], as: officer
                ).status == .seeOther)
            #expect(
                try await postForm(
                    app, "/signalen/routering", [("prioriteit", "x"), ("postcodes", "10"), ("team", "")], as: officer
                ).status == .unprocessableEntity)

            let business = try await login(app, email: "cafe@ondernemers.nl")
            let fields = [
                ("gemeente", "GM0363"), ("adres", "Kerkstraat 3"), ("postcode", "1017 GC"), ("soort", "afpersing"),
                ("urgentie", "hoog"),
                ("toelichting", "Afpersing van de eigenaar.")
            ]
            let noSector = try await postForm(app, "/signalen", fields, as: business)
            #expect(noSector.status == .unprocessableEntity && noSector.body.string.contains("Kies de sector"))
            #expect(try await RiskSignal.query(on: app.db).count() == 0)
            let businessSignal = try redirectID(
                try await postForm(app, "/signalen", fields + [("sector", "horeca")], as: business))
            let corporation = try await login(app, email: "corp@woon.nl")
            let corpSignal = try redirectID(
                try await postForm(
                    app, "/signalen",
                    [
                        ("gemeente", "GM0363"), ("adres", "Dorpsweg 2"), ("postcode", "1099 AA"),
                        ("soort", "dreiging"), ("urgentie", "normaal"), ("toelichting", "Dreiging.")
                    ], as: corporation))
            #expect(try await RiskSignal.find(businessSignal, on: app.db)?.team == "Ondermijning Centrum")
            #expect(try await RiskSignal.find(corpSignal, on: app.db)?.team == "OOV algemeen")

            let other = try await login(app, email: "andere@corp.nl")
            #expect(
                try await getPage(app, "/signalen/\(corpSignal.uuidString.lowercased())", as: other).status == .notFound
            )
            #expect(!(try await getPage(app, "/signalen", as: other).body.string.contains("Dorpsweg")))
            #expect(try await getPage(app, "/signalen", as: corporation).body.string.contains("Dorpsweg"))
            #expect(!(try await getPage(app, "/signalen", as: corporation).body.string.contains("Kerkstraat 3")))
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            #expect(
                try await postForm(
                    app, "/signalen/\(corpSignal.uuidString.lowercased())/status",
                    [("status", "afgewezen"), ("reden", "x")], as: rotterdam
                ).status == .notFound)

            let noReason = try await postForm(
                app, "/signalen/\(corpSignal.uuidString.lowercased())/status", [("status", "afgewezen")], as: officer)
            #expect(noReason.status == .unprocessableEntity)
            #expect(
                try await postForm(
                    app, "/signalen/\(corpSignal.uuidString.lowercased())/status",
                    [("status", "afgewezen"), ("reden", "Geen aanwijzingen.")],
                    as: officer
                ).status == .seeOther)
            #expect(
                try await getPage(app, "/signalen/\(corpSignal.uuidString.lowercased())", as: corporation).body.string
                    .contains("Geen aanwijzingen."))
            #expect(
                try await postForm(
                    app, "/signalen/\(corpSignal.uuidString.lowercased())/status", [("status", "in_behandeling")],
                    as: officer
                ).status == .unprocessableEntity)

            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let overview = try await getPage(app, "/signalen", as: coordinator).body.string
            #expect(
                overview.contains("Horeca") && !overview.contains("Kerkstraat")
                    && !overview.contains("Afpersing van de eigenaar"))
        }
    }

    @Test func retentionDeletesClosedCasesExpiredInformationAndSettledSignalsLeavingAuditStubs() async throws {
        try await withUsers { app in
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let caseID = try await openCase(app, as: officer)
            _ = try await postForm(
                app, "/zaken/\(caseID.uuidString.lowercased())/delen", [("email", "agent@politie.nl")], as: officer)
            let item = try await shareInformation(
                app, caseID: caseID, roles: ["mayor"], as: try await login(app, email: "agent@politie.nl"))
            let keep = try await openCase(app, as: officer)
            let caseFile = try #require(try await CaseFile.find(caseID, on: app.db))
            caseFile.phase = CasePhase.gesloten
            caseFile.phaseStartedOn = "2023-06-30"
            try await caseFile.save(on: app.db)

            let dryRun = try await RetentionService.run(
                policy: RetentionPolicy(), dryRun: true, actor: "test", app: app)
            #expect(dryRun.closedCases == [caseID] && dryRun.expiredInformation.isEmpty)
            #expect(try await CaseFile.query(on: app.db).count() == 2)
            let done = try await RetentionService.run(policy: RetentionPolicy(), dryRun: false, actor: "test", app: app)
            #expect(done == dryRun)
            #expect(try await CaseFile.query(on: app.db).all().map(\.id) == [keep])
            #expect(try await InformationItem.find(item.id, on: app.db) == nil)
            #expect(try await CaseEvent.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 0)
            let stub = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "retention.delete").first())
            #expect(stub.objectID == caseID.uuidString.lowercased() && stub.detail == "rule=closed+730d")
            try await AuditChain.seal(on: app.db)
            #expect(try await AuditChain.verify(on: app.db).problem == nil)
        }
    }
}
