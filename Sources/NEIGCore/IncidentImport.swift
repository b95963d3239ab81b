import Foundation
import NEIGFormats

/// Turns an incident CSV file into validated records, or into the full list of problems.
/// The file is judged as a whole: callers write nothing unless `problems` is empty.
public struct IncidentImportParser: Sendable {
    public static let requiredColumns = ["bron_id", "datum", "gemeentecode", "doelwit", "middel"]
    public static let knownColumns =
        requiredColumns + [
            "tijd", "gemeente", "adres", "postcode", "x", "y", "lat", "lon",
            "omschrijving", "definitie", "bag_id"
        ]

    public let municipalities: MunicipalityRegistry
    public let today: CivilDate
    public let source: String
    public let definitionVersion: String

    public init(
        municipalities: MunicipalityRegistry, today: CivilDate, source: String = "politie",
        definitionVersion: String = "politie-2024"
    ) {
        self.municipalities = municipalities
        self.today = today
        self.source = source
        self.definitionVersion = definitionVersion
    }

    /// At most this many problems are listed; a file with more has a systematic fault the first ones show.
    public static let maximumProblems = 1000

    public struct Result: Sendable {
        public var records: [IncidentRecord]
        public var problems: [CSVReader.Problem]
        /// Data rows read, whether valid or not.
        public var rowCount: Int
        /// Values read in another spelling than their canonical one ("Bedrijf" for "bedrijf"): accepted, and said.
        public var notes: [CSVReader.Problem] = []
        public var encoding: TextEncoding = .utf8
        /// Problems beyond `maximumProblems`, counted but not listed.
        public var omittedProblems = 0
        /// Read from the first sheet of an .xlsx workbook rather than from CSV.
        public var fromWorkbook = false

        /// How the file was read, for the person who uploaded it.
        public var readAs: String { fromWorkbook ? "Excel-werkmap, eerste werkblad" : "CSV, \(encoding.rawValue)" }
    }

    /// Reads a CSV file, or the first sheet of an .xlsx workbook, with the same rules; every problem of the file,
    /// in its structure and in its values, is reported in one pass.
    public func parse(_ input: [UInt8]) -> Result {
        var bytes = input
        if XLSXReader.isWorkbook(input) {
            switch XLSXReader.firstSheetAsCSV(input) {
            case .success(let csv): bytes = csv
            case .failure(let problem): return Result(records: [], problems: [problem], rowCount: 0)
            }
        }
        let (table, structural) = CSVReader().read(bytes)
        guard let table else { return Result(records: [], problems: structural, rowCount: 0) }
        let fromWorkbook = bytes != input
        var problems = structural
        let header = table.header
        var duplicateColumns = Set<String>()
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            if index[name] != nil { duplicateColumns.insert(name) } else { index[name] = position }
        }
        for name in duplicateColumns.sorted() {
            problems.append(.init(line: 1, column: name, reason: "kolom komt meer dan eens voor in de kopregel"))
        }
        for name in Self.requiredColumns where index[name] == nil {
            problems.append(.init(line: 1, column: name, reason: "verplichte kolom ontbreekt"))
        }
        let hasRD = index["x"] != nil && index["y"] != nil
        let hasWGS = index["lat"] != nil && index["lon"] != nil
        if !hasRD && !hasWGS {
            problems.append(
                .init(
                    line: 1, column: "x",
                    reason: "coördinaten ontbreken: geef kolommen x en y (RD) of lat en lon (WGS84)"))
        }
        // Rows are checked even when the header or their field count is wrong, so the file is fixed in one go;
        // a value the header has no column for, or a short row lacks, is not reported again per row.
        let rows = (table.records + table.malformed).sorted { $0.line < $1.line }
        // Columns the header problems already speak of; without x, also lat and lon (one coordinate problem).
        var reportedOnHeader = Set(problems.compactMap(\.column))
        if reportedOnHeader.contains("x") { reportedOnHeader.formUnion(["y", "lat", "lon"]) }
        func reportable(_ problem: CSVReader.Problem, in record: CSVReader.Record) -> Bool {
            guard let column = problem.column else { return true }
            guard let position = index[column] else { return !reportedOnHeader.contains(column) }
            return position < record.fields.count
        }
        // A row that fails must never pass unmentioned: if all its problems were left out, they all stay.
        func kept(_ rowProblems: [CSVReader.Problem], in record: CSVReader.Record) -> [CSVReader.Problem] {
            let shown = rowProblems.filter { reportable($0, in: record) }
            return shown.isEmpty && problems.isEmpty ? rowProblems : shown
        }
        var records: [IncidentRecord] = []
        records.reserveCapacity(table.records.count)
        var firstLineOfSourceID: [String: Int] = [:]
        var spellings = SpellingNotes()
        var placements: [CSVReader.Problem] = []
        for (record, outcome) in zip(rows, validateAll(rows, index: index)) {
            switch outcome {
            case .success(let incident):
                spellings.compare(record, index: index, with: incident)
                if let warning = municipalities.placementWarning(incident.rd, municipality: incident.municipalityCode) {
                    placements.append(.init(line: record.line, column: "gemeentecode", reason: warning))
                }
                if let earlier = firstLineOfSourceID[incident.sourceID] {
                    problems.append(
                        .init(
                            line: record.line, column: "bron_id",
                            reason: "bron_id '\(incident.sourceID)' staat ook op regel \(earlier)"))
                } else {
                    firstLineOfSourceID[incident.sourceID] = record.line
                    records.append(incident)
                }
            case .failure(let rowProblems):
                problems.append(contentsOf: kept(rowProblems.problems, in: record))
            }
        }
        problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        let omitted = max(0, problems.count - Self.maximumProblems)
        return Result(
            records: problems.isEmpty ? records : [], problems: Array(problems.prefix(Self.maximumProblems)),
            rowCount: rows.count,
            notes: Array(
                (spellings.notes + placements).sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
                    .prefix(Self.maximumProblems)), encoding: table.encoding, omittedProblems: omitted,
            fromWorkbook: fromWorkbook)
    }

    /// "Bedrijf" and " bedrijf " are read as "bedrijf"; the person importing hears it once per spelling.
    struct SpellingNotes {
        private var seen: [String: (line: Int, column: String, read: String, stored: String, count: Int)] = [:]

        mutating func compare(_ record: CSVReader.Record, index: [String: Int], with incident: IncidentRecord) {
            for (column, stored) in [
                ("doelwit", incident.target.rawValue), ("middel", incident.means.rawValue),
                ("gemeentecode", incident.municipalityCode)
            ] {
                guard let position = index[column], position < record.fields.count else { continue }
                let read = record.fields[position]
                guard read != stored else { continue }
                let key = column + "\u{0}" + read
                if let known = seen[key] {
                    seen[key]?.count = known.count + 1
                } else {
                    seen[key] = (record.line, column, read, stored, 1)
                }
            }
        }

        var notes: [CSVReader.Problem] {
            seen.values.sorted { ($0.line, $0.column) < ($1.line, $1.column) }.map { note in
                let times = note.count > 1 ? " (\(note.count.counted(.line)))" : ""
                return CSVReader.Problem(
                    line: note.line, column: note.column,
                    reason: "‘\(note.read)’ gelezen als ‘\(note.stored)’\(times)")
            }
        }
    }

    /// Rows are independent, so large files are validated in parallel chunks (in order).
    func validateAll(_ records: [CSVReader.Record], index: [String: Int]) -> [Swift.Result<IncidentRecord, ProblemList>]
    {
        // Four chunks per core keeps the cores evenly busy; small files stay on one thread.
        let chunkSize = max(2048, records.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = (records.count + chunkSize - 1) / chunkSize
        let positions = ColumnPositions(index)
        guard chunks > 1 else { return records.map { validate(Row(record: $0, positions: positions)) } }
        let results = ChunkResults(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let slice = records[(chunk * chunkSize)..<min(records.count, (chunk + 1) * chunkSize)]
            results.set(chunk, slice.map { validate(Row(record: $0, positions: positions)) })
        }
        return results.joined()
    }

    struct Row {
        let record: CSVReader.Record
        let positions: ColumnPositions
        init(record: CSVReader.Record, index: [String: Int]) {
            self.init(record: record, positions: ColumnPositions(index))
        }
        init(record: CSVReader.Record, positions: ColumnPositions) {
            self.record = record
            self.positions = positions
        }
        var index: [String: Int] { positions.index }
        func callAsFunction(_ column: Column) -> String {
            guard let i = positions[column], i < record.fields.count else { return "" }
            return record.fields[i].trimmingSpaces
        }
    }

    /// The columns validation reads; their positions are looked up once per file, not per field.
    enum Column: String, CaseIterable {
        case sourceID = "bron_id", date = "datum", time = "tijd", municipalityCode = "gemeentecode", address = "adres"
        case postcode, x, y, latitude = "lat", longitude = "lon", target = "doelwit", means = "middel"
        case description = "omschrijving", definition = "definitie", bagID = "bag_id"
    }

    struct ColumnPositions: Sendable {
        let index: [String: Int]
        private let positions: [Int?]

        init(_ index: [String: Int]) {
            self.index = index
            positions = Column.allCases.map { index[$0.rawValue] }
        }

        subscript(_ column: Column) -> Int? { positions[column.index] }
    }

    func validate(_ row: Row) -> Swift.Result<IncidentRecord, ProblemList> {
        var problems: [CSVReader.Problem] = []
        let line = row.record.line
        func problem(_ column: String, _ reason: String) {
            problems.append(.init(line: line, column: column, reason: reason))
        }

        let sourceID = row(.sourceID)
        if sourceID.isEmpty {
            problem("bron_id", "verplicht veld is leeg")
        } else if sourceID.count > 100 {
            problem("bron_id", "langer dan 100 tekens")
        }

        var date: CivilDate?
        let dateText = row(.date)
        if dateText.isEmpty {
            problem("datum", "verplicht veld is leeg")
        } else if let parsed = CivilDate(parsing: dateText) {
            if parsed > today { problem("datum", "\(dateText) ligt na vandaag (\(today.iso))") } else { date = parsed }
        } else {
            problem("datum", "'\(dateText)' is geen bestaande datum (JJJJ-MM-DD of DD-MM-JJJJ)")
        }

        var time: TimeOfDay?
        let timeText = row(.time)
        if !timeText.isEmpty {
            time = TimeOfDay(parsing: timeText)
            if time == nil { problem("tijd", "'\(timeText)' is geen tijd tussen 00:00 en 23:59 (UU:MM)") }
        }

        let code = row(.municipalityCode).uppercased()
        if code.isEmpty {
            problem("gemeentecode", "verplicht veld is leeg")
        } else if !municipalities.contains(code) {
            problem("gemeentecode", "'\(code)' is geen bestaande gemeentecode")
        }

        let target = TargetType(rawValue: row(.target).lowercased())
        if target == nil {
            problem(
                "doelwit",
                "'\(row(.target))' is niet een van: \(TargetType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let means = AttackMeans(rawValue: row(.means).lowercased())
        if means == nil {
            problem(
                "middel",
                "'\(row(.means))' is niet een van: \(AttackMeans.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        var postcode: String?
        let postcodeText = row(.postcode)
        if !postcodeText.isEmpty {
            postcode = Postcode.normalise(postcodeText)
            if postcode == nil { problem("postcode", "'\(postcodeText)' is geen Nederlandse postcode (1234 AB)") }
        }

        var bagID: String?
        let bagText = row(.bagID)
        if !bagText.isEmpty {
            switch BAGObjectID.parse(bagText) {
            case .success(let id): bagID = id
            case .failure(let reason): problem("bag_id", "'\(bagText.prefix(40))': \(reason.reason)")
            }
        }

        let location = coordinates(row, problem: problem)

        guard problems.isEmpty, let date, let target, let means, let location else {
            return .failure(ProblemList(problems))
        }
        let address = row(.address)
        let description = row(.description)
        let definition = row(.definition)
        return .success(
            IncidentRecord(
                sourceID: sourceID, source: source, date: date, time: time, municipalityCode: code,
                address: address.isEmpty ? nil : address, postcode: postcode, rd: location.0, wgs84: location.1,
                target: target, means: means, description: description.isEmpty ? nil : description,
                definitionVersion: definition.isEmpty ? definitionVersion : definition, bagID: bagID))
    }

    /// RD wins when a row has both systems; the other system is always derived so both are stored.
    func coordinates(_ row: Row, problem: (String, String) -> Void) -> (RDPoint, GeoPoint)? {
        let xText = row(.x), yText = row(.y), latText = row(.latitude), lonText = row(.longitude)
        if !xText.isEmpty || !yText.isEmpty {
            let x = NumberParsing.decimal(xText), y = NumberParsing.decimal(yText)
            if x == nil {
                problem("x", xText.isEmpty ? "x ontbreekt terwijl y is ingevuld" : "'\(xText)' is geen getal")
            }
            if y == nil {
                problem("y", yText.isEmpty ? "y ontbreekt terwijl x is ingevuld" : "'\(yText)' is geen getal")
            }
            guard let x, let y else { return nil }
            let point = RDPoint(x: x, y: y)
            guard point.isInNetherlands else {
                problem("x", "RD-punt (\(xText), \(yText)) ligt buiten Nederland (x 0–300.000, y 300.000–625.000)")
                return nil
            }
            return (point, RDConversion.toWGS84(point))
        }
        if !latText.isEmpty || !lonText.isEmpty {
            let lat = NumberParsing.decimal(latText), lon = NumberParsing.decimal(lonText)
            if lat == nil {
                problem("lat", latText.isEmpty ? "lat ontbreekt terwijl lon is ingevuld" : "'\(latText)' is geen getal")
            }
            if lon == nil {
                problem("lon", lonText.isEmpty ? "lon ontbreekt terwijl lat is ingevuld" : "'\(lonText)' is geen getal")
            }
            guard let lat, let lon else { return nil }
            let point = GeoPoint(latitude: lat, longitude: lon)
            guard point.isInNetherlands else {
                problem("lat", "WGS84-punt (\(latText), \(lonText)) ligt buiten Nederland (lat 50,7–53,7, lon 3,2–7,3)")
                return nil
            }
            return (RDConversion.toRD(point), point)
        }
        problem(row.index["x"] != nil ? "x" : "lat", "coördinaten ontbreken (x en y, of lat en lon)")
        return nil
    }
}

extension IncidentImportParser {
    /// Validates one incident given as column → value (a form or an API body), with the same rules as a CSV row.
    public func validate(fields: [String: String]) -> Swift.Result<IncidentRecord, ProblemList> {
        let columns = Self.knownColumns
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let record = CSVReader.Record(line: 1, fields: columns.map { fields[$0] ?? "" })
        return validate(Row(record: record, index: index))
    }
}

/// Per-chunk results written from `concurrentPerform`; each slot is written by exactly one iteration.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [[Swift.Result<IncidentRecord, ProblemList>]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ value: [Swift.Result<IncidentRecord, ProblemList>]) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func joined() -> [Swift.Result<IncidentRecord, ProblemList>] { slots.flatMap { $0 } }
}

extension IncidentImportParser.Column {
    /// Position in `allCases`, without hashing or allocating.
    var index: Int {
        switch self {
        case .sourceID: 0
        case .date: 1
        case .time: 2
        case .municipalityCode: 3
        case .address: 4
        case .postcode: 5
        case .x: 6
        case .y: 7
        case .latitude: 8
        case .longitude: 9
        case .target: 10
        case .means: 11
        case .description: 12
        case .definition: 13
        case .bagID: 14
        }
    }
}
