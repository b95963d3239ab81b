import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// Zones that overlap are one risk area with all its attacks; it grows, merges, is closed with a reason, and a case
/// opens from it with its attacks linked. "Today" is 30 June 2025.
@Suite struct RiskAreaTests {
    /// Two earlier attacks in one street and a recent one nearby (one area); far away, an earlier and a recent one
    /// (a second area); halfway between them one old attack, too old to raise a zone of its own.
    static let csv =
        incidentHeader + """
            AM-1;2025-03-01;;GM0363;Amsterdam;Kerkstraat 10;1017 GC;121400;487400;woning;explosief;
            AM-2;2025-04-12;;GM0363;Amsterdam;Kerkstraat 30;1017 GD;121450;487420;woning;explosief;
            AM-3;2025-06-20;;GM0363;Amsterdam;Leidsegracht 5;1017 NA;121500;487500;woning;explosief;
            AM-10;2025-05-01;;GM0363;Amsterdam;Verweg 1;1019 AA;123000;487500;woning;explosief;
            AM-11;2025-06-22;;GM0363;Amsterdam;Verweg 9;1019 AA;123050;487500;bedrijf;explosief;
            AM-20;2025-03-10;;GM0363;Amsterdam;Middenweg 3;1018 AA;122350;487500;voertuig;explosief;

            """

    func setUp(_ app: Application) async throws {
        try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
        try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
        _ = try await importCSV(app, Self.csv)
    }

    func areas(_ app: Application) async throws -> [RiskArea] {
        try await RiskArea.query(on: app.db).sort(\.$lastAttackOn).all()
    }

    @Test func aNearbyAttackGrowsTheAreaAndABridgingOneMergesTwo() async throws {
        try await withNEIGApp { app in
            try await setUp(app)
            #expect(try await areas(app).map(\.attackCount) == [3, 2])
            #expect(
                try await OutboxMessage.query(on: app.db).count() == 1,
                "one e-mail for the whole import, listing both new areas")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let first = try await areas(app)[0]
            #expect(
                try await postForm(app, "/waarschuwingen/\(first.id!.uuidString.lowercased())/gezien", [], as: officer)
                    .status == .seeOther)

            _ = try await importCSV(
                app,
                incidentHeader
                    + "AM-4;2025-06-25;;GM0363;Amsterdam;Leidsegracht 9;1017 NA;121550;487520;woning;vuurwerk;\n")
            let grown = try await areas(app)
            #expect(grown.count == 2 && grown.map(\.id).contains(first.id))
            let same = try #require(grown.first { $0.id == first.id })
            #expect(same.attackCount == 4 && same.endsOn == "2025-07-23")
            let mail = try await OutboxMessage.query(on: app.db).sort(\.$createdAt).all()
            #expect(mail.count == 2 && mail[1].subject.contains("groter geworden"))
            #expect(
                try await getPage(app, "/", as: officer).body.string.contains("risicogebied dat u nog niet zag"),
                "an area that grew is new again to who saw it")

            // Halfway between the two areas, next to the old attack: its zone touches both, so they become one.
            _ = try await importCSV(
                app,
                incidentHeader
                    + "AM-5;2025-06-28;;GM0363;Amsterdam;Middenweg 1;1018 AA;122300;487500;woning;explosief;\n")
            let merged = try await areas(app)
            #expect(merged.count == 1, "\(merged.map(\.attackCount))")
            #expect(merged.first?.id == first.id, "the older, then larger area keeps its page")
            #expect(try await NearRepeatAlert.query(on: app.db).filter(\.$riskArea.$id != first.id!).count() == 0)
        }
    }

    @Test func closingEarlyNeedsAReasonAndANewAttackThenOpensANewArea() async throws {
        try await withNEIGApp { app in
            try await setUp(app)
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let area = try await areas(app)[0]
            let path = "/waarschuwingen/\(area.id!.uuidString.lowercased())"
            let bare = try await postForm(app, path + "/sluiten", [("reden", " ")], as: officer)
            #expect(bare.status == .unprocessableEntity && bare.body.string.contains("Schrijf waarom"))
            #expect(try await RiskArea.find(area.id, on: app.db)?.closedOn == nil)
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            #expect(
                try await postForm(app, path + "/sluiten", [("reden", "Daders gepakt")], as: rotterdam).status
                    == .notFound)
            #expect(
                try await postForm(app, path + "/sluiten", [("reden", "De daders zijn aangehouden.")], as: officer)
                    .status == .seeOther)
            let closed = try #require(try await RiskArea.find(area.id, on: app.db))
            #expect(closed.closedReason == "De daders zijn aangehouden." && closed.closedBy == "oov")
            #expect(
                try await getPage(app, "/waarschuwingen?staat=gesloten", as: officer).body.string.contains(
                    "Leidsegracht 5"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "risk_area.close").count() == 1)

            _ = try await importCSV(
                app,
                incidentHeader
                    + "AM-4;2025-06-25;;GM0363;Amsterdam;Leidsegracht 9;1017 NA;121550;487520;woning;vuurwerk;\n")
            #expect(try await areas(app).count == 3, "a closed area stays closed")
        }
    }

    @Test func aCaseOpensFromTheAreaWithItsAttacksLinked() async throws {
        try await withNEIGApp { app in
            try await setUp(app)
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let area = try await areas(app)[0]
            let id = area.id!.uuidString.lowercased()
            let form = try await getPage(app, "/zaken/nieuw?risicogebied=\(id)", as: officer).body.string
            #expect(form.contains("value=\"Leidsegracht 5\"") && form.contains("de 3 aanslagen in het gebied"))
            let opened = try await postForm(
                app, "/zaken",
                [
                    ("titel", "Leidsegracht 5"), ("adres", "Leidsegracht 5"), ("fase", "explosie"),
                    ("vertrouwelijkheid", "vertrouwelijk"), ("termijn", "56"), ("risicogebied", id)
                ], as: officer)
            let caseID = try redirectID(opened)
            #expect(try await CaseIncident.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 3)
            #expect(try await RiskArea.find(area.id, on: app.db)?.caseID == caseID)
            let again = try await postForm(
                app, "/zaken",
                [
                    ("titel", "Leidsegracht 5"), ("fase", "explosie"), ("vertrouwelijkheid", "vertrouwelijk"),
                    ("termijn", "56"), ("risicogebied", id)
                ], as: officer)
            #expect(again.status == .conflict, "a second submit opens no second case for the area")
            #expect(try await CaseFile.query(on: app.db).count() == 1)
            #expect(
                try await getPage(app, "/waarschuwingen/\(id)", as: officer).body.string.contains(
                    "Naar de zaak van dit gebied"))
            #expect(
                !(try await getPage(app, "/", as: officer).body.string.contains("Leidsegracht 5 en 2 andere aanslagen")),
                "the work list shows areas without a case")
        }
    }

    @Test func warningsFromBeforeRiskAreasAreGroupedTheSameWay() async throws {
        try await withNEIGApp { app in
            try await setUp(app)
            let before = try await areas(app).map(\.attackCount)
            try await NearRepeatAlert.query(on: app.db).set(\.$riskArea.$id, to: nil).update()
            try await RiskArea.query(on: app.db).delete()
            let alerts = try await NearRepeatAlert.query(on: app.db).with(\.$incident).all()
            try await RiskAreaService.regroup(alerts, on: app.db)
            #expect(try await areas(app).map(\.attackCount) == before)
        }
    }
}
