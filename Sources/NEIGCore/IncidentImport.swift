/// Turns an incident CSV file into validated records, or into the full list of problems.
/// The file is judged as a whole: callers write nothing unless `problems` is empty.
public struct IncidentImportParser: Sendable {
    public static let requiredColumns = ["bron_id", "datum", "gemeentecode", "doelwit", "middel"]
    public static let knownColumns = requiredColumns + ["tijd", "gemeente", "adres", "postcode", "x", "y", "lat", "lon",
                                                        "omschrijving", "definitie"]

    public let municipalities: MunicipalityRegistry
    public let today: CivilDate
    public let source: String
    public let definitionVersion: String

    public init(municipalities: MunicipalityRegistry, today: CivilDate, source: String = "politie",
                definitionVersion: String = "politie-2024") {
        self.municipalities = municipalities
        self.today = today
        self.source = source
        self.definitionVersion = definitionVersion
    }

    public struct Result: Sendable {
        public var records: [IncidentRecord]
        public var problems: [CSVReader.Problem]
        /// Data rows read, whether valid or not.
        public var rowCount: Int
    }

    public func parse(_ bytes: [UInt8]) -> Result {
        let (table, structural) = CSVReader().read(bytes)
        guard let table else { return Result(records: [], problems: structural, rowCount: 0) }
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
            problems.append(.init(line: 1, column: "x", reason: "coördinaten ontbreken: geef kolommen x en y (RD) of lat en lon (WGS84)"))
        }
        guard problems.isEmpty else { return Result(records: [], problems: problems, rowCount: table.records.count) }

        var records: [IncidentRecord] = []
        records.reserveCapacity(table.records.count)
        var firstLineOfSourceID: [String: Int] = [:]
        for record in table.records {
            let row = Row(record: record, index: index)
            switch validate(row) {
            case .success(let incident):
                if let earlier = firstLineOfSourceID[incident.sourceID] {
                    problems.append(.init(line: record.line, column: "bron_id",
                                          reason: "bron_id '\(incident.sourceID)' staat ook op regel \(earlier)"))
                } else {
                    firstLineOfSourceID[incident.sourceID] = record.line
                    records.append(incident)
                }
            case .failure(let rowProblems):
                problems.append(contentsOf: rowProblems.problems)
            }
        }
        problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        return Result(records: problems.isEmpty ? records : [], problems: problems, rowCount: table.records.count)
    }

    struct Row {
        let record: CSVReader.Record
        let index: [String: Int]
        func callAsFunction(_ column: String) -> String {
            guard let i = index[column] else { return "" }
            return record.fields[i].trimmingSpaces
        }
    }

    func validate(_ row: Row) -> Swift.Result<IncidentRecord, ProblemList> {
        var problems: [CSVReader.Problem] = []
        let line = row.record.line
        func problem(_ column: String, _ reason: String) {
            problems.append(.init(line: line, column: column, reason: reason))
        }

        let sourceID = row("bron_id")
        if sourceID.isEmpty { problem("bron_id", "verplicht veld is leeg") }
        else if sourceID.count > 100 { problem("bron_id", "langer dan 100 tekens") }

        var date: CivilDate?
        let dateText = row("datum")
        if dateText.isEmpty { problem("datum", "verplicht veld is leeg") }
        else if let parsed = CivilDate(parsing: dateText) {
            if parsed > today { problem("datum", "\(dateText) ligt na vandaag (\(today.iso))") } else { date = parsed }
        } else { problem("datum", "'\(dateText)' is geen bestaande datum (JJJJ-MM-DD of DD-MM-JJJJ)") }

        var time: TimeOfDay?
        let timeText = row("tijd")
        if !timeText.isEmpty {
            time = TimeOfDay(parsing: timeText)
            if time == nil { problem("tijd", "'\(timeText)' is geen tijd tussen 00:00 en 23:59 (UU:MM)") }
        }

        let code = row("gemeentecode").uppercased()
        if code.isEmpty { problem("gemeentecode", "verplicht veld is leeg") }
        else if !municipalities.contains(code) { problem("gemeentecode", "'\(code)' is geen bestaande gemeentecode") }

        let target = TargetType(rawValue: row("doelwit"))
        if target == nil {
            problem("doelwit", "'\(row("doelwit"))' is niet een van: \(TargetType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let means = AttackMeans(rawValue: row("middel"))
        if means == nil {
            problem("middel", "'\(row("middel"))' is niet een van: \(AttackMeans.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        var postcode: String?
        let postcodeText = row("postcode")
        if !postcodeText.isEmpty {
            postcode = Postcode.normalise(postcodeText)
            if postcode == nil { problem("postcode", "'\(postcodeText)' is geen Nederlandse postcode (1234 AB)") }
        }

        let location = coordinates(row, problem: problem)

        guard problems.isEmpty, let date, let target, let means, let location else { return .failure(ProblemList(problems)) }
        let address = row("adres")
        let description = row("omschrijving")
        let definition = row("definitie")
        return .success(IncidentRecord(
            sourceID: sourceID, source: source, date: date, time: time, municipalityCode: code,
            address: address.isEmpty ? nil : address, postcode: postcode, rd: location.0, wgs84: location.1,
            target: target, means: means, description: description.isEmpty ? nil : description,
            definitionVersion: definition.isEmpty ? definitionVersion : definition))
    }

    /// RD wins when a row has both systems; the other system is always derived so both are stored.
    func coordinates(_ row: Row, problem: (String, String) -> Void) -> (RDPoint, GeoPoint)? {
        let xText = row("x"), yText = row("y"), latText = row("lat"), lonText = row("lon")
        if !xText.isEmpty || !yText.isEmpty {
            let x = NumberParsing.decimal(xText), y = NumberParsing.decimal(yText)
            if x == nil { problem("x", xText.isEmpty ? "x ontbreekt terwijl y is ingevuld" : "'\(xText)' is geen getal") }
            if y == nil { problem("y", yText.isEmpty ? "y ontbreekt terwijl x is ingevuld" : "'\(yText)' is geen getal") }
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
            if lat == nil { problem("lat", latText.isEmpty ? "lat ontbreekt terwijl lon is ingevuld" : "'\(latText)' is geen getal") }
            if lon == nil { problem("lon", lonText.isEmpty ? "lon ontbreekt terwijl lat is ingevuld" : "'\(lonText)' is geen getal") }
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
