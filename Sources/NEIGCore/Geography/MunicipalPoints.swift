import Foundation
import NEIGFormats

/// A point inside each municipality (`gemeentecode;rd_x;rd_y`, RD metres), for labels and default positions.
/// Unlike a centroid it always falls inside: Rotterdam's centre of mass lies in its port, west of the city.
public enum MunicipalPoints {
    public static func parse(_ bytes: [UInt8]) -> Result<[String: RDPoint], ProblemList> {
        let (table, structural) = CSVReader().read(bytes)
        guard let table, structural.isEmpty else { return .failure(ProblemList(structural)) }
        let missing = ["gemeentecode", "rd_x", "rd_y"].filter { !table.header.contains($0) }
        guard missing.isEmpty else {
            return .failure(ProblemList(missing.map { .init(line: 1, column: $0, reason: "kolom ontbreekt") }))
        }
        let index = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var points: [String: RDPoint] = [:]
        var problems: [CSVReader.Problem] = []
        for record in table.records {
            func value(_ column: String) -> String { index[column].map { record.fields[$0].trimmingSpaces } ?? "" }
            let code = value("gemeentecode")
            guard Municipality.isValidCode(code) else {
                problems.append(.init(line: record.line, column: "gemeentecode", reason: "geen CBS-code: '\(code)'"))
                continue
            }
            guard points[code] == nil else {
                problems.append(.init(line: record.line, column: "gemeentecode", reason: "\(code) komt twee keer voor"))
                continue
            }
            for column in ["rd_x", "rd_y"] where NumberParsing.decimal(value(column)) == nil {
                problems.append(.init(line: record.line, column: column, reason: "'\(value(column))' is geen getal"))
            }
            guard let x = NumberParsing.decimal(value("rd_x")), let y = NumberParsing.decimal(value("rd_y")) else {
                continue
            }
            let point = RDPoint(x: x, y: y)
            guard point.isInNetherlands else {
                problems.append(.init(line: record.line, column: "rd_x", reason: "(\(x), \(y)) ligt buiten Nederland"))
                continue
            }
            points[code] = point
        }
        guard problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(points)
    }

    public static let bundled: [String: RDPoint] = {
        guard let url = Bundle.module.url(forResource: "gemeenten_punten_rd", withExtension: "csv"),
            let data = try? Data(contentsOf: url)
        else { fatalError("gemeenten_punten_rd.csv is missing from the NEIGCore bundle") }
        switch parse([UInt8](data)) {
        case .success(let points): return points
        case .failure(let problems): fatalError("bundled gemeenten_punten_rd.csv is invalid: \(problems)")
        }
    }()
}

extension MunicipalityRegistry {
    /// The table with its boundaries and interior points, after checking that all three name the same municipalities.
    public static func assemble(
        table: MunicipalityRegistry, boundaries: MunicipalBoundaries, points: [String: RDPoint]
    ) -> Result<MunicipalityRegistry, ProblemList> {
        let codes = Set(table.all.map(\.code))
        var problems: [CSVReader.Problem] = []
        func compare(_ other: Set<String>, _ file: String) {
            for code in codes.subtracting(other).sorted() {
                problems.append(.init(line: 1, column: nil, reason: "\(file): \(code) uit de gemeentetabel ontbreekt"))
            }
            for code in other.subtracting(codes).sorted() {
                problems.append(.init(line: 1, column: nil, reason: "\(file): \(code) staat niet in de gemeentetabel"))
            }
        }
        compare(Set(boundaries.codes), "grenzen")
        compare(Set(points.keys), "punten")
        guard problems.isEmpty else { return .failure(ProblemList(problems)) }
        let placed = table.all.map { municipality in
            Municipality(
                code: municipality.code, officialName: municipality.officialName, commonName: municipality.commonName,
                province: municipality.province, safetyRegionCode: municipality.safetyRegionCode,
                safetyRegionName: municipality.safetyRegionName,
                centroid: points[municipality.code] ?? municipality.centroid,
                centroidIsApproximate: false)
        }
        return .success(MunicipalityRegistry(placed, boundaries: boundaries))
    }
}
