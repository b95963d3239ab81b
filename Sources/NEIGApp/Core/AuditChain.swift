import Fluent
import SQLKit
import Vapor

/// Makes the audit log tamper-evident. Entries are written unsealed (so writers never contend for the end of
/// the chain inside their own transactions) and sealed right after, in order: each sealed entry gets the next
/// sequence number, the previous entry's hash and a SHA-256 over both and its own contents. Changing or
/// removing a sealed entry breaks the chain at that point, which `verify` reports.
public enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    static func digest(_ event: AuditEvent, sequence: Int, previous: String) -> String {
        let fields: [String] = [
            String(sequence), previous, String(Int((event.occurredAt.timeIntervalSince1970 * 1000).rounded())),
            event.actor, event.action, event.objectType, event.objectID ?? "", event.result, event.detail ?? "",
            event.traceID ?? "", event.origin ?? "", event.processingActivity ?? "", event.dataSubject ?? ""
        ]
        // Length-prefixed, so no choice of field contents can imitate another split.
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hash(data: Data(canonical.utf8)).hex
    }

    /// Seals every unsealed entry; several processes may call this at once (PostgreSQL: an advisory lock;
    /// SQLite has a single writer).
    @discardableResult
    public static func seal(on database: any Database) async throws -> Int {
        try await database.transaction { tx in
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(7242001)").run()
            }
            let unsealed = try await AuditEvent.query(on: tx).filter(\.$sequence == nil)
                .sort(\.$occurredAt).sort(\.$id).all()
            guard !unsealed.isEmpty else { return 0 }
            let last = try await AuditEvent.query(on: tx).filter(\.$sequence != nil).sort(\.$sequence, .descending)
                .first()
            var sequence = last?.sequence ?? 0
            var previous = last?.hash ?? genesis
            for event in unsealed {
                sequence += 1
                event.sequence = sequence
                event.previousHash = previous
                event.hash = digest(event, sequence: sequence, previous: previous)
                previous = event.hash!
                try await event.save(on: tx)
            }
            return unsealed.count
        }
    }

    /// Sealing under concurrent writers: SQLite answers "database is locked" to a transaction that cannot get the
    /// write lock, which is contention, not failure. Tried again with a growing pause; what is still unsealed after
    /// that is sealed by the next write (entries are never lost, only sealed later), so it is a notice, not an error.
    public static func sealRetrying(on database: any Database, logger: Logger, attempts: Int = 3) async {
        for attempt in 1...attempts {
            do {
                _ = try await seal(on: database)
                return
            } catch  where isContention(error) {
                if attempt == attempts {
                    logger.notice(
                        "audit sealing deferred after \(attempts) busy attempts; the next write seals these entries")
                    return
                }
                try? await Task.sleep(nanoseconds: UInt64(attempt * attempt) * 5_000_000)
            } catch {
                logger.error("audit sealing failed: \(String(reflecting: error))")
                return
            }
        }
    }

    /// Busy or locked SQLite, or a second sealer's sequence that won the unique index.
    static func isContention(_ error: any Error) -> Bool {
        let text = String(reflecting: error).lowercased()
        return text.contains("locked") || text.contains("busy") || text.contains("unique")
            || text.contains("duplicate key")
    }

    public struct Verification: Sendable, Equatable {
        public let entries: Int
        /// The first problem, naming the entry; nil when the chain is intact.
        public let problem: String?
        public var isIntact: Bool { problem == nil }
    }

    /// Walks the sealed entries in order and recomputes every link.
    public static func verify(on database: any Database) async throws -> Verification {
        var expectedSequence = 1
        var previous = genesis
        var checked = 0
        let pageSize = 5000
        while true {
            let page = try await AuditEvent.query(on: database).filter(\.$sequence >= expectedSequence)
                .sort(\.$sequence).limit(pageSize).all()
            for event in page {
                let sequence = event.sequence ?? 0
                let id = event.id?.uuidString.lowercased() ?? "?"
                if sequence != expectedSequence {
                    return Verification(
                        entries: checked,
                        problem: "entry \(expectedSequence) is missing (the chain jumps to \(sequence), id \(id))")
                }
                if event.previousHash != previous {
                    return Verification(
                        entries: checked,
                        problem:
                            "entry \(sequence) (id \(id)) does not point to entry \(sequence - 1): an entry before it was changed or removed"
                    )
                }
                if event.hash != digest(event, sequence: sequence, previous: previous) {
                    return Verification(
                        entries: checked,
                        problem: "entry \(sequence) (id \(id), \(event.action)) was changed after it was written")
                }
                previous = event.hash ?? ""
                expectedSequence += 1
                checked += 1
            }
            if page.count < pageSize { break }
        }
        let total = try await AuditEvent.query(on: database).filter(\.$sequence != nil).count()
        if total != checked {
            return Verification(
                entries: checked,
                problem: "\(total - checked) sealed entries lie outside the chain (sequence numbers changed)")
        }
        return Verification(entries: checked, problem: nil)
    }
}

struct AuditWrittenKey: StorageKey { typealias Value = Bool }

/// Seals what a request wrote into the audit log once its transactions are done.
struct AuditSealMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if (request.method != .GET && request.method != .HEAD) || request.storage[AuditWrittenKey.self] == true {
            await AuditChain.sealRetrying(on: request.db, logger: request.logger)
        }
        return response
    }
}

struct AddAuditChain: AsyncMigration {
    static let columns: [AddedColumn] =
        ([
            ("trace_id", .string), ("origin", .string), ("processing_activity", .string), ("data_subject", .string),
            ("sequence", .int64), ("previous_hash", .string), ("hash", .string)
        ] as [(FieldKey, DatabaseSchema.DataType)]).map {
            AddedColumn(table: AuditEvent.schema, field: $0.0, type: $0.1)
        }

    func prepare(on database: any Database) async throws {
        try await database.addColumns(Self.columns)
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE UNIQUE INDEX audit_events_sequence ON audit_events (sequence)").run()
        }
        try await AuditChain.seal(on: database)
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX audit_events_sequence").run() }
        try await database.dropColumns(Self.columns)
    }
}
