import Fluent
import Foundation
import NEIGCore
import SQLKit
import Testing
import VaporTesting

@testable import NEIGApp

/// A coordinator registers an intervention, reports progress, evaluates it against the register and records a decision
/// that cites the frozen evaluation; evidence and decisions cannot be changed afterwards, on either database.
@Suite struct InterventionTests {
    /// Attacks from 2021 to June 2025 in 30 municipalities; Rotterdam's halve from 2024 on. Each municipality's attacks
    /// fall in three postcode-4 areas (Rotterdam: 1000–1002), except every tenth of Rotterdam's, which has no postcode.
    static func register(_ app: Application) async throws {
        var generator = SeededGenerator(seed: 42)
        let codes = ["GM0599"] + MunicipalityRegistry.bundled.all.map(\.code).filter { $0 != "GM0599" }.prefix(29)
        var records: [IncidentRecord] = []
        for (index, code) in codes.enumerated() {
            let municipality = try #require(MunicipalityRegistry.bundled[code])
            for month in 0..<54 {
                let (year, monthOfYear) = (2021 + month / 12, month % 12 + 1)
                let rate = index == 0 ? (year >= 2024 ? 3.0 : 6.0) : Double(2 + index % 8)
                let limit = exp(-rate)
                var product = Double.random(in: 0..<1, using: &generator), count = 0
                while product > limit {
                    product *= Double.random(in: 0..<1, using: &generator)
                    count += 1
                }
                for attack in 0..<count {
                    records.append(
                        IncidentRecord(
                            sourceID: "T-\(code)-\(month)-\(attack)", source: "politie",
                            date: CivilDate(year: year, month: monthOfYear, day: 1 + attack % 28)!,
                            time: nil, municipalityCode: code, address: nil,
                            postcode: index == 0 && records.count % 10 == 0
                                ? nil : "\(1000 + index * 10 + attack % 3) AB", rd: municipality.centroid,
                            wgs84: RDConversion.toWGS84(municipality.centroid), target: .woning, means: .explosief,
                            description: nil, definitionVersion: "politie-2024"))
                }
            }
        }
        _ = try await IncidentStore.insert(records, on: app.db, now: testNow)
    }

    @Test func aCoordinatorRegistersEvaluatesAndDecides() async throws {
        try await withNEIGApp { app in
            try await Self.register(app)
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "corp@example.nl", role: .housingCorporation, organisation: "corp")
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let corporation = try await login(app, email: "corp@example.nl")

            let invalid = try await postForm(
                app, "/interventies",
                [
                    ("naam", "Schetsen op scholen"), ("lijn", "preventie"), ("gemeenten", "Rotterdam, Atlantis"),
                    ("start", "2024-01-01"), ("status", "lopend"), ("output", "Scholen bezocht | vijftig")
                ], as: coordinator)
            #expect(invalid.status == .unprocessableEntity)
            #expect(
                invalid.body.string.contains("‘Atlantis’ is geen gemeente")
                    && invalid.body.string.contains("Regel 1: schrijf"))
            #expect(try await Intervention.query(on: app.db).count() == 0)
            #expect(try await postForm(app, "/interventies", [("naam", "x")], as: corporation).status == .forbidden)

            let created = try await postForm(
                app, "/interventies",
                [
                    ("naam", "JOZ-schets op scholen in kwetsbare wijken"), ("lijn", "preventie"),
                    ("gemeenten", "Rotterdam"),
                    ("partners", "JOZ, scholen"), ("doelgroep", "Leerlingen groep 7–8 en brugklas"),
                    ("start", "2024-01-01"), ("status", "lopend"),
                    ("kosten", "120.000"), ("output", "Scholen bezocht | 50 | 37\nLeerlingen bereikt | 5000"),
                    ("sprint", "ja")
                ], as: coordinator)
            let id = try redirectID(created)
            let path = "/interventies/\(id.uuidString.lowercased())"
            let intervention = try #require(try await Intervention.findWithLists(id, on: app.db))
            #expect(
                try intervention.municipalityCodes == ["GM0599"] && intervention.postcodeAreaList.isEmpty
                    && intervention.costEuros == 120_000)
            let outputs = try await InterventionOutput.query(on: app.db).sort(\.$label).all()
            #expect(
                outputs.map { "\($0.label) \($0.realised)/\($0.planned)" } == [
                    "Leerlingen bereikt 0/5000", "Scholen bezocht 37/50"
                ])

            // Progress: only the owner organisation and coordinators.
            let pupils = try #require(outputs.first)
            #expect(
                try await postForm(
                    app, "\(path)/voortgang", [("status", "lopend"), ("realised[\(pupils.id!.uuidString)]", "3120")],
                    as: officer
                ).status == .forbidden)
            #expect(
                try await postForm(
                    app, "\(path)/voortgang", [("status", "lopend"), ("realised[\(pupils.id!.uuidString)]", "veel")],
                    as: coordinator
                ).status == .unprocessableEntity)
            #expect(
                try await postForm(
                    app, "\(path)/voortgang", [("status", "lopend"), ("realised[\(pupils.id!.uuidString)]", "3120")],
                    as: coordinator
                ).status == .seeOther)
            #expect(try await InterventionOutput.find(pupils.id, on: app.db)?.realised == 3120)
            #expect(
                try await postForm(
                    app, "\(path)/mijlpalen", [("titel", "Alle scholen benaderd"), ("datum", "2024-02-15")],
                    as: coordinator
                ).status == .seeOther)

            // No decision without evidence.
            #expect(
                try await postForm(
                    app, "\(path)/besluiten",
                    [
                        ("besluit", "voortzetten"), ("datum", "2025-01-15"),
                        ("toelichting", "Het werkt, we gaan door.")
                    ], as: coordinator
                ).status == .unprocessableEntity)
            #expect(
                try await postForm(app, "\(path)/evaluaties", [("vergelijking", "Rotterdam")], as: coordinator).status
                    == .unprocessableEntity)
            let preview = try await postForm(
                app, "\(path)/evaluaties", [("maanden_voor", "24"), ("maanden_na", "12")], as: coordinator)
            #expect(preview.status == .ok && preview.body.string.contains("Dit is nog niet vastgelegd"))
            #expect(try await EvaluationSnapshot.query(on: app.db).count() == 0, "a preview freezes nothing")
            let evaluated = try await postForm(
                app, "\(path)/evaluaties", [("maanden_voor", "24"), ("maanden_na", "12"), ("actie", "vastleggen")],
                as: coordinator)
            let snapshotID = try redirectID(evaluated)
            let snapshot = try #require(try await EvaluationSnapshot.find(snapshotID, on: app.db))
            let result = try #require(snapshot.result)
            #expect(
                result.treated == ["GM0599"] && result.controls.count == EffectEvaluation.proposedControlCount
                    && result.controlsProposed)
            #expect(result.effectPct < -25 && result.significant, "\(result.verdict)")
            #expect(snapshot.verdict.hasPrefix("Daling van ~"))
            let page = try await getPage(app, "\(path)/evaluaties/\(snapshotID.uuidString.lowercased())", as: officer)
                .body.string
            #expect(page.contains("grafiek-evaluatie") && page.contains("Start 2024-01") && page.contains("Rotterdam"))

            let decided = try await postForm(
                app, "\(path)/besluiten",
                [
                    ("besluit", "voortzetten"), ("datum", "2025-01-15"), ("evaluatie", snapshotID.uuidString),
                    ("toelichting", "Daling in Rotterdam tegenover vergelijkbare gemeenten; doorgaan in 2025.")
                ],
                as: coordinator)
            #expect(decided.status == .seeOther)
            let decision = try #require(try await InterventionDecision.query(on: app.db).first())
            #expect(
                decision.snapshotID == snapshotID && decision.decision == .voortzetten
                    && decision.decidedBy.contains("coordinator"))
            let overview = try await getPage(app, "/interventies", as: corporation).body.string
            #expect(
                overview.contains("JOZ-schets op scholen") && overview.contains("Daling van ~")
                    && overview.contains("Voortzetten (15 januari 2025)"))
            #expect(overview.contains("grafiek-landelijk"))

            var csv = ""
            try await app.testing().test(.GET, "/interventies/export.csv", headers: corporation.headers()) {
                csv = $0.body.string
            }
            #expect(
                csv.hasPrefix("id,naam,lijn,eigenaar")
                    && csv.contains("JOZ-schets op scholen in kwetsbare wijken,preventie"))
            #expect(
                csv.contains("Scholen bezocht: 37/50; Leerlingen bereikt: 3120/5000")
                    || csv.contains("Leerlingen bereikt: 3120/5000; Scholen bezocht: 37/50"))
            #expect(csv.contains(",voortzetten,2025-01-15"))
            // The registration can be corrected later; the frozen evaluation and the decision stay as they were.
            let fields = [
                ("naam", "JOZ-sketch op scholen"), ("lijn", "preventie"), ("gemeenten", "Rotterdam, Schiedam"),
                ("start", "2024-01-01"), ("status", "lopend")
            ]
            #expect(try await postForm(app, path, fields, as: officer).status == .forbidden)
            #expect(
                try await postForm(
                    app, path, fields.map { $0.0 == "start" ? ("start", "1 januari") : $0 }, as: coordinator
                ).status == .unprocessableEntity)
            #expect(try await postForm(app, path, fields, as: coordinator).status == .seeOther)
            let edited = try #require(try await Intervention.findWithLists(id, on: app.db))
            #expect(
                try edited.name == "JOZ-sketch op scholen" && edited.municipalityCodes == ["GM0599", "GM0606"]
                    && edited.ownerName == intervention.ownerName)
            #expect(try await InterventionOutput.query(on: app.db).count() == 2)
            #expect(try await EvaluationSnapshot.find(snapshotID, on: app.db)?.verdict == snapshot.verdict)
            let actions = Set(try await AuditEvent.query(on: app.db).all().map(\.action))
            #expect(
                actions.isSuperset(of: [
                    "intervention.create", "intervention.progress", "intervention.evaluate", "intervention.decide",
                    "intervention.edit"
                ]))
        }
    }

    @Test func anInterventionInPostcodeAreasIsComparedWithOtherPostcodeAreas() async throws {
        try await withNEIGApp { app in
            try await Self.register(app)
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            let officer = try await login(app, email: "oov@rotterdam.nl")
            #expect(
                try await postForm(
                    app, "/interventies",
                    [
                        ("naam", "Buurtaanpak"), ("lijn", "nazorg"), ("gemeenten", "Rotterdam"),
                        ("postcodegebieden", "1000, 10001"),
                        ("start", "2024-01-01"), ("status", "lopend")
                    ], as: officer
                ).status == .unprocessableEntity)
            let created = try await postForm(
                app, "/interventies",
                [
                    ("naam", "Buurtaanpak"), ("lijn", "nazorg"), ("gemeenten", "Rotterdam"),
                    ("postcodegebieden", "1000 1001"), ("start", "2024-01-01"), ("status", "lopend")
                ], as: officer)
            let path = "/interventies/\(try redirectID(created).uuidString.lowercased())"
            #expect(
                try await postForm(app, "\(path)/evaluaties", [("vergelijking", "Schiedam")], as: officer).status
                    == .unprocessableEntity)
            let snapshotID = try redirectID(
                try await postForm(app, "\(path)/evaluaties", [("actie", "vastleggen")], as: officer))
            let result = try #require(try await EvaluationSnapshot.find(snapshotID, on: app.db)?.result)
            #expect(result.treated == ["1000", "1001"])
            #expect(
                result.controls.count == EffectEvaluation.proposedControlCount
                    && result.controls.allSatisfy { $0.count == 4 && !["1000", "1001"].contains($0) })
            #expect(result.warnings.first?.hasSuffix("hebben geen postcode en tellen niet mee.") == true)
            #expect(result.effectPct < -25, "\(result.verdict)")
        }
    }

    @Test func theRegistryOverTheAPI() async throws {
        try await withNEIGApp { app in
            try await Self.register(app)
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "winkel@example.nl", role: .business, organisation: "ondernemers")
            let coordinator = try await AccountService.createToken(email: "coordinator@vng.nl", label: "t", on: app)
            let business = try await AccountService.createToken(email: "winkel@example.nl", label: "t", on: app)

            let refused = try await call(
                app, .POST, "/interventions", token: coordinator,
                json: [
                    "name": "Workshops", "line": "sport", "municipalities": ["Atlantis"],
                    "start": "2024-13-01"
                ], documented: ("/interventions", "post"))
            #expect(refused.0 == .unprocessableEntity)
            let columns = Set(
                ((refused.1["errors"] ?? refused.1["items"]) as? [[String: Any]] ?? []).compactMap {
                    $0["column"] as? String
                })
            #expect(columns.isSuperset(of: ["line", "municipalities", "start"]), "\(refused.1)")
            #expect(
                try await call(
                    app, .POST, "/interventions", token: business, json: ["name": "x"],
                    documented: ("/interventions", "post")
                ).0 == .forbidden)

            let created = try await call(
                app, .POST, "/interventions", token: coordinator,
                json: [
                    "name": "AJB-workshops voor jongeren", "line": "preventie", "municipalities": ["GM0599"],
                    "start": "2024-01-01", "sprint": true,
                    "outputs": [["label": "Jongeren bereikt", "planned": 5000, "realised": 3120]]
                ], documented: ("/interventions", "post"))
            #expect(created.0 == .created)
            let id = try #require(created.1["id"] as? String)
            #expect((created.1["outputs"] as? [[String: Any]])?.first?["realised"] as? Int == 3120)
            #expect(
                (try await call(app, .GET, "/interventions", token: business, documented: ("/interventions", "get")).1[
                    "items"] as? [Any])?.count == 1)

            let evaluation = try await call(
                app, .POST, "/interventions/\(id)/evaluations", token: coordinator,
                json: ["months_before": 24, "seed": 3],
                documented: ("/interventions/{id}/evaluations", "post"))
            #expect(evaluation.0 == .created)
            let result = try #require(evaluation.1["result"] as? [String: Any])
            #expect(
                (result["effect_pct"] as? Double ?? 0) < -25
                    && (result["controls"] as? [String])?.count == EffectEvaluation.proposedControlCount)
            #expect(
                try await call(
                    app, .POST, "/interventions/\(id)/evaluations", token: business, json: [:],
                    documented: ("/interventions/{id}/evaluations", "post")
                ).0 == .forbidden)
            #expect(
                try await call(
                    app, .POST, "/interventions/\(id)/evaluations", token: coordinator, json: ["controls": ["GM0599"]],
                    documented: ("/interventions/{id}/evaluations", "post")
                ).0 == .unprocessableEntity)

            let badDecision = try await call(
                app, .POST, "/interventions/\(id)/decisions", token: coordinator,
                json: [
                    "decision": "doorgaan", "decided_on": "2025-06-01",
                    "rationale": "kort"
                ], documented: ("/interventions/{id}/decisions", "post"))
            #expect(badDecision.0 == .unprocessableEntity)
            let decided = try await call(
                app, .POST, "/interventions/\(id)/decisions", token: coordinator,
                json: [
                    "decision": "voortzetten", "decided_on": "2025-06-01",
                    "rationale": "Daling tegenover vergelijkbare gemeenten.",
                    "evaluation_id": try #require(evaluation.1["id"] as? String)
                ], documented: ("/interventions/{id}/decisions", "post"))
            #expect(decided.0 == .created && decided.1["evaluation_id"] as? String == evaluation.1["id"] as? String)
            let log = try await call(
                app, .GET, "/interventions/\(id)/decisions", token: business,
                documented: ("/interventions/{id}/decisions", "get"))
            #expect((log.1["items"] as? [[String: Any]])?.first?["decision"] as? String == "voortzetten")
            #expect(
                (try await call(
                    app, .GET, "/interventions/\(id)/evaluations", token: business,
                    documented: ("/interventions/{id}/evaluations", "get")
                ).1["items"] as? [Any])?.count == 1)
            #expect(
                try await call(
                    app, .GET, "/interventions/\(id)", token: business, documented: ("/interventions/{id}", "get")
                ).1["latest_decision"] as? String == "voortzetten")
        }
    }

    @Test func evidenceAndDecisionsCannotBeChangedOrRemoved() async throws {
        try await withNEIGApp { app in
            let officer = try await makeUser(
                app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let user = try #require(try await User.find(officer, on: app.db))
            let intervention = Intervention()
            (intervention.name, intervention.description, intervention.line, intervention.ownerOrganisationID) = (
                "Test", "", ApproachLine.preventie, user.$organisation.id
            )
            (intervention.ownerName, intervention.partners, intervention.targetGroup) = ("Amsterdam", "", "")
            (intervention.startsOn, intervention.status) = ("2024-01-01", InterventionStatus.lopend)
            (intervention.sprint, intervention.createdAt, intervention.updatedAt) = (false, testNow, testNow)
            try await intervention.create(on: app.db)
            let snapshot = EvaluationSnapshot()
            (
                snapshot.$intervention.id, snapshot.createdAt, snapshot.createdBy, snapshot.seed, snapshot.resultJSON,
                snapshot.verdict
            ) =
                (try intervention.requireID(), testNow, "Analist", 1, "{}", "Geen aantoonbaar effect")
            try await snapshot.create(on: app.db)
            let decision = InterventionDecision()
            (decision.$intervention.id, decision.decision, decision.decidedOn, decision.decidedBy) = (
                try intervention.requireID(), InterventionDecisionKind.stoppen, "2025-06-01", "Burgemeester"
            )
            (decision.rationale, decision.snapshotID, decision.createdAt) = (
                "Geen effect gemeten.", snapshot.id, testNow
            )
            try await decision.create(on: app.db)

            // The database itself refuses, whatever code runs against it.
            let refused: @Sendable (any Error) -> Bool = { String(reflecting: $0).contains("append-only table") }
            decision.decision = .voortzetten
            await #expect(performing: { try await decision.save(on: app.db) }, throws: refused)
            await #expect(performing: { try await decision.delete(on: app.db) }, throws: refused)
            snapshot.verdict = "Daling van ~90 %"
            await #expect(performing: { try await snapshot.save(on: app.db) }, throws: refused)
            await #expect(
                performing: { try await app.db.sql.raw("DELETE FROM evaluation_snapshots").run() }, throws: refused)
            #expect(try await InterventionDecision.query(on: app.db).first()?.decision.rawValue == "stoppen")
            #expect(try await EvaluationSnapshot.query(on: app.db).first()?.verdict == "Geen aantoonbaar effect")
        }
    }
}
