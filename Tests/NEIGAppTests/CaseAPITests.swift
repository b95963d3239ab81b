import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// The case API applies the page rules and answers as the OpenAPI document says (`call` validates every body).
@Suite struct CaseAPITests {
    @Test func casesMeasuresInformationAndSignalsOverTheAPI() async throws {
        try await withNEIGApp { app in
            var tokens: [String: String] = [:]
            for (email, role, organisation) in [
                ("oov@amsterdam.nl", Role.municipalOfficer, "GM0363"), ("burgemeester@amsterdam.nl", .mayor, "GM0363"),
                ("agent@politie.nl", .police, "politie"), ("corp@woon.nl", .housingCorporation, "woon"),
                ("cafe@ondernemers.nl", .business, "ondernemers"), ("analist@vng.nl", .analyst, "vng")
            ] {
                try await makeUser(app, email: email, role: role, organisation: organisation)
                tokens[email] = try await AccountService.createToken(email: email, label: "t", on: app)
            }
            let officer = tokens["oov@amsterdam.nl"], mayor = tokens["burgemeester@amsterdam.nl"],
                police = tokens["agent@politie.nl"]

            let refused = try await call(
                app, .POST, "/cases", token: officer, json: ["title": "", "phase": "nazorg", "handling_days": 0],
                documented: ("/cases", "post"))
            #expect(refused.0 == .unprocessableEntity)
            let columns = Set(((refused.1["errors"] as? [[String: Any]]) ?? []).compactMap { $0["column"] as? String })
            #expect(columns == ["title", "phase", "handling_days"])
            #expect(
                try await call(app, .POST, "/cases", token: officer, json: ["title": 5], documented: ("/cases", "post"))
                    .0 == .badRequest)
            #expect(
                try await call(
                    app, .POST, "/cases", token: police, json: ["title": "x", "phase": "dreiging"],
                    documented: ("/cases", "post")
                ).0 == .forbidden)

            let opened = try await call(
                app, .POST, "/cases", token: officer,
                json: ["title": "Kerkstraat 1", "address": "Kerkstraat 1", "phase": "dreiging"],
                documented: ("/cases", "post"))
            #expect(opened.0 == .created)
            let id = try #require(opened.1["id"] as? String).lowercased()
            #expect(opened.1["handle_before"] as? String == "2025-08-25")
            #expect(
                try await call(app, .GET, "/cases", token: officer, documented: ("/cases", "get")).1["items"].map {
                    ($0 as? [Any])?.count
                } == 1)
            #expect(
                try await call(app, .GET, "/cases/\(id)", token: police, documented: ("/cases/{id}", "get")).0
                    == .notFound)
            #expect(
                try await call(app, .GET, "/cases", token: tokens["analist@vng.nl"], documented: ("/cases", "get")).0
                    == .forbidden)

            let badPhase = try await call(
                app, .POST, "/cases/\(id)/phase", token: officer, json: ["phase": "nazorg"],
                documented: ("/cases/{id}/phase", "post"))
            #expect(badPhase.0 == .unprocessableEntity)
            let moved = try await call(
                app, .POST, "/cases/\(id)/phase", token: officer, json: ["phase": "explosie", "note": "02:10"],
                documented: ("/cases/{id}/phase", "post"))
            #expect(moved.0 == .ok && moved.1["phase"] as? String == "explosie")

            // Police see the case once it is shared, as partners, and share information with the mayor.
            let caseFile = try #require(try await CaseFile.find(UUID(uuidString: id), on: app.db))
            let policeUser = try #require(
                try await User.query(on: app.db).filter(\.$email == "agent@politie.nl").first())
            try await CaseShare(
                caseID: caseFile.requireID(), userID: policeUser.requireID(), sharedBy: "oov", at: testNow
            ).create(on: app.db)
            let partnerView = try await call(
                app, .GET, "/cases/\(id)", token: police, documented: ("/cases/{id}", "get"))
            #expect(partnerView.1["access"] as? String == "partner" && partnerView.1["address"] == nil)
            let badInfo = try await call(
                app, .POST, "/cases/\(id)/info", token: police,
                json: [
                    "summary": "x", "classification": "geheim", "purpose": "",
                    "expires_on": "2024-01-01"
                ], documented: ("/cases/{id}/info", "post"))
            #expect(badInfo.0 == .unprocessableEntity)
            let shared = try await call(
                app, .POST, "/cases/\(id)/info", token: police,
                json: [
                    "summary": "Bestuurlijke rapportage.", "classification": "vertrouwelijk",
                    "purpose": "Motivering sluiting", "expires_on": "2025-09-30",
                    "share_with_roles": ["mayor"]
                ], documented: ("/cases/{id}/info", "post"))
            #expect(shared.0 == .created)
            let itemID = try #require(shared.1["id"] as? String)
            #expect(
                try await call(app, .GET, "/cases/\(id)/info", token: officer, documented: ("/cases/{id}/info", "get"))
                    .1["items"].map { ($0 as? [Any])?.count } == 0)
            let listed = try await call(
                app, .GET, "/cases/\(id)/info", token: mayor, documented: ("/cases/{id}/info", "get"))
            #expect((listed.1["items"] as? [[String: Any]])?.first?["summary"] == nil)
            #expect(try await InformationView.query(on: app.db).count() == 0)
            let read = try await call(
                app, .GET, "/cases/\(id)/info?purpose=motivering_maatregel", token: mayor,
                documented: ("/cases/{id}/info", "get"))
            #expect((read.1["items"] as? [[String: Any]])?.first?["summary"] as? String == "Bestuurlijke rapportage.")
            #expect(try await InformationView.query(on: app.db).count() == 1)
            #expect(
                try await call(
                    app, .GET, "/cases/\(id)/info?purpose=nieuwsgierig", token: mayor,
                    documented: ("/cases/{id}/info", "get")
                ).0 == .badRequest)

            let notVisible = try await call(
                app, .POST, "/cases/\(id)/measures", token: officer,
                json: [
                    "type": "sluiting_174a", "motivation": "Sluiting na explosie en dreiging van herhaling.",
                    "information_ids": [itemID]
                ], documented: ("/cases/{id}/measures", "post"))
            #expect(
                notVisible.0 == .unprocessableEntity, "the officer may not cite what was shared with the mayor only")
            let measure = try await call(
                app, .POST, "/cases/\(id)/measures", token: mayor,
                json: [
                    "type": "sluiting_174a", "motivation": "Sluiting na explosie en dreiging van herhaling.",
                    "information_ids": [itemID],
                    "starts_on": "2025-07-01", "ends_on": "2025-09-30"
                ], documented: ("/cases/{id}/measures", "post"))
            #expect(
                measure.0 == .created && measure.1["state"] as? String == "concept"
                    && measure.1["legal_basis"] as? String == "artikel 174a Gemeentewet")
            #expect(
                try await call(
                    app, .GET, "/cases/\(id)/measures", token: officer, documented: ("/cases/{id}/measures", "get")
                ).1["items"].map { ($0 as? [Any])?.count } == 1)
            #expect(
                try await call(
                    app, .GET, "/cases/\(id)/measures", token: police, documented: ("/cases/{id}/measures", "get")
                ).0 == .forbidden)

            let noSector = try await call(
                app, .POST, "/signals", token: tokens["cafe@ondernemers.nl"],
                json: [
                    "municipality_code": "GM0363", "address": "Kerkstraat 3", "kind": "afpersing", "text": "Afpersing."
                ], documented: ("/signals", "post"))
            #expect(noSector.0 == .unprocessableEntity)
            #expect(
                ((noSector.1["errors"] as? [[String: Any]]) ?? []).compactMap { $0["column"] as? String } == ["sector"])
            let signal = try await call(
                app, .POST, "/signals", token: tokens["corp@woon.nl"],
                json: [
                    "municipality_code": "GM0363", "address": "Kerkstraat 1", "postcode": "1017GC", "kind": "dreiging",
                    "text": "Bedreiging."
                ], documented: ("/signals", "post"))
            #expect(
                signal.0 == .created && signal.1["postcode"] as? String == "1017GC"
                    && signal.1["status"] as? String == "nieuw")
            #expect(
                try await call(app, .GET, "/signals", token: officer, documented: ("/signals", "get")).1["items"].map {
                    ($0 as? [Any])?.count
                } == 1)
            #expect(
                try await call(
                    app, .GET, "/signals", token: tokens["cafe@ondernemers.nl"], documented: ("/signals", "get")
                ).1["items"].map { ($0 as? [Any])?.count } == 0)
            #expect(
                try await call(
                    app, .POST, "/signals", token: officer, json: ["address": "x"], documented: ("/signals", "post")
                ).0 == .forbidden)
        }
    }
}
