import Fluent
import SQLKit

/// A counter that every write to the register increments in the same transaction. Caches of figures
/// derived from the register store the version they were computed at, so any instance can tell
/// whether a cached result is still true with one tiny query.
enum RegisterVersion {
    static let table = "register_state"

    static func current(on db: any Database) async throws -> Int {
        try await db.sql.select().column("version").from(table).where("id", .equal, 1).first()?
            .decode(column: "version", as: Int.self) ?? 0
    }

    static func bump(on db: any Database) async throws {
        try await db.sql.update(table).set("version", to: SQLRaw("version + 1")).where("id", .equal, 1).run()
    }
}

struct CreateRegisterStateAndCache: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RegisterVersion.table)
            .field("id", .int, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        try await database.sql.insert(into: RegisterVersion.table).columns("id", "version").values(
            SQLBind(1), SQLBind(0)
        ).run()
        try await database.schema(CacheStore.table)
            .field("key", .string, .identifier(auto: false))
            .field("version", .int, .required)
            .field("payload", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CacheStore.table).delete()
        try await database.schema(RegisterVersion.table).delete()
    }
}
