import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

enum DatabaseSetup {
    static func configure(_ app: Application, location: DatabaseLocation, schema: String?) throws {
        switch location {
        case .sqlite(let path):
            app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = [schema ?? "public"]
            app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4), as: .psql)
        }
    }

    /// WAL lets readers continue while an import writes, and survives a killed process; the busy
    /// timeout makes concurrent writers from several processes wait instead of failing.
    static func prepare(_ db: any Database, schema: String?) async throws {
        if let schema, db.isPostgres {
            guard schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw ConfigurationError("invalid schema name \(schema)")
            }
            try await db.sql.raw("CREATE SCHEMA IF NOT EXISTS \(unsafeRaw: schema)").run()
        }
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA busy_timeout=5000").run()
        try await sql.raw("PRAGMA synchronous=NORMAL").run()
    }
}

extension Request {
    var sql: any SQLDatabase { db as! any SQLDatabase }
}

extension Database {
    var sql: any SQLDatabase { self as! any SQLDatabase }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// SQLite checks `ALTER TABLE … ADD COLUMN` against the schema this connection read last, so a column that another
    /// pooled connection dropped since is still "duplicate". Reading the schema table inside the transaction makes
    /// SQLite compare the schema cookie and reload; the DDL that follows then sees the current schema.
    func refreshSchemaCache() async throws {
        guard !isPostgres else { return }
        try await sql.raw("SELECT COUNT(*) FROM sqlite_master").run()
    }
}

/// A column that a later migration adds to an existing table.
struct AddedColumn: Sendable {
    let table: String
    let field: FieldKey
    let type: DatabaseSchema.DataType
}

extension Database {
    /// One statement per column: SQLite adds a single column per ALTER TABLE. All on one connection, after it
    /// re-read the schema (`refreshSchemaCache`), so a revert and a re-run see what the other connection changed.
    func addColumns(_ columns: [AddedColumn]) async throws {
        try await transaction { db in
            try await db.refreshSchemaCache()
            for column in columns { try await db.schema(column.table).field(column.field, column.type).update() }
        }
    }

    func dropColumns(_ columns: [AddedColumn]) async throws {
        try await transaction { db in
            try await db.refreshSchemaCache()
            for column in columns { try await db.schema(column.table).deleteField(column.field).update() }
        }
    }
}
