import Fluent
import FluentSQLiteDriver
import Foundation
import NEIGCore
import SQLKit

/// Bulk writes and aggregate reads of the register, in SQL that runs unchanged on SQLite and PostgreSQL.
public enum IncidentStore {
    public struct ImportSummary: Sendable, Equatable, Codable {
        public var inserted: Int
        public var alreadyPresent: Int
        public var rejected: Int
    }

    /// Rows per INSERT: 22 columns × 500 stays below both databases' bind-parameter limits.
    static let batchSize = 500

    /// Inserts the records that are not there yet, in one transaction. Records already present
    /// (same source and `bron_id`) are counted, not changed.
    /// - Parameter pauseAfterBatches: fault injection for the crash test: after this many batches the
    ///   import announces itself on stderr and waits, mid-transaction, to be killed.
    static func insert(
        _ records: [IncidentRecord], on db: any Database, now: Date,
        pauseAfterBatches: Int? = nil
    ) async throws -> ImportSummary {
        try await db.transaction { tx in
            let sql = tx.sql
            var existing = Set<String>()
            for source in Set(records.map(\.source)) {
                let rows = try await sql.select().column("source_id").from(Incident.schema)
                    .where("source", .equal, source).all()
                for row in rows {
                    existing.insert(source + "\u{1F}" + (try row.decode(column: "source_id", as: String.self)))
                }
            }
            let fresh = records.filter { !existing.contains($0.source + "\u{1F}" + $0.sourceID) }
            if fresh.count > batchSize, let sqlite = tx as? any SQLiteDatabase {
                // Five indexes updated in random order thrash SQLite's default 2 MB page cache, and each
                // multi-row INSERT writes a statement journal to a temporary file: a 64 MB cache and
                // in-memory temporary storage for this connection make a 100,000-row import twice as fast.
                // SQLite refuses a new temp_store inside a transaction once this connection has temporary tables
                // open (an earlier query on a pooled connection may have made one); then the import runs as it is.
                try await sqlite.query("PRAGMA cache_size = -65536", []) { _ in }
                try? await sqlite.query("PRAGMA temp_store = MEMORY", []) { _ in }
            }
            for (number, batch) in stride(from: 0, to: fresh.count, by: batchSize)
                .map({ fresh[$0..<min($0 + batchSize, fresh.count)] }).enumerated()
            {
                if number == pauseAfterBatches {
                    FileHandle.standardError.write(Data("import paused after \(number) batches\n".utf8))
                    try await Task.sleep(for: .seconds(60))
                }
                if let sqlite = tx as? any SQLiteDatabase {
                    try await insertSQLite(batch, on: sqlite, now: now)
                } else {
                    let insert = sql.insert(into: Incident.schema).columns(columns)
                    for record in batch { insert.values(values(for: record, now: now)) }
                    // A concurrent import of the same file may have inserted meanwhile; the unique key decides.
                    try await insert.ignoringConflicts(with: ["source", "source_id"]).run()
                }
            }
            if !fresh.isEmpty { try await RegisterVersion.bump(on: tx) }
            return ImportSummary(inserted: fresh.count, alreadyPresent: records.count - fresh.count, rejected: 0)
        }
    }

    /// The same statement as the SQLKit path, with `SQLiteData` bound directly: encoding two million
    /// values through `Encodable` took most of a 100,000-row import. Values are stored exactly as Fluent
    /// stores them (UUID as text, dates as seconds since 1970).
    static func insertSQLite(_ batch: ArraySlice<IncidentRecord>, on sqlite: any SQLiteDatabase, now: Date) async throws
    {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let statement =
            "INSERT INTO \(Incident.schema) (\(columns.map { "\"\($0)\"" }.joined(separator: ","))) VALUES "
            + Array(repeating: row, count: batch.count).joined(separator: ",")
            + " ON CONFLICT (\"source\", \"source_id\") DO NOTHING"
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        let timestamp = SQLiteData.float(now.timeIntervalSince1970)
        var binds: [SQLiteData] = []
        binds.reserveCapacity(batch.count * columns.count)
        for record in batch {
            binds.append(contentsOf: [
                .text(UUID().uuidString), .text(record.source), .text(record.sourceID), .text(record.date.iso),
                .integer(record.date.year), .integer(record.date.month), text(record.time?.text),
                .text(record.municipalityCode),
                text(record.address), text(record.postcode), text(record.addressKey), .float(record.rd.x),
                .float(record.rd.y),
                .float(record.wgs84.latitude), .float(record.wgs84.longitude), .text(record.target.rawValue),
                .text(record.means.rawValue), text(record.description), .text(record.definitionVersion), timestamp,
                timestamp, text(record.bagID)
            ])
        }
        try await sqlite.query(statement, binds) { _ in }
    }

    static let columns = [
        "id", "source", "source_id", "occurred_on", "year", "month", "time_of_day", "municipality_code",
        "address", "postcode", "address_key", "rd_x", "rd_y", "latitude", "longitude", "target", "means",
        "description", "definition_version", "created_at", "updated_at", "bag_id"
    ]

    static func values(for record: IncidentRecord, now: Date) -> [any SQLExpression] {
        [
            SQLBind(UUID()), SQLBind(record.source), SQLBind(record.sourceID), SQLBind(record.date.iso),
            SQLBind(record.date.year), SQLBind(record.date.month), SQLBind(record.time?.text),
            SQLBind(record.municipalityCode), SQLBind(record.address), SQLBind(record.postcode),
            SQLBind(record.addressKey),
            SQLBind(record.rd.x), SQLBind(record.rd.y), SQLBind(record.wgs84.latitude), SQLBind(record.wgs84.longitude),
            SQLBind(record.target.rawValue), SQLBind(record.means.rawValue), SQLBind(record.description),
            SQLBind(record.definitionVersion), SQLBind(now), SQLBind(now), SQLBind(record.bagID)
        ]
    }

    /// Counts per year, month, target type and municipality for the given years (and municipality).
    static func counts(years: ClosedRange<Int>, municipality: String? = nil, on db: any Database) async throws
        -> [IncidentCount]
    {
        let query = db.sql.select()
            .column("year").column("month").column("target").column("municipality_code")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Incident.schema)
            .where("year", .greaterThanOrEqual, years.lowerBound)
            .where("year", .lessThanOrEqual, years.upperBound)
        if let municipality { query.where("municipality_code", .equal, municipality) }
        let rows = try await query.groupBy("year").groupBy("month").groupBy("target").groupBy("municipality_code").all()
        return try rows.map { row in
            IncidentCount(
                year: try row.decode(column: "year", as: Int.self),
                month: try row.decode(column: "month", as: Int.self),
                target: try row.decode(column: "target", as: TargetType.self),
                municipalityCode: try row.decode(column: "municipality_code", as: String.self),
                count: try row.decode(column: "n", as: Int.self))
        }
    }

    /// Number of incidents in a date range (inclusive), optionally in one municipality.
    static func count(from: CivilDate, through: CivilDate, municipality: String? = nil, on db: any Database)
        async throws -> Int
    {
        let query = db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Incident.schema)
            .where("occurred_on", .greaterThanOrEqual, from.iso)
            .where("occurred_on", .lessThanOrEqual, through.iso)
        if let municipality { query.where("municipality_code", .equal, municipality) }
        return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func years(on db: any Database) async throws -> [Int] {
        try await db.sql.select().distinct().column("year").from(Incident.schema).orderBy("year").all()
            .map { try $0.decode(column: "year", as: Int.self) }
    }

    /// All attacks on addresses that were hit more than once since `since`: the same written address, or the same
    /// BAG object however it was written.
    static func repeatAddressHits(
        since: CivilDate, through: CivilDate, municipality: String? = nil,
        on db: any Database
    ) async throws -> [RepeatAddress.Hit] {
        func repeated(_ column: String) async throws -> [String] {
            let query = db.sql.select().column(SQLIdentifier(column)).from(Incident.schema)
                .where(SQLIdentifier(column), .isNot, SQLLiteral.null)
                .where("occurred_on", .greaterThanOrEqual, since.iso)
                .where("occurred_on", .lessThanOrEqual, through.iso)
            if let municipality { query.where("municipality_code", .equal, municipality) }
            query.groupBy(SQLIdentifier(column)).having(
                SQLFunction("COUNT", args: SQLLiteral.all), .greaterThanOrEqual, SQLBind(2))
            return try await query.all().map { try $0.decode(column: column, as: String.self) }
        }
        var hits: [UUID: RepeatAddress.Hit] = [:]
        for column in ["address_key", "bag_id"] {
            let values = try await repeated(column)
            for chunk in stride(from: 0, to: values.count, by: 500).map({
                Array(values[$0..<min($0 + 500, values.count)])
            }) {
                let rows = db.sql.select()
                    .column("id").column("address_key").column("bag_id").column("address").column("postcode")
                    .column("municipality_code").column("occurred_on")
                    .from(Incident.schema)
                    .where(SQLIdentifier(column), .in, chunk)
                    .where("address_key", .isNot, SQLLiteral.null)
                    .where("occurred_on", .greaterThanOrEqual, since.iso)
                    .where("occurred_on", .lessThanOrEqual, through.iso)
                if let municipality { rows.where("municipality_code", .equal, municipality) }
                let found = try await rows.all()
                for row in found {
                    guard let date = CivilDate(parsing: try row.decode(column: "occurred_on", as: String.self)) else {
                        continue
                    }
                    hits[try row.decode(column: "id", as: UUID.self)] = RepeatAddress.Hit(
                        key: try row.decode(column: "address_key", as: String.self),
                        address: try row.decode(column: "address", as: String?.self) ?? "",
                        postcode: try row.decode(column: "postcode", as: String?.self),
                        municipalityCode: try row.decode(column: "municipality_code", as: String.self), date: date,
                        bagID: try row.decode(column: "bag_id", as: String?.self))
                }
            }
        }
        // Oldest first, as the database gave them before: the address shown for a group does not change per request.
        return hits.values.sorted { ($0.date, $0.key, $0.address) < ($1.date, $1.key, $1.address) }
    }
}
