import Testing

@testable import NEIGCore

@Suite struct IncidentImportTests {
    let parser = IncidentImportParser(municipalities: .bundled, today: CivilDate(year: 2025, month: 6, day: 30)!)
    let header = "bron_id;datum;tijd;gemeentecode;gemeente;adres;postcode;x;y;doelwit;middel;omschrijving\n"

    func parse(_ body: String, header: String? = nil) -> IncidentImportParser.Result {
        parser.parse(Array(((header ?? self.header) + body).utf8))
    }

    @Test func validRowsBecomeRecordsWithBothCoordinateSystems() throws {
        let result = parse(
            "P-1;2024-03-01;02:15;GM0363;Amsterdam;Kerkstraat 1;1017 gc;121400;487400;woning;explosief;Voordeur\n")
        #expect(result.problems.isEmpty)
        let record = try #require(result.records.first)
        #expect(record.postcode == "1017GC")
        #expect(abs(record.wgs84.latitude - 52.373) < 0.002)
        #expect(record.target == .woning)
    }

    @Test func wgs84WithDecimalCommaIsConvertedToRD() throws {
        let result = parse(
            "P-2,\"01-03-2024\",GM0599,\"51,9225\",\"4,4792\",bedrijf,vuurwerk\n",
            header: "bron_id,datum,gemeentecode,lat,lon,doelwit,middel\n")
        #expect(result.problems.isEmpty)
        let record = try #require(result.records.first)
        #expect(abs(record.rd.x - 92_500) < 500)
        #expect(record.date == CivilDate(year: 2024, month: 3, day: 1))
    }

    @Test func everyProblemIsListedWithLineAndColumn() {
        let result = parse(
            """
            P-1;2024-02-30;25:00;GM9999;;;12AB;121400;487400;huis;bom;
            P-2;2030-01-01;;GM0363;;;;500000;487400;woning;explosief;
            P-3;2024-01-01;;GM0363;;;;121400;487400;woning;explosief;
            P-3;2024-01-02;;GM0363;;;;121400;487400;woning;explosief;

            """)
        #expect(result.records.isEmpty)
        #expect(
            result.problems.map(\.description) == [
                "line 2, column datum: '2024-02-30' is geen bestaande datum (JJJJ-MM-DD of DD-MM-JJJJ)",
                "line 2, column doelwit: 'huis' is niet een van: woning, bedrijf, voertuig, overig",
                "line 2, column gemeentecode: 'GM9999' is geen bestaande gemeentecode",
                "line 2, column middel: 'bom' is niet een van: explosief, vuurwerk, handgranaat, onbekend",
                "line 2, column postcode: '12AB' is geen Nederlandse postcode (1234 AB)",
                "line 2, column tijd: '25:00' is geen tijd tussen 00:00 en 23:59 (UU:MM)",
                "line 3, column datum: 2030-01-01 ligt na vandaag (2025-06-30)",
                "line 3, column x: RD-punt (500000, 487400) ligt buiten Nederland (x 0–300.000, y 300.000–625.000)",
                "line 5, column bron_id: bron_id 'P-3' staat ook op regel 4"
            ])
    }

    @Test func missingRequiredColumnsAreReportedOnTheHeader() {
        let result = parse("1;2\n", header: "bron_id;datum\n")
        #expect(result.problems.map(\.description).contains("line 1, column gemeentecode: verplichte kolom ontbreekt"))
        #expect(
            result.problems.map(\.description).contains(
                "line 1, column x: coördinaten ontbreken: geef kolommen x en y (RD) of lat en lon (WGS84)"))
    }
}
