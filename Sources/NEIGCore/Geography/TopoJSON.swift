import Foundation

/// The part of TopoJSON (https://github.com/topojson/topojson-specification) that municipal boundaries use:
/// one GeometryCollection of Polygons and MultiPolygons over shared, optionally quantised arcs.
struct TopoJSONTopology: Decodable {
    struct Transform: Decodable {
        let scale: [Double]
        let translate: [Double]
    }

    struct Properties: Decodable {
        let statcode: String?
        let statnaam: String?
    }

    struct Geometry: Decodable {
        let type: String
        let id: String?
        let properties: Properties?
        /// Polygons → rings → arc indices (`~i` is arc `i` reversed); a Polygon is one polygon.
        let polygons: [[[Int]]]

        enum CodingKeys: String, CodingKey { case type, id, properties, arcs }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            properties = try container.decodeIfPresent(Properties.self, forKey: .properties)
            if let text = try? container.decodeIfPresent(String.self, forKey: .id) {
                id = text
            } else {
                id = nil
            }
            switch type {
            case "Polygon": polygons = [try container.decode([[Int]].self, forKey: .arcs)]
            case "MultiPolygon": polygons = try container.decode([[[Int]]].self, forKey: .arcs)
            default: polygons = []
            }
        }
    }

    struct Collection: Decodable {
        let type: String
        let geometries: [Geometry]?
    }

    let type: String
    let arcs: [[[Double]]]
    let transform: Transform?
    let objects: [String: Collection]

    /// Absolute positions of every arc: quantised arcs are delta-encoded and scaled (§2.1.2 of the specification).
    func decodedArcs() -> [[RDPoint]] {
        arcs.map { arc in
            guard let transform, transform.scale.count == 2, transform.translate.count == 2 else {
                return arc.compactMap { $0.count >= 2 ? RDPoint(x: $0[0], y: $0[1]) : nil }
            }
            var x = 0.0, y = 0.0
            return arc.compactMap { position in
                guard position.count >= 2 else { return nil }
                x += position[0]
                y += position[1]
                return RDPoint(
                    x: x * transform.scale[0] + transform.translate[0],
                    y: y * transform.scale[1] + transform.translate[1])
            }
        }
    }
}
