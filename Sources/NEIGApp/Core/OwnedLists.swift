import Fluent
import Foundation
import SQLKit

/// One value of a list that belongs to a row (an intervention's municipalities, a question's tags), in a table of its
/// own with a foreign key to the owner, so the database keeps the values whole and can index them.
protocol OwnedListRow: Model where IDValue == UUID {
    /// The owner's table, and the column here holding the owner's id.
    static var ownerTable: String { get }
    static var ownerColumn: String { get }
    /// What makes two rows of one owner the same value (the table allows each once).
    var listKey: String { get }
    var position: Int { get set }
}

struct ListNotLoaded: Error, CustomStringConvertible {
    let name: String
    var description: String { "the list \(name) was read before it was loaded (add .with(...) to the query)" }
}

extension ChildrenProperty where To: OwnedListRow {
    /// The rows in their order. Throws rather than trapping (as the wrapped value does) when the query did not load them.
    func ordered() throws -> [To] {
        guard let value else { throw ListNotLoaded(name: To.schema) }
        return value.sorted { $0.position < $1.position }
    }
}

extension OwnedListRow {
    /// Replaces the owner's list by `rows`, each value once, numbered in the given order. Run it inside the owner's
    /// transaction: on PostgreSQL it locks the owner's row first, so two saves of one list cannot interleave
    /// (SQLite lets one writer in at a time).
    @discardableResult
    static func replace(owner: UUID, with rows: [Self], on db: any Database) async throws -> [Self] {
        if db.isPostgres {
            try await db.sql.raw("SELECT id FROM \(ident: ownerTable) WHERE id = \(bind: owner) FOR UPDATE").run()
        }
        try await db.sql.delete(from: schema).where(SQLIdentifier(ownerColumn), .equal, SQLBind(owner)).run()
        var seen = Set<String>()
        let rows = rows.filter { seen.insert($0.listKey).inserted }
        for (index, row) in rows.enumerated() {
            row.position = index
            try await row.create(on: db)
        }
        return rows
    }
}

/// Moves a comma-joined list column into its table and back: the upgrade path from the schema before these tables.
struct ListColumnMove: Sendable {
    let owner: String
    let column: String
    let table: String
    let ownerColumn: String
    let valueColumn: String
    var valuesAreIDs = false
    /// The table the ids point to, when the new column has a foreign key: ids of rows gone already are left behind.
    var referencedTable: String?
    /// The values the new column's type knows (an enum's raw values); the old readers skipped any other, so the move
    /// leaves them behind too.
    var allowedValues: Set<String>?
    /// The old column's form: `a,b` (or `,a,b,` for tags, which the split ignores).
    var joinOld: @Sendable ([String]) -> String = { $0.joined(separator: ",") }

    /// The list's table: owner (cascading delete), value (with a foreign key when the values are ids of a table),
    /// position; one row per value and owner, and an index on the value for "which rows carry this value".
    func createTable(on db: any Database) async throws {
        let builder = db.schema(table).id()
            .field(.string(ownerColumn), .uuid, .required, .references(owner, "id", onDelete: .cascade))
        if let referencedTable {
            _ = builder.field(
                .string(valueColumn), .uuid, .required, .references(referencedTable, "id", onDelete: .cascade))
        } else {
            _ = builder.field(.string(valueColumn), valuesAreIDs ? .uuid : .string, .required)
        }
        try await builder.field("position", .int, .required).unique(on: .string(ownerColumn), .string(valueColumn))
            .create()
        try await db.sql.raw("CREATE INDEX \(ident: table + "_value") ON \(ident: table) (\(ident: valueColumn))").run()
    }

    /// Creates the tables, moves the values and drops the old columns, all or nothing; `afterwards` runs in the same
    /// transaction.
    static func apply(
        _ moves: [ListColumnMove], on database: any Database,
        afterwards: @escaping @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws {
        try await database.transaction { db in
            try await db.refreshSchemaCache()
            for move in moves { try await move.createTable(on: db) }
            for move in moves { try await move.forward(on: db) }
            try await afterwards(db)
        }
    }

    /// Puts the values back into comma-joined columns and drops the tables; `afterwards` runs in the same transaction.
    static func undo(
        _ moves: [ListColumnMove], on database: any Database,
        afterwards: @escaping @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws {
        try await database.transaction { db in
            try await db.refreshSchemaCache()
            for move in moves { try await move.backward(on: db) }
            for move in moves.reversed() { try await db.schema(move.table).delete() }
            try await afterwards(db)
        }
    }

    func forward(on db: any Database) async throws {
        let rows = try await db.sql.raw("SELECT id, \(ident: column) AS list FROM \(ident: owner)").all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let text = try row.decode(column: "list", as: String?.self) ?? ""
            var seen = Set<String>()
            let values = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter {
                    !$0.isEmpty && (allowedValues?.contains($0) ?? true)
                        && seen.insert(valuesAreIDs ? $0.lowercased() : $0).inserted
                }
            for (position, value) in values.enumerated() {
                let bound: any Encodable & Sendable
                if valuesAreIDs {
                    guard let uuid = UUID(uuidString: value) else { continue }
                    if let referencedTable,
                        try await db.sql.select().column(SQLLiteral.numeric("1")).from(referencedTable)
                            .where("id", .equal, SQLBind(uuid)).first() == nil
                    {
                        continue
                    }
                    bound = uuid
                } else {
                    bound = value
                }
                try await db.sql.insert(into: table).columns("id", ownerColumn, valueColumn, "position")
                    .values(SQLBind(UUID()), SQLBind(id), SQLBind(bound), SQLBind(position)).run()
            }
        }
        try await db.schema(owner).deleteField(.string(column)).update()
    }

    func backward(on db: any Database) async throws {
        try await db.schema(owner).field(.string(column), .string, .sql(.default(""))).update()
        let rows = try await db.sql.raw(
            "SELECT \(ident: ownerColumn) AS owner, \(ident: valueColumn) AS value FROM \(ident: table) ORDER BY position"
        ).all()
        var lists: [UUID: [String]] = [:]
        for row in rows {
            let owner = try row.decode(column: "owner", as: UUID.self)
            let value =
                valuesAreIDs
                ? try row.decode(column: "value", as: UUID.self).uuidString.lowercased()
                : try row.decode(column: "value", as: String.self)
            lists[owner, default: []].append(value)
        }
        for (owner, values) in lists {
            try await db.sql.update(self.owner).set(SQLIdentifier(column), to: SQLBind(joinOld(values)))
                .where("id", .equal, SQLBind(owner)).run()
        }
    }
}

/// Every list column that moved into a table of its own, for the upgrade test and for operators reading the schema.
enum ListColumnMoves {
    static var all: [ListColumnMove] {
        MoveInterventionListsToTables.moves + MoveLibraryListsToTables.moves + MoveTagListsToTables.moves
            + [MoveMeasureCitationsToTable.move, MoveAlertIncidentsToTable.move] + MoveRoutingConditionsToTables.moves
            + [MoveExpertiseToTable.move]
    }
}
