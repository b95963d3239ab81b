import Foundation
import ZIPFoundation

/// What Word and Excel files share: a ZIP of XML parts, and XML text without the characters XML 1.0 forbids.
enum OfficePackage {
    static func zip(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate,
                provider: { position, size in bytes.subdata(in: Data.Index(position)..<Data.Index(position) + size) })
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// Text for an element or attribute: markup escaped, tabs and line ends as spaces, control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(" ")
            case "\u{20}"..."\u{D7FF}", "\u{E000}"..."\u{FFFD}", "\u{10000}"..."\u{10FFFF}":
                out.unicodeScalars.append(scalar)
            default: continue
            }
        }
        return out
    }
}

/// An Excel workbook (.xlsx) of plain text sheets, with the first row bold: enough for a template people fill in.
public struct XLSXWorkbook: Sendable {
    public struct Sheet: Sendable {
        public let name: String
        public let rows: [[String]]
        public init(name: String, rows: [[String]]) {
            self.name = name
            self.rows = rows
        }
    }

    public let sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    public func data() throws -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", Self.packageRelationships),
            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", Self.styles)
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Self.worksheet(sheet)))
        }
        return try OfficePackage.zip(parts)
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    var contentTypes: String {
        Self.header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets.indices.map {
                #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            }.joined() + "</Types>"
    }

    static let packageRelationships =
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    var workbook: String {
        Self.header + #"<workbook xmlns="\#(Self.main)" xmlns:r="\#(Self.relationships)"><sheets>"#
            + sheets.enumerated().map { index, sheet in
                #"<sheet name="\#(OfficePackage.escape(String(sheet.name.prefix(31))))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            }.joined() + "</sheets></workbook>"
    }

    var workbookRelationships: String {
        Self.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map {
                #"<Relationship Id="rId\#($0 + 1)" Type="\#(Self.relationships)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(Self.relationships)/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Style 0 plain, style 1 bold (the header row).
    static let styles =
        header + #"<styleSheet xmlns="\#(main)"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="1"><fill><patternFill patternType="none"/></fill></fills>"#
        + #"<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>"#

    /// Every cell an inline string, so that a leading zero or a code like "0363" stays as typed.
    static func worksheet(_ sheet: Sheet) -> String {
        let rows = sheet.rows.enumerated().map { rowIndex, cells in
            "<row r=\"\(rowIndex + 1)\">"
                + cells.enumerated().map { column, text in
                    "<c r=\"\(columnName(column))\(rowIndex + 1)\" t=\"inlineStr\"\(rowIndex == 0 ? " s=\"1\"" : "")>"
                        + "<is><t xml:space=\"preserve\">\(OfficePackage.escape(text))</t></is></c>"
                }.joined() + "</row>"
        }
        return Self.header + #"<worksheet xmlns="\#(main)"><sheetData>"# + rows.joined() + "</sheetData></worksheet>"
    }

    /// 0 → "A", 26 → "AA".
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }
}
