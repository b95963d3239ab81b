import Foundation
import NEIGCore
import Synchronization
import Vapor

/// What a page needs to offer a zoomable map over a background.
struct MapEnhancement: Sendable, Equatable {
    let template: String
    let attribution: String
}

/// Leaflet and neig's map script from `/static`, and the municipal boundaries as GeoJSON for the zoomable maps.
enum MapRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.mapScript, use: script)
        routes.get(.addressScript) { req in
            asset(req.application.neig.addressScript, type: "text/javascript; charset=utf-8")
        }
        for file in LeafletFile.allCases {
            routes.get(.leafletAsset(file)) { req in try leaflet(req, file) }
        }
        routes.get(.municipalBoundaries, use: boundaries)
    }

    static func script(_ req: Request) async throws -> Response {
        asset(req.application.neig.mapScript, type: "text/javascript; charset=utf-8")
    }

    /// Only the two files read at start: no path from the request reaches the file system.
    static func leaflet(_ req: Request, _ file: LeafletFile) throws -> Response {
        guard let text = req.application.neig.leaflet?.contents[file] else { throw NEIGError.notFound() }
        return asset(text, type: file.contentType)
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// `?gemeenten=GM0363,GM0362` limits the answer to those municipalities; without it, all of them.
    /// Boundaries are public data (CBS, CC BY 4.0), the same for everyone.
    static func boundaries(_ req: Request) async throws -> Response {
        let registry = req.application.neig.municipalities
        guard let boundaries = registry.boundaries else { throw NEIGError.notFound() }
        let requested = String((req.query[String.self, at: "gemeenten"] ?? "").prefix(4_000)).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        let wanted = Set(requested.filter(Municipality.isValidCode))
        let body =
            wanted.isEmpty
            ? BoundaryGeoJSON.all(registry: registry, boundaries: boundaries)
            : BoundaryGeoJSON.featureCollection(
                codes: boundaries.codes.filter(wanted.contains), registry: registry, boundaries: boundaries)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/geo+json; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}

/// Municipal boundaries as GeoJSON in RD New metres (named in the legacy `crs` member, which Leaflet ignores
/// and GIS software reads), whole metres.
enum BoundaryGeoJSON {
    private static let cache = Mutex<[ObjectIdentifier: String]>([:])

    /// The whole country is the same for every request, so it is written once per process.
    static func all(registry: MunicipalityRegistry, boundaries: MunicipalBoundaries) -> String {
        let key = ObjectIdentifier(boundaries)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let text = featureCollection(codes: boundaries.codes, registry: registry, boundaries: boundaries)
        cache.withLock { $0[key] = text }
        return text
    }

    static func featureCollection(codes: [String], registry: MunicipalityRegistry, boundaries: MunicipalBoundaries)
        -> String
    {
        var out =
            #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"#
        out += #""attribution":"\#(MunicipalBoundaries.attribution)","features":["#
        out += codes.compactMap { code -> String? in
            guard let shape = boundaries[code] else { return nil }
            let rings = shape.rings.map { ring in
                "[" + ring.map { "[\(Int($0.x.rounded())),\(Int($0.y.rounded()))]" }.joined(separator: ",") + "]"
            }
            let name = registry[code]?.displayName ?? shape.name
            // One polygon per ring: the bundled outlines have no holes, and every ring is an outer ring.
            let polygons = rings.map { "[\($0)]" }.joined(separator: ",")
            return #"{"type":"Feature","id":"\#(code)","properties":{"code":"\#(code)","name":\#(jsonString(name))},"#
                + #""geometry":{"type":"MultiPolygon","coordinates":[\#(polygons)]}}"#
        }.joined(separator: ",")
        return out + "]}"
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
