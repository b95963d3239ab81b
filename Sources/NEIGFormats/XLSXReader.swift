import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an Excel workbook (.xlsx) as the CSV it would save, so that a workbook is checked by
/// exactly the rules of a CSV file. Cells formatted as a date come out as `JJJJ-MM-DD`, times as `UU:MM`; rows
/// keep their Excel row numbers as line numbers, and short rows are padded to the header's width.
public enum XLSXReader {
    /// Every part is read into memory; a workbook whose parts unpack to more than this is refused, so that a
    /// small zip cannot expand into gigabytes.
    public static let maximumUnpackedBytes = 100 << 20
    static let maximumColumns = 16_384
    static let maximumRows = 1_048_576

    /// A ZIP file starts with "PK\3\4"; an .xlsx is one.
    public static func isWorkbook(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    public static func firstSheetAsCSV(_ bytes: [UInt8]) -> Result<[UInt8], CSVReader.Problem> {
        do {
            // Rows above the header are left out; line numbers stay the sheet's row numbers.
            let rows = try firstSheet(bytes).drop(while: { $0.cells.allSatisfy(\.isEmpty) })
            var csv = ""
            var line = 1
            // Trailing empty header cells are no columns; Excel often keeps them after a deleted column.
            let width = rows.first.map { $0.cells.count - $0.cells.reversed().prefix { $0.isEmpty }.count } ?? 0
            for row in rows {
                guard csv.utf8.count <= maximumUnpackedBytes else {
                    return .failure(refusal("het werkblad is groter dan \(maximumUnpackedBytes >> 20) MB als tekst"))
                }
                while line < row.number {
                    csv += "\n" // an empty Excel row: a blank line, which the CSV reader skips
                    line += 1
                }
                var cells = row.cells
                while cells.count > width, cells.last?.isEmpty == true { cells.removeLast() }
                if cells.count < width { cells += Array(repeating: "", count: width - cells.count) }
                csv +=
                    cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(
                        separator: ";") + "\n"
                line += 1 + row.cells.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            }
            return .success(Array(csv.utf8))
        } catch let problem as CSVReader.Problem {
            return .failure(problem)
        } catch {
            return .failure(refusal("het bestand is geen leesbaar Excel-bestand (.xlsx)"))
        }
    }

    struct Row {
        let number: Int
        var cells: [String]
    }

    static func refusal(_ reason: String) -> CSVReader.Problem {
        CSVReader.Problem(line: 1, column: nil, reason: reason)
    }

    static func firstSheet(_ bytes: [UInt8]) throws -> [Row] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var unpacked = 0
        let tooLarge = refusal("het Excel-bestand pakt uit tot meer dan \(maximumUnpackedBytes >> 20) MB")
        // The sizes a ZIP declares are not to be trusted: the bytes are counted as they come out.
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= UInt64(maximumUnpackedBytes - unpacked) else { throw tooLarge }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                unpacked += chunk.count
                guard unpacked <= maximumUnpackedBytes else { throw tooLarge }
                data.append(chunk)
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml").map(XMLEvents.parse),
            let relations = try part("xl/_rels/workbook.xml.rels").map(XMLEvents.parse)
        else { throw refusal("het bestand is geen Excel-werkmap (.xlsx): xl/workbook.xml ontbreekt") }
        guard
            let firstSheetID = workbook.first(where: { $0.name == "sheet" })?.attributes.first(where: {
                $0.key.hasSuffix(":id")
            })?.value,
            let target = relations.first(where: { $0.name == "Relationship" && $0.attributes["Id"] == firstSheetID })?
                .attributes["Target"]
        else { throw refusal("de Excel-werkmap heeft geen werkblad") }
        let sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheet = try part(sheetPath).map(XMLEvents.parse) else {
            throw refusal("het eerste werkblad ontbreekt in de Excel-werkmap")
        }
        let strings = try part("xl/sharedStrings.xml").map { sharedStrings(try XMLEvents.parse($0)) } ?? []
        let styles = try part("xl/styles.xml").map { CellStyles(try XMLEvents.parse($0)) } ?? CellStyles()
        let uses1904 = workbook.contains {
            $0.name == "workbookPr" && ["1", "true"].contains($0.attributes["date1904"])
        }
        return try rows(of: sheet, strings: strings, styles: styles, uses1904: uses1904)
    }

    /// Each `si` is one string: its `t` texts joined, phonetic runs (`rPh`) left out.
    static func sharedStrings(_ events: [XMLEvents.Element]) -> [String] {
        var strings: [String] = []
        for element in events {
            switch element.name {
            case "si": strings.append("")
            case "t" where !element.insidePhonetic && !strings.isEmpty: strings[strings.count - 1] += element.text
            default: break
            }
        }
        return strings
    }

    static func rows(of sheet: [XMLEvents.Element], strings: [String], styles: CellStyles, uses1904: Bool) throws
        -> [Row]
    {
        var rows: [Row] = []
        var current: Row?
        var cell: (column: Int, type: String?, style: Int)?
        var value = ""
        func finishCell() throws {
            guard let open = cell else { return }
            cell = nil
            let text: String
            switch open.type {
            case "s":
                guard let index = Int(value), strings.indices.contains(index) else {
                    throw refusal("het Excel-bestand verwijst naar tekst die er niet in staat")
                }
                text = strings[index]
            case "b": text = value == "1" ? "1" : "0"
            case "inlineStr", "str", "e": text = value
            default: text = styles.display(number: value, style: open.style, uses1904: uses1904)
            }
            guard current != nil else { return }
            if current!.cells.count <= open.column {
                current!.cells += Array(repeating: "", count: open.column + 1 - current!.cells.count)
            }
            current!.cells[open.column] = text
        }
        for element in sheet {
            switch element.name {
            case "row":
                try finishCell()
                if let current { rows.append(current) }
                let number = Int(element.attributes["r"] ?? "") ?? ((rows.last?.number ?? 0) + 1)
                guard (1...maximumRows).contains(number), number > (rows.last?.number ?? 0) else {
                    throw refusal("het werkblad heeft een ongeldig rijnummer (\(number))")
                }
                current = Row(number: number, cells: [])
            case "c":
                try finishCell()
                let column = element.attributes["r"].flatMap(columnIndex) ?? (current?.cells.count ?? 0)
                guard column < maximumColumns else { throw refusal("het werkblad heeft meer dan 16.384 kolommen") }
                cell = (column, element.attributes["t"], Int(element.attributes["s"] ?? "") ?? 0)
                value = ""
            case "v": value = element.text
            case "t" where cell?.type == "inlineStr": value += element.text
            default: break
            }
        }
        try finishCell()
        if let current { rows.append(current) }
        return rows
    }

    /// "AB12" → 27 (zero-based), from the letters only.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard let ascii = scalar.isASCII ? UInt8(scalar.value) : nil else { return nil }
            if (0x41...0x5A).contains(ascii) {
                index = index * 26 + Int(ascii - 0x40)
                letters += 1
                if letters > 3 { return nil }
            } else {
                break
            }
        }
        return letters == 0 ? nil : index - 1
    }
}
