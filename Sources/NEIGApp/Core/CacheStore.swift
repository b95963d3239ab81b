import Fluent
import Foundation
import SQLKit

/// Computed results shared by every app instance through the database. An entry is valid only for the
/// register version it was computed at; a stale entry is simply overwritten.
enum CacheStore {
    static let table = "cache_entries"

    static func value<T: Codable & Sendable>(_ type: T.Type, key: String, version: Int, on db: any Database,
                                             compute: () async throws -> T) async throws -> T {
        if let row = try await db.sql.select().column("payload").from(table)
            .where("key", .equal, key).where("version", .equal, version).first(),
           let cached = try? JSONDecoder().decode(T.self, from: Data(try row.decode(column: "payload", as: String.self).utf8)) {
            return cached
        }
        let value = try await compute()
        let payload = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        try await db.sql.insert(into: table)
            .columns("key", "version", "payload", "updated_at")
            .values(SQLBind(key), SQLBind(version), SQLBind(payload), SQLBind(Date()))
            .onConflict(with: ["key"]) { $0.set(excludedValueOf: "version").set(excludedValueOf: "payload").set(excludedValueOf: "updated_at") }
            .run()
        return value
    }
}
