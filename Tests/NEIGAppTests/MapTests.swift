import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// The maps as their readers meet them: every municipality on the national maps with the figure of the table,
/// nothing below 5 on the public ones, the municipality with its neighbours, a risk area's zones, an incident's
/// locator and hotspots named by place. "Today" is 30 June 2025.
@Suite struct MapTests {
    /// Twelve attacks in Amsterdam in January (a published cell), three in Rotterdam, one in Utrecht far outside it.
    static let csv: String = {
        var rows = (1...12).map { i in
            "AM-\(i);2025-01-\(String(format: "%02d", i + 2));;GM0363;Amsterdam;Verzinsingel \(i);1011 AB;\(121_000 + i * 40);\(487_300 + i * 25);woning;explosief;"
        }
        rows += (1...3).map { i in
            "RO-\(i);2025-02-\(String(format: "%02d", i + 1));;GM0599;Rotterdam;Coolsingel \(i);3011 AD;\(92_500 + i * 30);437500;bedrijf;explosief;"
        }
        // Coded as Utrecht, but the coordinates lie in Rotterdam.
        rows.append("UT-1;2025-03-03;;GM0344;Utrecht;Testkade 1;3511 AA;92600;437600;woning;vuurwerk;")
        return incidentHeader + rows.joined(separator: "\n") + "\n"
    }()

    /// `data-gemeente` → the text of its `<title>`, entities decoded.
    static func svg(_ html: String, map id: String) throws -> String {
        let start = try #require(html.range(of: "aria-labelledby=\"\(id)\""))
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.lowerBound])
    }

    static func shapes(_ html: String, map id: String) throws -> [String: String] {
        let svg = try svg(html, map: id)
        let pattern = try NSRegularExpression(pattern: #"data-gemeente="(GM\d{4})"[^>]*><title>([^<]*)</title>"#)
        var result: [String: String] = [:]
        for match in pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)) {
            let code = String(svg[Range(match.range(at: 1), in: svg)!])
            result[code] = decode(String(svg[Range(match.range(at: 2), in: svg)!]))
        }
        return result
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The accessible name of the map: the `<title>` its `aria-labelledby` points at.
    static func accessibleName(_ html: String, map id: String) -> String? {
        guard let range = html.range(of: "<title id=\"\(id)\">"),
            let end = html.range(of: "</title>", range: range.upperBound..<html.endIndex)
        else { return nil }
        return String(html[range.upperBound..<end.lowerBound])
    }

    func anonymousPage(_ app: Application, _ path: String) async throws -> String {
        var body = ""
        try await app.testing().test(.GET, path) { res in
            #expect(res.status == .ok, "\(path)")
            body = res.body.string
        }
        return body
    }

    @Test func theOpenDataMapShowsEveryMunicipalityWithTheTablesFigureAndNothingBelowFive() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, Self.csv)
            let html = try await anonymousPage(app, "/open-data?jaar=2025")
            let shapes = try Self.shapes(html, map: "kaart-open-data")
            #expect(shapes.count == 342)
            #expect(html.contains("role=\"img\" aria-labelledby=\"kaart-open-data\""))
            #expect(Self.accessibleName(html, map: "kaart-open-data")?.hasPrefix("Kaart") == true)
            // The same text as the table's Totaal column, computed by the suppression rule on its own.
            let table = try await OpenDataTable.load(
                year: 2025, today: testToday, on: app.db, registry: app.neig.municipalities)
            for row in table.municipalities {
                let name = app.neig.municipalities[row.code]!.displayName
                #expect(shapes[row.code] == "\(name): \(row.total)", "\(row.code)")
            }
            #expect(shapes["GM0363"] == "Amsterdam: ≥12")
            #expect(shapes["GM0599"] == "Rotterdam: <5")
            #expect(shapes["GM0344"] == "Utrecht: <5")
            // No tooltip of the public map states a count below five.
            for (code, title) in shapes {
                let figure = title.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)
                #expect(
                    figure == "<5" || (Int(figure.trimmingCharacters(in: CharacterSet(charactersIn: "≥"))) ?? 0) >= 5,
                    "\(code): \(title)")
            }
            #expect(html.contains("Bron: CBS, Kadaster/PDOK"))
            #expect(html.contains("class=\"map-legend\""))
        }
    }

    @Test func membersSeeExactCountsOnTheNationalMapVisitorsThePublishedOnes() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, Self.csv)
            try await makeUser(app, email: "analist@vng.nl", role: .analyst, organisation: "vng")
            let analyst = try await login(app, email: "analist@vng.nl")
            let member = try await getPage(app, "/monitor?jaar=2025", as: analyst).body.string
            let exact = try Self.shapes(member, map: "kaart-nederland")
            #expect(exact.count == 342)
            #expect(exact["GM0363"] == "Amsterdam: 12 aanslagen")
            #expect(exact["GM0599"] == "Rotterdam: 3 aanslagen")
            #expect(exact["GM0344"] == "Utrecht: 1 aanslag")
            #expect(exact["GM0014"] == "Groningen: 0 aanslagen")
            // The table beside it has the same numbers.
            #expect(member.contains("De kaart als tabel (3 gemeenten met aanslagen)"))
            let visitor = try await anonymousPage(app, "/monitor?jaar=2025")
            let published = try Self.shapes(visitor, map: "kaart-nederland")
            #expect(published.count == 342)
            #expect(published["GM0599"] == "Rotterdam: <5")
            #expect(published["GM0344"] == "Utrecht: <5")
            #expect(!visitor.contains("3 aanslagen") && !visitor.contains("1 aanslag<"))
        }
    }

    @Test func theMunicipalityMapNamesItsNeighboursAndShowsPointsOnlyToThoseWhoMaySeeThem() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, Self.csv)
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            let own = try await getPage(
                app, "/monitor/gemeente/GM0363?jaar=2025", as: try await login(app, email: "oov@amsterdam.nl")
            ).body.string
            let shapes = try Self.shapes(own, map: "kaart-gemeente")
            #expect(shapes["GM0363"] == "Amsterdam: 12 aanslagen")
            #expect(shapes["GM0362"] == "Amstelveen: 0 aanslagen")
            for neighbour in ["Amstelveen", "Diemen", "Zaanstad", "Ouder-Amstel"] {
                #expect(own.contains(neighbour), "\(neighbour) is named")
            }
            let points =
                try Self.svg(own, map: "kaart-gemeente").components(separatedBy: "data-kind=\"aanslag\"").count - 1
            #expect(points == 12, "one point per attack")
            #expect(own.contains("<title>3 januari 2025, Verzinsingel 1</title>"))
            let other = try await getPage(
                app, "/monitor/gemeente/GM0363?jaar=2025", as: try await login(app, email: "oov@rotterdam.nl")
            ).body.string
            #expect(try Self.shapes(other, map: "kaart-gemeente")["GM0363"] == "Amsterdam: 12 aanslagen")
            #expect(!(try Self.svg(other, map: "kaart-gemeente").contains("<circle")), "no point gives a location away")
            #expect(!other.contains("Verzinsingel"))
            #expect(other.contains("dichtheid"))
            // Three attacks are too few for a density that would not show where each of them was.
            let few = try await getPage(
                app, "/monitor/gemeente/GM0599?jaar=2025", as: try await login(app, email: "oov@amsterdam.nl")
            ).body.string
            #expect(!(try Self.svg(few, map: "kaart-gemeente").contains("<clipPath")))
            #expect(!(try Self.svg(few, map: "kaart-gemeente").contains("data-rd")))
        }
    }

    @Test func anIncidentShowsWhereItLiesAndIsQuestionedWhenFarOutsideItsMunicipality() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, Self.csv)
            try await makeUser(app, email: "coord@vng.nl", role: .coordinator, organisation: "vng")
            let coordinator = try await login(app, email: "coord@vng.nl")
            let wrong = try #require(try await Incident.query(on: app.db).filter(\.$sourceID == "UT-1").first())
            let right = try #require(try await Incident.query(on: app.db).filter(\.$sourceID == "AM-1").first())
            let questioned = try await getPage(app, "/incidenten/\(wrong.id!)", as: coordinator).body.string
            #expect(questioned.contains("Controleer de gemeente"))
            #expect(questioned.contains("liggen in Rotterdam"))
            #expect(Self.accessibleName(questioned, map: "kaart-ligging")?.hasPrefix("Kaart") == true)
            let fine = try await getPage(app, "/incidenten/\(right.id!)", as: coordinator).body.string
            #expect(!fine.contains("Controleer de gemeente"))
            #expect(try Self.shapes(fine, map: "kaart-ligging")["GM0363"] == "Amsterdam")
            #expect(fine.contains("De aanslag ligt op RD x"))
        }
    }

    @Test func theImportSaysWhichRowsLieOutsideTheirMunicipality() async throws {
        try await withNEIGApp { app in
            let outcome = try await importCSV(app, Self.csv)
            #expect(outcome.problems.isEmpty)
            #expect(try await incidentCount(app) == 16)
            #expect(
                outcome.notes.map(\.description).contains {
                    $0.hasPrefix("line 17, column gemeentecode: de coördinaten liggen in Rotterdam")
                })
        }
    }

    @Test func aRiskAreaAndTheCaseOpenedFromItShowTheZones() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            _ = try await importCSV(app, RiskAreaTests.csv)
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let area = try #require(try await RiskArea.query(on: app.db).sort(\.$lastAttackOn).first())
            let id = area.id!.uuidString.lowercased()
            let page = try await getPage(app, "/waarschuwingen/\(id)", as: officer).body.string
            #expect(
                Self.accessibleName(page, map: "kaart-risicogebied")?.hasPrefix("Kaart van het risicogebied") == true)
            let zones = try #require(
                try await NearRepeatAlert.query(on: app.db).filter(\.$riskArea.$id == area.id!).all())
            #expect(page.contains("zone van \(Int(zones[0].radius)) m rond een aanslag"))
            #expect(page.contains("Leidsegracht 5, opende de zone"))
            #expect(page.contains("Kerkstraat 10, eerder"))
            let opened = try await postForm(
                app, "/zaken",
                [
                    ("titel", "Leidsegracht 5"), ("adres", "Leidsegracht 5"), ("fase", "explosie"),
                    ("vertrouwelijkheid", "vertrouwelijk"), ("termijn", "56"), ("risicogebied", id)
                ], as: officer)
            let caseID = try redirectID(opened)
            let casePage = try await getPage(app, "/zaken/\(caseID)", as: officer).body.string
            #expect(casePage.contains("aria-labelledby=\"kaart-risicogebied\""))
            #expect(casePage.contains("Leidsegracht 5, opende de zone"))
        }
    }

    @Test func hotspotsAreNamedByPlaceNeverByCoordinatesAlone() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, Self.csv)
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "analist@vng.nl", role: .analyst, organisation: "vng")
            let query = "/analyse?gemeente=GM0363&van=2025-01-01&tot=2025-06-30"
            let own = try await getPage(app, query, as: try await login(app, email: "oov@amsterdam.nl")).body.string
            #expect(own.contains("Amsterdam, omgeving Verzinsingel (1011)"))
            #expect(!own.contains("rond RD"))
            #expect(Self.accessibleName(own, map: "kaart-hotspots")?.hasPrefix("Kaart") == true)
            let national = try await getPage(
                app, "/analyse?van=2025-01-01&tot=2025-06-30", as: try await login(app, email: "analist@vng.nl")
            ).body.string
            #expect(national.contains("<strong>Amsterdam, "))
            #expect(!national.contains("Verzinsingel"), "no street for those who may not see addresses")
            #expect(!(try Self.svg(national, map: "kaart-hotspots").contains("data-rd")), "no marker on a location")
        }
    }
}
