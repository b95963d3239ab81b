import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Computed results shared by every app instance through the database. An entry is valid only for the
/// register version it was computed at; a stale entry is simply overwritten.
enum CacheStore {
    static let table = "cache_entries"

    static func value<T: Codable & Sendable>(
        _ type: T.Type, key: String, version: Int, on db: any Database, memo: CacheMemo,
        compute: () async throws -> T
    ) async throws -> T {
        if let value = memo.get(key, version: version, as: T.self) { return value }
        let value = try await stored(type, key: key, version: version, on: db, compute: compute)
        memo.set(key, version: version, value: value)
        return value
    }

    private static func stored<T: Codable & Sendable>(
        _ type: T.Type, key: String, version: Int, on db: any Database,
        compute: () async throws -> T
    ) async throws -> T {
        if let row = try await db.sql.select().column("payload").from(table)
            .where("key", .equal, key).where("version", .equal, version).first(),
            let cached = try? JSONDecoder().decode(
                T.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
        {
            return cached
        }
        let value = try await compute()
        let payload = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        try await db.sql.insert(into: table)
            .columns("key", "version", "payload", "updated_at")
            .values(SQLBind(key), SQLBind(version), SQLBind(payload), SQLBind(Date()))
            .onConflict(with: ["key"]) {
                $0.set(excludedValueOf: "version").set(excludedValueOf: "payload").set(excludedValueOf: "updated_at")
            }
            .run()
        return value
    }
}

/// An application's memo of entries read from the cache table, so a hot page does not decode the same
/// JSON on every request. It holds only what the table holds, for the version the caller just read from
/// the database, so app instances never disagree.
final class CacheMemo: Sendable {
    static let capacity = 256
    private let entries = NIOLockedValueBox([String: (version: Int, value: any Sendable)]())

    func get<T>(_ key: String, version: Int, as type: T.Type) -> T? {
        guard let hit = entries.withLockedValue({ $0[key] }), hit.version == version else { return nil }
        return hit.value as? T
    }

    func set(_ key: String, version: Int, value: any Sendable) {
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (version, value)
        }
    }
}
