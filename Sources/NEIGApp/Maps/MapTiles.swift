import Foundation
import NEIGCore

/// The background map behind the zoomable maps: PDOK's BRT-Achtergrondkaart by default, an internal WMTS with the
/// same RD New tiling, or none (`NEIG_MAP_TILES` = `pdok`, a URL template, or `off`).
public enum MapTiles: Sendable, Equatable {
    case off
    case wmts(template: String, attribution: String)

    /// PDOK's REST template for the WMTS (https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0, layer
    /// `standaard`, tile matrix set `EPSG:28992`).
    public static let pdokTemplate =
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992/{z}/{x}/{y}.png"
    public static let pdokAttribution = "Achtergrond: BRT-Achtergrondkaart, Kadaster/PDOK (CC BY 4.0)"
    public static let pdok = MapTiles.wmts(template: pdokTemplate, attribution: pdokAttribution)

    /// The RD New tile matrix set of the Dutch government (PDOK, NSGI): top-left corner in RD metres, and the scale
    /// denominator of level 0, halved per level; a pixel is 0.28 mm (OGC WMTS).
    public static let origin = RDPoint(x: -285_401.92, y: 903_401.92)
    public static let levelZeroScaleDenominator = 12_288_000.0
    public static let levels = 17
    public static let tileSize = 256

    public static var resolutions: [Double] {
        (0..<levels).map { levelZeroScaleDenominator * 0.000_28 / Double(1 << $0) }
    }

    /// The tile (column, row) that holds the point at a zoom level.
    public static func tile(containing point: RDPoint, zoom: Int) -> (column: Int, row: Int)? {
        guard (0..<levels).contains(zoom) else { return nil }
        let span = resolutions[zoom] * Double(tileSize)
        let column = ((point.x - origin.x) / span).rounded(.down)
        let row = ((origin.y - point.y) / span).rounded(.down)
        guard column >= 0, row >= 0, column < Double(1 << zoom), row < Double(1 << zoom) else { return nil }
        return (Int(column), Int(row))
    }

    public func url(zoom: Int, column: Int, row: Int) -> String? {
        guard case .wmts(let template, _) = self else { return nil }
        return template.replacingOccurrences(of: "{z}", with: String(zoom))
            .replacingOccurrences(of: "{x}", with: String(column)).replacingOccurrences(of: "{y}", with: String(row))
    }

    /// The scheme, host and port of the tiles, for the Content-Security-Policy's `img-src`.
    public var origin: String? {
        guard case .wmts(let template, _) = self else { return nil }
        return ExternalService.origin(of: template)
    }

    static func fillPlaceholders(_ template: String) -> String {
        template.replacingOccurrences(of: "{z}", with: "0").replacingOccurrences(of: "{x}", with: "0")
            .replacingOccurrences(of: "{y}", with: "0")
    }

    /// `pdok` (or empty), `off`, or an https URL template with `{z}`, `{x}` and `{y}` (http only on loopback).
    public static func parse(_ setting: String?) throws -> MapTiles {
        let text = (setting ?? "").trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "", "pdok": return .pdok
        case "off", "uit", "none": return .off
        default: break
        }
        guard ["{z}", "{x}", "{y}"].allSatisfy(text.contains) else {
            throw ConfigurationError("NEIG_MAP_TILES: the template needs {z}, {x} and {y}")
        }
        try ExternalService.check(text, setting: "NEIG_MAP_TILES")
        let host = URL(string: fillPlaceholders(text))?.host ?? ""
        return .wmts(template: text, attribution: "Achtergrondkaart: \(host)")
    }
}

/// The files of Debian's `libjs-leaflet` that neig serves.
enum LeafletFile: String, CaseIterable, Sendable {
    case script = "leaflet.min.js"
    case stylesheet = "leaflet.css"

    var contentType: String {
        switch self {
        case .script: "text/javascript; charset=utf-8"
        case .stylesheet: "text/css; charset=utf-8"
        }
    }
}

/// Leaflet from Debian's `libjs-leaflet`, read once at start and served by neig itself, never from a CDN.
public struct LeafletAssets: Sendable {
    public static let defaultDirectory = "/usr/share/javascript/leaflet"

    let contents: [LeafletFile: String]

    /// nil when the package is not installed: the maps then stay as they are drawn on the server.
    public static func load(directory: String = defaultDirectory) -> LeafletAssets? {
        var contents: [LeafletFile: String] = [:]
        for file in LeafletFile.allCases {
            let path = (directory as NSString).appendingPathComponent(file.rawValue)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { return nil }
            contents[file] = text
        }
        return LeafletAssets(contents: contents)
    }
}
