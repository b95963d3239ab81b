import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Testing
import VaporTesting

@testable import NEIGApp

/// What Excel users upload: a workbook, or a CSV saved in Windows-1252, with "Bedrijf" capitalised. Each imports
/// exactly as the same rows in a UTF-8 CSV do.
@Suite struct ExcelImportTests {
    static func fixture(_ name: String, _ ext: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
        return [UInt8](try Data(contentsOf: url))
    }

    /// The Windows-1252 fixture's rows, typed as UTF-8.
    static let utf8CSV = """
        bron_id;datum;tijd;gemeentecode;gemeente;adres;postcode;x;y;doelwit;middel;omschrijving
        E-1;01-01-2025;00:30;GM0363;Amsterdam;Coöperatiestraat 3;1017 GC;121400;487400;Woning;explosief;Voordeur – ‘zwaar’ beschadigd, € 5.000
        E-2;15-03-2025;;GM0363;Amsterdam;Kerkstraat 1;1017 GC;121400;487400;woning;Vuurwerk;
        E-3;10-02-2025;23:10;gm0599;Rotterdam;Coolsingel 40;3011 AD;92500;437500;Bedrijf;explosief;Etalage van café

        """

    struct Stored: Equatable, CustomStringConvertible {
        let fields: [String]
        var description: String { fields.joined(separator: "|") }
    }

    static func importAndRead(_ bytes: [UInt8]) async throws -> (IncidentImporter.Outcome, [Stored]) {
        var result: (IncidentImporter.Outcome, [Stored])?
        try await withNEIGApp { app in
            let outcome = try await IncidentImporter.run(
                bytes, source: "politie", dryRun: false, actor: "test", app: app)
            let incidents = try await Incident.query(on: app.db).sort(\.$sourceID).all()
            result = (
                outcome,
                incidents.map {
                    Stored(fields: [
                        $0.sourceID, $0.occurredOn, $0.timeOfDay ?? "", $0.municipalityCode, $0.address ?? "",
                        $0.postcode ?? "", String($0.rdX), String($0.rdY), $0.target.rawValue, $0.means.rawValue,
                        $0.descriptionText ?? ""
                    ])
                }
            )
        }
        return try #require(result)
    }

    @Test func aWorkbookAndAWindows1252CSVImportLikeTheUTF8CSV() async throws {
        let (utf8, expected) = try await Self.importAndRead(Array(Self.utf8CSV.utf8))
        #expect(utf8.problems.isEmpty, "\(utf8.problems)")
        #expect(expected.count == 3)
        #expect(expected.first?.fields.contains("Voordeur – ‘zwaar’ beschadigd, € 5.000") == true)
        #expect(expected.last?.fields[3] == "GM0599")
        #expect(expected.last?.fields[8] == "bedrijf", "stored in the canonical form")
        #expect(utf8.notes.map(\.description).contains("line 2, column doelwit: ‘Woning’ gelezen als ‘woning’"))
        #expect(utf8.notes.map(\.description).contains("line 4, column doelwit: ‘Bedrijf’ gelezen als ‘bedrijf’"))
        #expect(utf8.encoding == .utf8)

        let (windows, fromWindows) = try await Self.importAndRead(
            try Self.fixture("excel-incidenten-windows1252", "csv"))
        #expect(windows.problems.isEmpty, "\(windows.problems)")
        #expect(windows.encoding == .windows1252)
        #expect(fromWindows == expected)

        let (workbook, fromWorkbook) = try await Self.importAndRead(try Self.fixture("excel-incidenten", "xlsx"))
        #expect(workbook.problems.isEmpty, "\(workbook.problems)")
        #expect(fromWorkbook == expected)
        #expect(workbook.notes.map(\.description) == utf8.notes.map(\.description))
    }

    @Test func oneUploadListsEveryProblemOfStructureAndValuesAtOnce() async throws {
        let csv =
            incidentHeader
                + """
                X-1;2025-02-30;;GM0363;;;;121400;487400;woning;explosief;
                X-2;2025-02-01;;GM9999;;;;121400;487400;kasteel;explosief;
                X-3;2025-02-01;25:00;GM0363;;;;121400;487400;woning;bom;
                X-4;2025-02-01;;GM0363;;;;121400;487400;woning
                X-5;2025-02-01;;GM0363;;;99999;abc;487400;woning;explosief;
                ;2025-02-01;;GM0363;;;;121400;487400;woning;explosief;

                """
        try await withNEIGApp { app in
            let outcome = try await importCSV(app, csv)
            let lines = outcome.problems.map(\.description)
            #expect(
                lines == [
                    "line 2, column datum: '2025-02-30' is geen bestaande datum (JJJJ-MM-DD of DD-MM-JJJJ)",
                    "line 3, column doelwit: 'kasteel' is niet een van: woning, bedrijf, voertuig, overig",
                    "line 3, column gemeentecode: 'GM9999' is geen bestaande gemeentecode",
                    "line 4, column middel: 'bom' is niet een van: explosief, vuurwerk, handgranaat, onbekend",
                    "line 4, column tijd: '25:00' is geen tijd tussen 00:00 en 23:59 (UU:MM)",
                    "line 5: 10 velden, de kopregel heeft er 12",
                    "line 6, column postcode: '99999' is geen Nederlandse postcode (1234 AB)",
                    "line 6, column x: 'abc' is geen getal",
                    "line 7, column bron_id: verplicht veld is leeg"
                ], "\(lines)")
            #expect(try await incidentCount(app) == 0)
        }
    }

    @Test func aMissingColumnDoesNotHideTheValueErrors() async throws {
        let csv = "bron_id;datum;gemeentecode;x;y;doelwit\nX-1;2025-02-30;GM0363;121400;487400;woning\n"
        try await withNEIGApp { app in
            let lines = try await importCSV(app, csv).problems.map(\.description)
            #expect(
                lines == [
                    "line 1, column middel: verplichte kolom ontbreekt",
                    "line 2, column datum: '2025-02-30' is geen bestaande datum (JJJJ-MM-DD of DD-MM-JJJJ)"
                ], "\(lines)")
        }
    }

    /// An optional column left out of the header must not let a row that needs it slip away unreported.
    @Test func aRowFailingOnAColumnTheHeaderLacksIsStillReported() async throws {
        let csv =
            "bron_id;datum;gemeentecode;x;lat;lon;doelwit;middel\nX-1;2025-02-01;GM0363;121400;;;woning;explosief\n"
        try await withNEIGApp { app in
            let outcome = try await importCSV(app, csv)
            #expect(outcome.problems.map(\.description) == ["line 2, column y: y ontbreekt terwijl x is ingevuld"])
            #expect(try await incidentCount(app) == 0)
        }
    }

    @Test func aDamagedWorkbookIsRefusedWithAReason() async throws {
        var bytes = try Self.fixture("excel-incidenten", "xlsx")
        bytes.removeLast(bytes.count / 2)
        try await withNEIGApp { app in
            let outcome = try await IncidentImporter.run(bytes, source: "politie", dryRun: false, actor: "t", app: app)
            #expect(outcome.problems.count == 1)
            #expect(outcome.problems.first?.reason.contains("Excel") == true)
            #expect(try await incidentCount(app) == 0)
        }
    }
}
