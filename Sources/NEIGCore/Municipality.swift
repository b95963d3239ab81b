import Foundation
import NEIGFormats

/// A Dutch municipality as CBS identifies it (`GM` + 4 digits).
public struct Municipality: Hashable, Codable, Sendable {
    public let code: String
    public let officialName: String
    /// The name people use where it differs ('s-Gravenhage → Den Haag).
    public let commonName: String?
    public let province: String
    public let safetyRegionCode: String
    public let safetyRegionName: String
    /// A point inside the municipality in RD metres (from the boundaries); `centroidIsApproximate` marks a centre
    /// taken from the province, for a table used without boundaries.
    public let centroid: RDPoint
    public let centroidIsApproximate: Bool

    public var displayName: String { commonName ?? officialName }

    public static func isValidCode(_ code: String) -> Bool {
        code.count == 6 && code.hasPrefix("GM") && code.dropFirst(2).allSatisfy(\.isASCIIDigit)
    }
}

/// The table of current municipalities. Municipalities merge every few years, so the table can be
/// replaced by a newer file in the same format (`neig import municipalities FILE`).
public struct MunicipalityRegistry: Sendable {
    public let all: [Municipality]
    private let byCode: [String: Municipality]
    /// The outlines of the same municipalities, when known (`assemble` checks the codes match).
    public let boundaries: MunicipalBoundaries?

    public init(_ municipalities: [Municipality], boundaries: MunicipalBoundaries? = nil) {
        self.boundaries = boundaries
        all = municipalities.sorted { $0.officialName.localizedStandardCompare($1.officialName) == .orderedAscending }
        byCode = Dictionary(municipalities.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(code: String) -> Municipality? { byCode[code] }

    public func contains(_ code: String) -> Bool { byCode[code] != nil }

    /// The table shipped with neig, with its boundaries and interior points.
    public static let bundled: MunicipalityRegistry = {
        switch assemble(table: bundledTable, boundaries: .bundled, points: MunicipalPoints.bundled) {
        case .success(let registry): return registry
        case .failure(let problems): fatalError("bundled geography does not match gemeenten.csv: \(problems)")
        }
    }()

    /// The bundled table alone.
    public static let bundledTable: MunicipalityRegistry = {
        guard let url = Bundle.module.url(forResource: "gemeenten", withExtension: "csv"),
            let data = try? Data(contentsOf: url)
        else {
            fatalError("gemeenten.csv is missing from the NEIGCore bundle")
        }
        switch parse([UInt8](data)) {
        case .success(let registry): return registry
        case .failure(let problems): fatalError("bundled gemeenten.csv is invalid: \(problems)")
        }
    }()

    /// Columns: gemeentecode;gemeentenaam;roepnaam;provincie;veiligheidsregiocode;veiligheidsregionaam;rd_x;rd_y;centrum
    /// (`rd_x`, `rd_y` and `centrum` are optional; without them the province centre is used).
    public static func parse(_ bytes: [UInt8]) -> Result<MunicipalityRegistry, ProblemList> {
        let (table, structural) = CSVReader().read(bytes)
        guard let table, structural.isEmpty else { return .failure(ProblemList(structural)) }
        let required = ["gemeentecode", "gemeentenaam", "provincie"]
        let missing = required.filter { !table.header.contains($0) }
        guard missing.isEmpty else {
            return .failure(
                ProblemList(missing.map { CSVReader.Problem(line: 1, column: $0, reason: "kolom ontbreekt") }))
        }
        let index = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func value(_ record: CSVReader.Record, _ column: String) -> String {
            guard let i = index[column] else { return "" }
            return record.fields[i].trimmingSpaces
        }
        var problems: [CSVReader.Problem] = []
        var result: [Municipality] = []
        var seen: Set<String> = []
        for record in table.records {
            let code = value(record, "gemeentecode")
            guard Municipality.isValidCode(code) else {
                problems.append(
                    .init(
                        line: record.line, column: "gemeentecode", reason: "geen CBS-code (GM + 4 cijfers): '\(code)'"))
                continue
            }
            guard seen.insert(code).inserted else {
                problems.append(.init(line: record.line, column: "gemeentecode", reason: "\(code) komt twee keer voor"))
                continue
            }
            let province = value(record, "provincie")
            var centroid = ProvinceCentres.centre(of: province) ?? RDPoint(x: 155_000, y: 463_000)
            var approximate = true
            if let x = NumberParsing.decimal(value(record, "rd_x")),
                let y = NumberParsing.decimal(value(record, "rd_y"))
            {
                centroid = RDPoint(x: x, y: y)
                approximate = value(record, "centrum") == "provincie"
            }
            let common = value(record, "roepnaam")
            result.append(
                Municipality(
                    code: code, officialName: value(record, "gemeentenaam"), commonName: common.isEmpty ? nil : common,
                    province: province, safetyRegionCode: value(record, "veiligheidsregiocode"),
                    safetyRegionName: value(record, "veiligheidsregionaam"), centroid: centroid,
                    centroidIsApproximate: approximate))
        }
        guard problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(MunicipalityRegistry(result))
    }
}

/// Several problems reported together, one per line.
public struct ProblemList: Error, Sendable, CustomStringConvertible {
    public let problems: [CSVReader.Problem]
    public init(_ problems: [CSVReader.Problem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Rough RD centres of the twelve provinces, used where a municipality has no centre of its own.
enum ProvinceCentres {
    static let table: [String: RDPoint] = [
        "Groningen": RDPoint(x: 243_000, y: 580_000), "Fryslân": RDPoint(x: 180_000, y: 565_000),
        "Drenthe": RDPoint(x: 235_000, y: 540_000), "Overijssel": RDPoint(x: 222_000, y: 495_000),
        "Flevoland": RDPoint(x: 167_000, y: 500_000), "Gelderland": RDPoint(x: 190_000, y: 455_000),
        "Utrecht": RDPoint(x: 145_000, y: 455_000), "Noord-Holland": RDPoint(x: 125_000, y: 500_000),
        "Zuid-Holland": RDPoint(x: 95_000, y: 445_000), "Zeeland": RDPoint(x: 45_000, y: 390_000),
        "Noord-Brabant": RDPoint(x: 140_000, y: 395_000), "Limburg": RDPoint(x: 190_000, y: 345_000)
    ]
    static func centre(of province: String) -> RDPoint? { table[province] }
}

/// Numbers as Dutch files write them: a decimal comma is accepted, thousands separators are not.
public enum NumberParsing {
    public static func decimal(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.utf8.count < 40 else { return nil }
        // Byte-level: this runs for every coordinate of every imported row.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(trimmed.utf8.count)
        var separators = 0
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): bytes.append(byte)
            case UInt8(ascii: "."), UInt8(ascii: ","):
                separators += 1
                bytes.append(UInt8(ascii: "."))
            default: return nil
            }
        }
        guard separators <= 1, let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else {
            return nil
        }
        return value
    }
}
