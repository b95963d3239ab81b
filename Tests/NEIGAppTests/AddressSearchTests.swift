import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// The address search on the forms and the BAG id it fills: stored, checked, and used to find the same place again.
@Suite struct AddressSearchTests {
    let lijsterstraat = "0307010000463990"

    func incidentForm(_ sourceID: String, address: String, bagID: String) -> [(String, String)] {
        [
            ("bron", "politie"), ("bron_id", sourceID), ("datum", "2025-05-01"), ("gemeentecode", "GM0307"),
            ("adres", address), ("postcode", "3815 DT"), ("x", "155990.6"), ("y", "464256.2"), ("doelwit", "woning"),
            ("middel", "explosief"), ("bag_id", bagID)
        ]
    }

    @Test func theFormsOfferTheSearchAndTheSecurityPolicyLetsTheBrowserAskPDOK() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            try await makeUser(app, email: "oov@amersfoort.nl", role: .municipalOfficer, organisation: "GM0307")
            let police = try await login(app, email: "agent@politie.nl")
            let officer = try await login(app, email: "oov@amersfoort.nl")
            for (path, browser, form) in [("/incidenten/nieuw", police, "incident"), ("/zaken/nieuw", officer, "zaak")]
            {
                let page = try await getPage(app, path, as: browser)
                let body = page.body.string
                #expect(body.contains("data-address-search=\"\(AddressSearch.pdokBase)\""), "\(path)")
                #expect(body.contains("data-address-form=\"\(form)\""))
                #expect(
                    body.contains("<div class=\"address-search\" hidden=\"hidden\""), "hidden until the script runs")
                #expect(body.contains("<script src=\"/static/neig-adres.js\""))
                #expect(body.contains("name=\"bag_id\""))
                #expect(!body.contains("name=\"adreszoeker\""), "what is typed in the search box is never sent")
                let policy = page.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(policy.contains("connect-src 'self' https://api.pdok.nl;"))
            }
            try await app.testing().test(.GET, "static/neig-adres.js") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("text/javascript") == true)
                #expect(res.body.string.contains("function parseLookup"))
            }
            app.neig.addressSearch = .off
            let plain = try await getPage(app, "/incidenten/nieuw", as: police).body.string
            #expect(!plain.contains("data-address-search") && !plain.contains("neig-adres.js"))
            #expect(plain.contains("name=\"adres\"") && plain.contains("name=\"x\""), "typing by hand stays")
        }
    }

    @Test func theSettingNamesPDOKAnInternalLocatieserverOrNothing() throws {
        #expect(try AddressSearch.parse(nil) == .pdok)
        #expect(try AddressSearch.parse(" PDOK ") == .pdok)
        #expect(try AddressSearch.parse("off") == .off)
        let ownServer = try AddressSearch.parse("https://geo.gemeente.example/locatieserver/v3_1/")
        #expect(ownServer.base == "https://geo.gemeente.example/locatieserver/v3_1")
        #expect(ownServer.origin == "https://geo.gemeente.example")
        #expect(try AddressSearch.parse("http://127.0.0.1:18999/ls").origin == "http://127.0.0.1:18999")
        for bad in [
            "http://geo.example/ls", "https://geo.example/ls'; script-src *", "https://ge%6F.example/ls",
            "https://geo.example/\"><script>", "ftp://geo.example/ls", "https://", "https://exa mple.nl/x",
            "https://geo.example/ls?key=1", "https://geo.example/ls#x"
        ] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try AddressSearch.parse(bad) }
        }
    }

    @Test func anIncidentKeepsItsBAGIdAndABadOneIsRefusedInDutch() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            let police = try await login(app, email: "agent@politie.nl")
            let refused = try await postForm(
                app, "/incidenten", incidentForm("L-0", address: "Lijsterstraat 20", bagID: "0307200000463989"),
                as: police)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains(
                    "BAG-id: '0307200000463989': dit is geen BAG-id van een verblijfsobject, ligplaats of standplaats"))
            #expect(refused.body.string.contains("href=\"#veld-bag_id\""))
            #expect(try await incidentCount(app) == 0)

            // A spreadsheet dropped the leading zero; the id is restored.
            let id = try redirectID(
                try await postForm(
                    app, "/incidenten", incidentForm("L-1", address: "Lijsterstraat 20", bagID: "307010000463990"),
                    as: police))
            let stored = try #require(try await Incident.find(id, on: app.db))
            #expect(stored.bagID == lijsterstraat)
            let page = try await getPage(app, "/incidenten/\(id.uuidString.lowercased())", as: police).body.string
            #expect(page.contains("<dt>BAG-object</dt><dd>\(lijsterstraat)</dd>"))

            // Typed by hand, without an id, as before.
            let typed = try redirectID(
                try await postForm(
                    app, "/incidenten", incidentForm("L-2", address: "Lijsterstr. 20", bagID: ""), as: police))
            #expect(try await Incident.find(typed, on: app.db)?.bagID == nil)

            // A correction of the address that keeps the old id would tie the new address to the old place.
            var corrected = incidentForm("L-1", address: "Lijsterstraat 22", bagID: lijsterstraat)
            corrected.removeAll { $0.0 == "bron" || $0.0 == "bron_id" }
            let saved = try await postForm(app, "/incidenten/\(id.uuidString.lowercased())", corrected, as: police)
            #expect(saved.status == .seeOther)
            #expect(try await Incident.find(id, on: app.db)?.bagID == nil)
            let after = try await getPage(app, "/incidenten/\(id.uuidString.lowercased())", as: police).body.string
            #expect(after.contains("Het BAG-id is weggelaten, omdat het bij het vorige adres hoorde"))

            let token = try await AccountService.createToken(email: "agent@politie.nl", label: "t", on: app)
            let created = try await call(
                app, .POST, "/incidents", token: token,
                json: [
                    "source": "politie", "source_id": "API-B", "date": "2025-05-02", "municipality_code": "GM0307",
                    "address": "Lijsterstraat 20", "rd_x": 155990.6, "rd_y": 464256.2, "target": "woning",
                    "means": "explosief", "bag_id": lijsterstraat
                ], documented: ("/incidents", "post"))
            #expect(created.0 == .created)
            #expect(created.1["bag_id"] as? String == lijsterstraat)
            let bad = try await call(
                app, .POST, "/incidents", token: token,
                json: [
                    "source": "politie", "source_id": "API-C", "date": "2025-05-02", "municipality_code": "GM0307",
                    "rd_x": 155990.6, "rd_y": 464256.2, "target": "woning", "means": "explosief", "bag_id": "12"
                ], documented: ("/incidents", "post"))
            #expect(bad.0 == .unprocessableEntity)
            let item = try #require((bad.1["errors"] as? [[String: Any]])?.first)
            #expect(item["column"] as? String == "bag_id")
        }
    }

    @Test func theSameAddressIsRecognisedAcrossIncidentsAndCasesForThoseWhoMaySeeIt() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            try await makeUser(app, email: "oov@amersfoort.nl", role: .municipalOfficer, organisation: "GM0307")
            try await makeUser(app, email: "oov@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            let police = try await login(app, email: "agent@politie.nl")
            let officer = try await login(app, email: "oov@amersfoort.nl")
            let neighbour = try await login(app, email: "oov@utrecht.nl")
            let first = try redirectID(
                try await postForm(
                    app, "/incidenten", incidentForm("L-1", address: "Lijsterstraat 20", bagID: lijsterstraat),
                    as: police))
            // The same place, spelled otherwise; and another house in the street.
            let second = try redirectID(
                try await postForm(
                    app, "/incidenten", incidentForm("L-2", address: "Lijsterstr 20 ", bagID: lijsterstraat),
                    as: police))
            let other = try redirectID(
                try await postForm(
                    app, "/incidenten", incidentForm("L-3", address: "Lijsterstraat 22", bagID: "0307010000463991"),
                    as: police))
            // The same id filed under another municipality is a mistake, not this place.
            var elsewhereForm = incidentForm("L-4", address: "Lijsterstraat 20", bagID: lijsterstraat)
            elsewhereForm = elsewhereForm.map { $0.0 == "gemeentecode" ? ("gemeentecode", "GM0344") : $0 }
            let mistaken = try redirectID(try await postForm(app, "/incidenten", elsewhereForm, as: police))
            let caseID = try redirectID(
                try await postForm(
                    app, "/zaken",
                    [
                        ("titel", "Lijsterstraat 20"), ("adres", "Lijsterstraat 20, 3815DT Amersfoort"),
                        ("bag_id", lijsterstraat), ("fase", "explosie"), ("vertrouwelijkheid", "zaakvertrouwelijk"),
                        ("termijn", "56")
                    ], as: officer))
            #expect(try await CaseFile.find(caseID, on: app.db)?.bagID == lijsterstraat)

            let path = "/incidenten/\(first.uuidString.lowercased())"
            let seen = try await getPage(app, path, as: officer).body.string
            #expect(seen.contains("Op dit adres"))
            #expect(seen.contains("href=\"/incidenten/\(second.uuidString.lowercased())\""))
            #expect(!seen.contains("href=\"/incidenten/\(other.uuidString.lowercased())\""), "a neighbour is not it")
            #expect(seen.contains("href=\"/zaken/\(caseID.uuidString.lowercased())\""))
            #expect(seen.contains("1 zaak"))
            // Police see the attacks but not a case that was not shared with them; Utrecht sees neither.
            let partner = try await getPage(app, path, as: police).body.string
            #expect(partner.contains("href=\"/incidenten/\(second.uuidString.lowercased())\""))
            #expect(!partner.contains("href=\"/incidenten/\(mistaken.uuidString.lowercased())\""))
            #expect(!partner.contains("/zaken/\(caseID.uuidString.lowercased())"))
            let elsewhere = try await getPage(app, path, as: neighbour).body.string
            #expect(!elsewhere.contains("Op dit adres") && !elsewhere.contains(lijsterstraat))

            // On the case, the attacks at its BAG object head the list to link, however they were spelled.
            let casePage = try await getPage(app, "/zaken/\(caseID.uuidString.lowercased())", as: officer).body.string
            #expect(casePage.contains("(BAG-object \(lijsterstraat))"))
            let choices = try #require(casePage.components(separatedBy: "name=\"incident\"").dropFirst().first)
            let options = choices.components(separatedBy: "<option value=\"").dropFirst().prefix(3).map {
                String($0.prefix(36))
            }
            #expect(Set(options.prefix(2)) == Set([first, second].map { $0.uuidString.lowercased() }))
            #expect(casePage.contains("Lijsterstr 20 (zelfde BAG-object)"))

            let bad = try await postForm(
                app, "/zaken",
                [
                    ("titel", "X"), ("bag_id", "abc"), ("fase", "explosie"), ("vertrouwelijkheid", "zaakvertrouwelijk"),
                    ("termijn", "56")
                ], as: officer)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("BAG-id: een BAG-id bestaat uit 16 cijfers"))
            #expect(try await CaseFile.query(on: app.db).count() == 1)
        }
    }

    @Test func repeatAttacksOnOneBAGObjectCountAsOneRepeatedAddress() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(
                app,
                """
                bron_id;datum;gemeentecode;adres;postcode;x;y;doelwit;middel;bag_id
                K-1;2025-01-05;GM0363;Kerkstraat 1;1017 GC;121400;487400;woning;explosief;0363010000000001
                K-2;2025-03-05;GM0363;Kerkstr. 1;1017 GC;121400;487400;woning;explosief;363010000000001
                K-3;2025-04-05;GM0363;Kerkstraat 3;1017 GC;121420;487400;woning;explosief;0363010000000003
                K-4;2025-05-05;GM0599;Coolsingel 40;3011 AD;92500;437500;bedrijf;explosief;0363010000000001

                """)
            let hits = try await IncidentStore.repeatAddressHits(
                since: CivilDate(year: 2024, month: 1, day: 1)!, through: CivilDate(year: 2025, month: 12, day: 31)!,
                on: app.db)
            let found = RepeatAddress.find(
                in: hits, window: CivilDate(year: 2025, month: 1, day: 1)!...CivilDate(year: 2025, month: 12, day: 31)!)
            #expect(found.count == 1)
            #expect(found.first?.dates.count == 2)
            #expect(found.first?.address == "Kerkstr. 1")

            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "corp@example.nl", role: .housingCorporation, organisation: "corp")
            for (email, expected) in [("oov@amsterdam.nl", "0363010000000001"), ("corp@example.nl", nil)] {
                let browser = try await login(app, email: email)
                let csv = try await getPage(app, "/export/incidenten.csv", as: browser).body.string
                let lines = csv.components(separatedBy: "\r\n")
                #expect(lines.first?.hasSuffix(";bag_id") == true)
                let k1 = try #require(lines.first { $0.contains(";K-1;") })
                #expect(k1.hasSuffix(";" + (expected ?? "")), "\(email): \(k1)")
            }
        }
    }
}
