import Fluent
import Vapor

/// An append-only record of a state change or access that matters (logins, incident changes, imports).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    /// `user:<uuid>`, `cli`, or `anonymous`.
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "object_type") var objectType: String
    @OptionalField(key: "object_id") var objectID: String?
    @Field(key: "result") var result: String
    /// A short, non-personal description (counts, field names) — never a password, token or address.
    @OptionalField(key: "detail") var detail: String?

    init() {}

    init(occurredAt: Date, actor: String, action: String, objectType: String, objectID: String?, result: String, detail: String?) {
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.result = result
        self.detail = detail
    }
}

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string)
            .field("result", .string, .required)
            .field("detail", .string)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema(AuditEvent.schema).delete() }
}

enum Audit {
    static func record(_ action: String, object: String, id: String? = nil, result: String = "success",
                       detail: String? = nil, actor: String, at now: Date, on db: any Database) async throws {
        try await AuditEvent(occurredAt: now, actor: actor, action: action, objectType: object, objectID: id,
                             result: result, detail: detail).create(on: db)
    }
}

extension Request {
    var auditActor: String { user?.id.map { "user:\($0.uuidString.lowercased())" } ?? "anonymous" }

    func audit(_ action: String, object: String, id: String? = nil, result: String = "success", detail: String? = nil,
               on db: (any Database)? = nil) async throws {
        try await Audit.record(action, object: object, id: id, result: result, detail: detail, actor: auditActor,
                               at: application.neig.clock.now(), on: db ?? self.db)
    }
}
