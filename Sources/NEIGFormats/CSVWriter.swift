/// Writes CSV for spreadsheets: RFC 4180 quoting, and a field that a spreadsheet would run as a formula
/// (leading `=`, `+`, `-`, `@`, tab or carriage return, and not a number) gets a leading `'` (OWASP CSV injection).
public struct CSVWriter: Sendable {
    public var separator: Character
    public var lineEnding: String

    /// Excel in Dutch reads `;`; RFC 4180 asks for CRLF.
    public init(separator: Character = ";", lineEnding: String = "\r\n") {
        self.separator = separator
        self.lineEnding = lineEnding
    }

    public func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first),
            Double(text.replacingOccurrences(of: ",", with: ".")) == nil
        {
            text = "'" + text
        }
        guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator)) + lineEnding
    }

    public func document(_ rows: [[String]]) -> String {
        rows.map(row).joined()
    }
}
