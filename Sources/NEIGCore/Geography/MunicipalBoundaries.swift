import Foundation
import NEIGFormats

/// One municipality's outline: its polygons as references into the shared arcs, and the rings they make.
public struct MunicipalShape: Sendable {
    public let code: String
    public let name: String
    /// Polygons → rings → arc indices (`~i` is arc `i` reversed), as in the TopoJSON file.
    let arcReferences: [[[Int]]]
    /// Every ring at full detail (outer rings and holes alike; containment uses the even-odd rule).
    public let rings: [[RDPoint]]
    public let bounds: RDBounds

    public func contains(_ point: RDPoint) -> Bool {
        bounds.contains(point) && PlanarGeometry.contains(rings, point)
    }

    /// 0 inside; otherwise the distance in metres to the nearest point of the boundary.
    public func distanceOutside(_ point: RDPoint) -> Double {
        contains(point) ? 0 : PlanarGeometry.distanceToEdges(rings, point)
    }
}

/// The municipal boundaries of one year, read from TopoJSON (CBS/Kadaster via PDOK, CC BY 4.0). After a merger the
/// bundled file is replaced by the matching year's file (`NEIG_BOUNDARIES_FILE`); its codes must match the table.
public final class MunicipalBoundaries: Sendable {
    public static let attribution = "Bron: CBS, Kadaster/PDOK"

    public let shapes: [MunicipalShape]
    public let bounds: RDBounds
    let arcs: [[RDPoint]]
    private let byCode: [String: Int]
    private let neighbourCodes: [String: [String]]

    init(shapes: [MunicipalShape], arcs: [[RDPoint]]) {
        self.shapes = shapes.sorted { $0.code < $1.code }
        self.arcs = arcs
        byCode = Dictionary(self.shapes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        bounds = self.shapes.dropFirst().reduce(
            self.shapes.first?.bounds ?? RDBounds(minX: 0, minY: 0, maxX: 0, maxY: 0)
        ) {
            $0.union($1.bounds)
        }
        // Two municipalities are neighbours when they share an arc: the topology says so without any geometry.
        var users: [Int: Set<String>] = [:]
        for shape in self.shapes {
            for reference in shape.arcReferences.joined().joined() {
                users[reference < 0 ? ~reference : reference, default: []].insert(shape.code)
            }
        }
        var neighbours: [String: Set<String>] = [:]
        for codes in users.values where codes.count > 1 {
            for code in codes { neighbours[code, default: []].formUnion(codes.subtracting([code])) }
        }
        neighbourCodes = neighbours.mapValues { $0.sorted() }
    }

    public subscript(code: String) -> MunicipalShape? { byCode[code].map { shapes[$0] } }

    public var codes: [String] { shapes.map(\.code) }

    /// Municipalities sharing part of the boundary, by code.
    public func neighbours(of code: String) -> [String] { neighbourCodes[code] ?? [] }

    /// Usually one; near a border the simplified outlines can overlap, and at sea or abroad there is none.
    public func municipalities(containing point: RDPoint) -> [String] {
        shapes.filter { $0.contains(point) }.map(\.code)
    }

    /// The municipality's rings with every arc simplified to `tolerance` metres; neighbours stay gap-free because
    /// they share the simplified arcs.
    public func rings(of code: String, tolerance: Double) -> [[RDPoint]] {
        guard let shape = self[code] else { return [] }
        guard tolerance > 0 else { return shape.rings }
        return shape.arcReferences.joined().map { ring in
            Self.assemble(ring) { index in PlanarGeometry.simplified(arcs[index], tolerance: tolerance) }
        }
    }

    static func assemble(_ ring: [Int], arc: (Int) -> [RDPoint]) -> [RDPoint] {
        var points: [RDPoint] = []
        for reference in ring {
            let part = reference < 0 ? Array(arc(~reference).reversed()) : arc(reference)
            points.append(contentsOf: points.isEmpty ? part[...] : part.dropFirst())
        }
        return points
    }

    public static func parse(_ data: Data) -> Result<MunicipalBoundaries, ProblemList> {
        func failure(_ reason: String) -> Result<MunicipalBoundaries, ProblemList> {
            .failure(ProblemList([CSVReader.Problem(line: 1, column: nil, reason: reason)]))
        }
        let topology: TopoJSONTopology
        do {
            topology = try JSONDecoder().decode(TopoJSONTopology.self, from: data)
        } catch {
            return failure("geen geldige TopoJSON: \(error)")
        }
        guard topology.type == "Topology" else { return failure("type is '\(topology.type)', niet 'Topology'") }
        let collections = topology.objects.values.filter { $0.type == "GeometryCollection" }
        guard collections.count == 1, let geometries = collections.first?.geometries else {
            return failure("verwacht precies één GeometryCollection met de gemeenten")
        }
        let arcs = topology.decodedArcs()
        // Every position must be a real place in or near the Netherlands: a stray value would reach integer
        // conversions when the maps are drawn.
        let area = RDBounds(minX: -50_000, minY: 250_000, maxX: 350_000, maxY: 675_000)
        guard arcs.joined().allSatisfy({ $0.x.isFinite && $0.y.isFinite && area.contains($0) }) else {
            return failure("bevat coördinaten buiten Nederland (RD New, meters): is het bestand in EPSG:28992?")
        }
        var shapes: [MunicipalShape] = []
        var problems: [CSVReader.Problem] = []
        var seen = Set<String>()
        for (position, geometry) in geometries.enumerated() {
            let where_ = "geometrie \(position + 1)"
            guard let code = geometry.properties?.statcode ?? geometry.id, Municipality.isValidCode(code) else {
                problems.append(.init(line: 1, column: nil, reason: "\(where_): geen CBS-code (statcode of id)"))
                continue
            }
            guard seen.insert(code).inserted else {
                problems.append(.init(line: 1, column: nil, reason: "\(where_): \(code) komt twee keer voor"))
                continue
            }
            let references = geometry.polygons.joined().joined()
            guard !references.isEmpty,
                references.allSatisfy({ (reference: Int) in
                    let index = reference < 0 ? ~reference : reference
                    return index < arcs.count && !arcs[index].isEmpty
                })
            else {
                problems.append(
                    .init(line: 1, column: nil, reason: "\(where_) (\(code)): verwijst naar een ontbrekende boog"))
                continue
            }
            let rings = geometry.polygons.joined().map { assemble($0) { arcs[$0] } }
            guard let bounds = RDBounds(rings.joined()) else { continue }
            shapes.append(
                MunicipalShape(
                    code: code, name: geometry.properties?.statnaam ?? code, arcReferences: geometry.polygons,
                    rings: rings, bounds: bounds))
        }
        guard problems.isEmpty else { return .failure(ProblemList(problems)) }
        guard !shapes.isEmpty else { return failure("bevat geen gemeenten") }
        return .success(MunicipalBoundaries(shapes: shapes, arcs: arcs))
    }

    /// The 2024 boundaries shipped with neig.
    public static let bundled: MunicipalBoundaries = {
        guard let url = Bundle.module.url(forResource: "gemeenten_2024_rd", withExtension: "topojson"),
            let data = try? Data(contentsOf: url)
        else { fatalError("gemeenten_2024_rd.topojson is missing from the NEIGCore bundle") }
        switch parse(data) {
        case .success(let boundaries): return boundaries
        case .failure(let problems): fatalError("bundled boundaries are invalid: \(problems)")
        }
    }()
}
