/// A strict RFC 4180 reader that never crashes or hangs on bad input: every structural problem
/// becomes a `CSVProblem` with the physical line it starts on (header = line 1).
public struct CSVReader: Sendable {
    public static let maximumFieldLength = 10_000

    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) { (self.line, self.fields) = (line, fields) }
    }

    public struct Table: Sendable {
        public let delimiter: Character
        public let header: [String]
        /// The rows with as many fields as the header.
        public let records: [Record]
        /// Rows with more or fewer fields than the header: reported as a problem, yet handed over so that their
        /// values can be checked in the same pass.
        public var malformed: [Record] = []
        public var encoding: TextEncoding = .utf8
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: String?
        public let reason: String
        public init(line: Int, column: String?, reason: String) {
            self.line = line
            self.column = column
            self.reason = reason
        }
        public var description: String {
            if let column { "line \(line), column \(column): \(reason)" } else { "line \(line): \(reason)" }
        }
    }

    public init() {}

    /// Reads a whole file. Problems that make the rest unreadable (an unterminated quote, bytes that are neither
    /// UTF-8 nor Windows-1252, an empty file) come back as the only problem; wrong field counts and over-long fields
    /// are collected per row, and the rows still handed over. A column is named by its header where there is one.
    public func read(_ input: [UInt8]) -> (table: Table?, problems: [Problem]) {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) {
            return (nil, [Problem(line: 1, column: nil, reason: "het bestand is leeg")])
        }
        guard let (text, encoding) = TextEncoding.utf8(from: bytes) else {
            let line = Self.firstInvalidUTF8Line(bytes) ?? 1
            let reason = "geen UTF-8 en ook geen Windows-1252 (sla het bestand in Excel op als ‘CSV UTF-8’)"
            return (nil, [Problem(line: line, column: nil, reason: reason)])
        }
        let decoded = text[...]
        let delimiter = Self.detectDelimiter(decoded)
        var records: [Record] = []
        var parser = Parser(bytes: decoded, delimiter: delimiter == ";" ? 0x3B : 0x2C)
        while true {
            switch parser.next() {
            case .end:
                break
            case .failure(let problem):
                return (nil, [Self.naming(problem, header: records.first?.fields)])
            case .record(let record):
                records.append(record)
                continue
            }
            break
        }
        // Blank lines above the header (a workbook whose first rows are empty) are no header.
        records = Array(records.drop { $0.fields.count == 1 && $0.fields[0].trimmingSpaces.isEmpty })
        guard let headerRecord = records.first else {
            return (nil, [Problem(line: 1, column: nil, reason: "het bestand is leeg")])
        }
        let header = headerRecord.fields.map { $0.trimmingSpaces.lowercased() }
        var problems = parser.problems.map { Self.naming($0, header: header) }
        var rows: [Record] = []
        var malformed: [Record] = []
        rows.reserveCapacity(records.count)
        for record in records.dropFirst() {
            if record.fields.count == 1, record.fields[0].isEmpty { continue } // blank line
            if record.fields.count != header.count {
                problems.append(
                    Problem(
                        line: record.line, column: nil,
                        reason: "\(record.fields.count.counted(.field)), de kopregel heeft er \(header.count.dutch)"))
                malformed.append(record)
                continue
            }
            rows.append(record)
        }
        let table = Table(
            delimiter: delimiter, header: header, records: rows, malformed: malformed, encoding: encoding)
        return (table, problems)
    }

    /// "column 12" becomes the header's name for column 12, which is what the person fixing the file sees.
    static func naming(_ problem: Problem, header: [String]?) -> Problem {
        guard let column = problem.column, let position = Int(column), let header, position >= 1,
            position <= header.count, !header[position - 1].trimmingSpaces.isEmpty
        else { return problem }
        return Problem(
            line: problem.line, column: header[position - 1].trimmingSpaces.lowercased(), reason: problem.reason)
    }

    /// The delimiter is whichever of `;` and `,` occurs more often in the header line (`;` on a tie,
    /// because Dutch spreadsheet exports use it).
    static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> Character {
        var semicolons = 0, commas = 0
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D { break }
            if byte == 0x3B { semicolons += 1 } else if byte == 0x2C { commas += 1 }
        }
        return commas > semicolons ? "," : ";"
    }

    static func firstInvalidUTF8Line(_ bytes: ArraySlice<UInt8>) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    struct Parser {
        enum Step { case record(Record), failure(Problem), end }
        let bytes: ArraySlice<UInt8>
        let delimiter: UInt8
        var position: Int
        var line = 1
        /// Problems that leave the rest readable, such as an over-long field.
        var problems: [Problem] = []

        init(bytes: ArraySlice<UInt8>, delimiter: UInt8) {
            self.bytes = bytes
            self.delimiter = delimiter
            self.position = bytes.startIndex
        }

        mutating func next() -> Step {
            guard position < bytes.endIndex else { return .end }
            let recordLine = line
            var fields: [String] = []
            fields.reserveCapacity(16)
            var field: [UInt8] = []
            while true {
                field.removeAll(keepingCapacity: true)
                // Unquoted fields (nearly all) are decoded straight from the input, without copying byte by byte.
                var unquoted: Range<Int>?
                if position < bytes.endIndex, bytes[position] == 0x22 {
                    let quoteLine = line
                    position += 1
                    var closed = false
                    while position < bytes.endIndex {
                        let byte = bytes[position]
                        if byte == 0x22 {
                            if position + 1 < bytes.endIndex, bytes[position + 1] == 0x22 {
                                field.append(0x22)
                                position += 2
                                continue
                            }
                            position += 1
                            closed = true
                            break
                        }
                        if byte == 0x0A { line += 1 }
                        field.append(byte)
                        position += 1
                    }
                    if !closed {
                        return .failure(
                            Problem(line: quoteLine, column: nil, reason: "aanhalingsteken wordt niet afgesloten"))
                    }
                    if position < bytes.endIndex, ![delimiter, 0x0A, 0x0D].contains(bytes[position]) {
                        return .failure(
                            Problem(
                                line: line, column: "\(fields.count + 1)",
                                reason: "tekst na het afsluitende aanhalingsteken"))
                    }
                } else {
                    let start = position
                    while position < bytes.endIndex {
                        let byte = bytes[position]
                        if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                        position += 1
                    }
                    unquoted = start..<position
                }
                let text =
                    unquoted.map { String(decoding: bytes[$0], as: UTF8.self) }
                    ?? String(decoding: field, as: UTF8.self)
                if (unquoted?.count ?? field.count) > CSVReader.maximumFieldLength,
                    text.count > CSVReader.maximumFieldLength
                {
                    problems.append(
                        Problem(
                            line: recordLine, column: "\(fields.count + 1)",
                            reason: "veld langer dan \(CSVReader.maximumFieldLength.dutch) tekens"))
                }
                fields.append(text)
                guard position < bytes.endIndex else { return .record(Record(line: recordLine, fields: fields)) }
                let byte = bytes[position]
                position += 1
                if byte == delimiter { continue }
                if byte == 0x0D, position < bytes.endIndex, bytes[position] == 0x0A { position += 1 }
                line += 1
                return .record(Record(line: recordLine, fields: fields))
            }
        }
    }
}

extension String {
    /// The field without surrounding whitespace, as every reader of a CSV cell wants it.
    public var trimmingSpaces: String {
        // Nearly every field has no surrounding space; checking the edge bytes avoids Unicode lookups per field.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        if isEmpty { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
