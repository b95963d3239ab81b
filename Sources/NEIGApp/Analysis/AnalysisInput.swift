import Fluent
import NEIGCore
import SQLKit
import Vapor

/// The incidents an analysis runs on, with what is needed to name them in the results.
public struct AnalysisInput: Sendable {
    public struct Label: Sendable, Codable, Equatable {
        public let sourceID: String
        public let date: CivilDate
        public let municipalityCode: String
    }

    public let events: SpaceTimeEvents
    public let labels: [Label]

    public init(records: [IncidentRecord]) {
        events = SpaceTimeEvents(records: records)
        labels = records.map { Label(sourceID: $0.sourceID, date: $0.date, municipalityCode: $0.municipalityCode) }
    }

    init(rows: [Row]) {
        let dates = rows.map { CivilDate(parsing: $0.occurred_on) ?? CivilDate(dayNumber: 0) }
        events = SpaceTimeEvents(x: rows.map(\.rd_x), y: rows.map(\.rd_y), days: dates.map { Int32($0.dayNumber) })
        labels = zip(rows, dates).map {
            Label(sourceID: $0.source_id, date: $1, municipalityCode: $0.municipality_code)
        }
    }

    struct Row: Decodable {
        let source_id: String
        let occurred_on: String
        let municipality_code: String
        let rd_x: Double
        let rd_y: Double
    }

    /// The register's incidents, optionally of one municipality and a period (both ends inclusive). Only the
    /// five columns the statistics need are read.
    public static func load(municipality: String?, from: CivilDate?, to: CivilDate?, on database: any Database)
        async throws -> AnalysisInput
    {
        guard let sql = database as? any SQLDatabase else {
            throw ConfigurationError("the database does not speak SQL")
        }
        var query = sql.select()
            .columns("source_id", "occurred_on", "municipality_code", "rd_x", "rd_y")
            .from(Incident.schema)
        if let municipality { query = query.where("municipality_code", .equal, municipality) }
        if let from { query = query.where("occurred_on", .greaterThanOrEqual, from.iso) }
        if let to { query = query.where("occurred_on", .lessThanOrEqual, to.iso) }
        let rows = try await query.orderBy("occurred_on").orderBy("source_id").all(decoding: Row.self)
        return AnalysisInput(rows: rows)
    }
}
