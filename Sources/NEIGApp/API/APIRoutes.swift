import Fluent
import NEIGCore
import Vapor

/// `/api/v1`: the JSON API, described by `/api/v1/openapi.json`. Errors are RFC 9457 problem details.
enum APIRoutes {
    static func registerPublic(_ api: any RoutesBuilder) {
        api.get(.apiOpenAPI, use: openAPI)
        api.get(.openDataAPI(), use: openData)
    }

    static func register(_ api: any RoutesBuilder) {
        api.get(.apiIncidents, use: listIncidents)
        api.post(.apiIncidents, use: createIncident)
        api.get(.apiIncident(id: .key), use: getIncident)
        api.get(.apiMonitor, use: monitor)
        CaseAPIRoutes.register(api)
        LibraryAPIRoutes.register(api)
        EventAPIRoutes.register(api)
        InterventionAPIRoutes.register(api)
    }

    static func openAPI(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: req.application.neig.openAPIDocument))
    }

    static func openData(_ req: Request) async throws -> OpenDataTable {
        try await OpenDataTable.load(
            year: try req.queryYear("year"), today: req.application.neig.clock.today, on: req.db,
            registry: req.application.neig.municipalities)
    }

    struct IncidentPage: Content {
        var items: [IncidentDTO]
        var total: Int
        var limit: Int
        var offset: Int
    }

    static func listIncidents(_ req: Request) async throws -> IncidentPage {
        let actor = try req.requireUser().actor
        let filter = try IncidentFilter.parse(req, api: true)
        let limit = try req.queryInteger("limit", in: 1...1000) ?? 100
        let offset = try req.queryInteger("offset", in: 0...maximumOffset) ?? 0
        let total = try await filter.apply(to: Incident.query(on: req.db)).count()
        let incidents = try await filter.apply(to: Incident.query(on: req.db))
            .sort(\.$occurredOn, .descending).sort(\.$sourceID).range(offset..<(offset + limit)).all()
        let registry = req.application.neig.municipalities
        let items = incidents.map { IncidentDTO($0, actor: actor, registry: registry) }
        try await auditAddressRead(items, on: req)
        return IncidentPage(items: items, total: total, limit: limit, offset: offset)
    }

    static func getIncident(_ req: Request) async throws -> IncidentDTO {
        let actor = try req.requireUser().actor
        let incident = try await IncidentWriter.find(req.parameters.get("id", as: UUID.self), on: req.db)
        let item = IncidentDTO(incident, actor: actor, registry: req.application.neig.municipalities)
        try await auditAddressRead([item], on: req)
        return item
    }

    /// API field name → incident CSV column, so the API and the import share one set of rules.
    static let fieldColumns: [(api: String, column: String)] = [
        ("source_id", "bron_id"), ("date", "datum"), ("time", "tijd"), ("municipality_code", "gemeentecode"),
        ("address", "adres"), ("postcode", "postcode"), ("rd_x", "x"), ("rd_y", "y"), ("lat", "lat"), ("lon", "lon"),
        ("target", "doelwit"), ("means", "middel"), ("description", "omschrijving"),
        ("definition_version", "definitie"),
        ("bag_id", "bag_id")
    ]

    static func createIncident(_ req: Request) async throws -> Response {
        let actor = try req.requireUser().actor
        guard let body = try? req.content.decode([String: APIScalar].self) else {
            throw NEIGError.badRequest("De body moet een JSON-object met tekst- en getalvelden zijn.")
        }
        var values: [String: String] = [:]
        for (api, column) in fieldColumns { if let value = body[api] { values[column] = value.text } }
        values["bron"] = body["source"]?.text
        let apiName = Dictionary(uniqueKeysWithValues: fieldColumns.map { ($0.column, $0.api) })
        switch IncidentWriter.validated(values, context: req.context) {
        case .failure(let problems):
            throw NEIGError.unprocessable(
                "Het incident is niet opgeslagen.",
                items: problems.problems.map {
                    Problem.Item(column: $0.column.map { apiName[$0] ?? $0 }, reason: $0.reason)
                })
        case .success(let record):
            guard let incident = try await IncidentWriter.create(record, channel: "api", context: req.context) else {
                throw NEIGError(
                    status: .conflict, title: "Bestaat al",
                    detail: "Er is al een incident met source_id '\(record.sourceID)' van bron '\(record.source)'.")
            }
            let response = Response(status: .created)
            try response.content.encode(
                IncidentDTO(incident, actor: actor, registry: req.application.neig.municipalities))
            response.headers.replaceOrAdd(
                name: .location, value: SiteURL.apiIncident(id: try incident.requireID()).path)
            return response
        }
    }

    /// Addresses of attacked homes read by a program leave a trace, as the page of one incident does for a person.
    static func auditAddressRead(_ items: [IncidentDTO], on req: Request) async throws {
        let withAddress = items.filter { $0.address != nil || $0.lat != nil }
        guard !withAddress.isEmpty else { return }
        let ids = withAddress.prefix(20).map { $0.id.uuidString.lowercased() }.joined(separator: ",")
        try await req.audit(
            "incident.read-location", object: "incident",
            id: withAddress.count == 1 ? withAddress[0].id.uuidString.lowercased() : nil,
            detail: "rows=\(withAddress.count)" + (withAddress.count > 1 ? " first=\(ids)" : ""))
    }

    /// Deep offsets make the database skip rows one by one; beyond this a filter is the way.
    static let maximumOffset = 1_000_000

    static func monitor(_ req: Request) async throws -> MonitorReport {
        _ = try req.requireUser()
        let year = try req.queryInteger("year", in: 2000...2100) ?? req.application.neig.clock.today.year
        return try await MonitorService.report(year: year, on: req.db, registry: req.application.neig.municipalities)
    }
}

/// A JSON string, number or null in a request body; numbers are accepted where the CSV has text.
enum APIScalar: Decodable, Sendable {
    case text(String)
    case number(Double)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var text: String {
        switch self {
        case .text(let value): value
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .null: ""
        }
    }
}

extension MonitorReport: Content {}
