import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Vapor

/// Downloads of the register for the logged-in user, with the same location rules as the pages.
enum ExportRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.exportCSV, use: csv)
        routes.get(.exportGeoJSON, use: geoJSON)
    }

    static func incidents(_ req: Request) async throws -> [Incident] {
        let filter = try IncidentFilter.parse(req, api: false)
        return try await filter.apply(to: Incident.query(on: req.db)).sort(\.$occurredOn).sort(\.$sourceID).all()
    }

    /// `;`-separated with a BOM and decimal commas, so Excel with Dutch settings opens it correctly.
    static func csv(_ req: Request) async throws -> Response {
        let actor = try req.requireUser().actor
        let rows = try await incidents(req)
        let text = IncidentCSV.render(rows, actor: actor, registry: req.application.neig.municipalities)
        try await req.audit("incident.export", object: "incident", detail: "format=csv rows=\(rows.count)")
        return download(text, type: .csvUTF8, fileName: "neig-incidenten.csv")
    }

    static func geoJSON(_ req: Request) async throws -> Response {
        let actor = try req.requireUser().actor
        let rows = try await incidents(req)
        let registry = req.application.neig.municipalities
        let features = rows.filter { AccessPolicy.canSeeLocation(actor, municipalityCode: $0.municipalityCode) }.map {
            incident in
            GeoJSONFeature(
                geometry: .init(coordinates: [incident.longitude, incident.latitude]),
                properties: IncidentDTO(incident, actor: actor, registry: registry))
        }
        let collection = GeoJSONCollection(features: features)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(collection)
        try await req.audit("incident.export", object: "incident", detail: "format=geojson rows=\(features.count)")
        return download(String(decoding: data, as: UTF8.self), type: .geoJSON, fileName: "neig-incidenten.geojson")
    }

    static func download(_ body: String, type: HTTPMediaType, fileName: String) -> Response {
        download(Data(body.utf8), type: type, fileName: fileName)
    }

    static func download(_ data: Data, type: HTTPMediaType, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

struct GeoJSONCollection: Encodable {
    var type = "FeatureCollection"
    var features: [GeoJSONFeature]
}

struct GeoJSONFeature: Encodable {
    struct Point: Encodable {
        var type = "Point"
        var coordinates: [Double]
    }
    var type = "Feature"
    var geometry: Point
    var properties: IncidentDTO
}

enum IncidentCSV {
    static let header = [
        "bron", "bron_id", "datum", "tijd", "gemeentecode", "gemeente", "adres", "postcode", "x", "y",
        "lat", "lon", "doelwit", "middel", "omschrijving", "definitie", "bag_id"
    ]

    static func render(_ incidents: [Incident], actor: Actor, registry: MunicipalityRegistry) -> String {
        let csv = CSVWriter()
        var text = "\u{FEFF}" + csv.row(header)
        for incident in incidents {
            let visible = AccessPolicy.canSeeLocation(actor, municipalityCode: incident.municipalityCode)
            let fields: [String] = [
                incident.source, incident.sourceID, incident.occurredOn, incident.timeOfDay ?? "",
                incident.municipalityCode,
                registry[incident.municipalityCode]?.officialName ?? "",
                visible ? incident.address ?? "" : "", visible ? incident.postcode ?? "" : "",
                visible ? incident.rdX.dutchDecimal(1) : "", visible ? incident.rdY.dutchDecimal(1) : "",
                visible ? incident.latitude.dutchDecimal(6) : "", visible ? incident.longitude.dutchDecimal(6) : "",
                incident.target.rawValue, incident.means.rawValue, visible ? incident.descriptionText ?? "" : "",
                incident.definitionVersion, visible ? incident.bagID ?? "" : ""
            ]
            text += csv.row(fields)
        }
        return text
    }
}
