import Foundation
import NEIGCore
import NEIGFormats

/// The three output formats of `neig monitor`.
public enum MonitorFormatting {
    public static func json(_ report: MonitorReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// One header row and one data row, so a spreadsheet can append years below each other.
    public static func csv(_ report: MonitorReport) -> String {
        let months = CivilDate.dutchMonthAbbreviations
        let header =
            ["year", "total"] + TargetType.allCases.map(\.rawValue) + months + ["previous_year_total", "change_pct"]
        let values =
            [String(report.year), String(report.total)]
            + TargetType.allCases.map { String(report.byTarget[$0.rawValue] ?? 0) }
            + report.byMonth.map(String.init)
            + [report.previousYearTotal.map(String.init) ?? "", report.changePct.map { String($0) } ?? ""]
        let csv = CSVWriter(lineEnding: "\n")
        var text = csv.row(header) + csv.row(values) + "\n" + csv.row(["rank", "code", "name", "count"])
        for (rank, entry) in report.topMunicipalities.enumerated() {
            text += csv.row([String(rank + 1), entry.code, entry.name, String(entry.count)])
        }
        return text
    }

    public static func table(_ report: MonitorReport) -> String {
        func row(_ label: String, _ value: String) -> String {
            label.padding(toLength: 24, withPad: " ", startingAt: 0) + value + "\n"
        }
        var text = "Aanslagen met explosieven \(report.year)\n"
        text += row("Totaal", String(report.total))
        text += row("Vorig jaar", report.previousYearTotal.map(String.init) ?? "—")
        text += row("Verandering", report.changePct.map { String(format: "%+.1f %%", $0) } ?? "—")
        for target in TargetType.allCases {
            text += row("  \(target.label)", String(report.byTarget[target.rawValue] ?? 0))
        }
        for (index, count) in report.byMonth.enumerated() {
            text += row("  \(CivilDate.dutchMonths[index])", String(count))
        }
        text += "Top gemeenten\n"
        for entry in report.topMunicipalities { text += row("  \(entry.name)", String(entry.count)) }
        return text
    }
}
