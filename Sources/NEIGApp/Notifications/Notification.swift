import Fluent
import Foundation

/// Something new for one member: shown in the app until read, and once in the next e-mail digest.
final class MemberNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "title") var title: String
    /// A path inside neig, e.g. `/vragen/…`.
    @Field(key: "link") var link: String
    /// Why the member gets it: `tag:preventie`, `group:oov-randstad`, `answer`, `helpful`.
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    @OptionalField(key: "emailed_at") var emailedAt: Date?

    init() {}
}

/// A member follows a tag or a group.
final class Follow: Model, @unchecked Sendable {
    static let schema = "follows"

    enum Kind: String, Codable, Sendable { case tag, group }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "kind") var kind: Kind
    @Field(key: "value") var value: String

    init() {}

    init(userID: UUID, kind: Kind, value: String) {
        self.$user.id = userID
        self.kind = kind
        self.value = value
    }
}

/// A member's choice about e-mail; without a row the daily digest is on.
final class NotificationSetting: Model, @unchecked Sendable {
    static let schema = "notification_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "email_digest") var emailDigest: Bool

    init() {}
}

/// One run of a periodic job (`digest` on `2026-11-23`): the unique key lets exactly one `neig serve` process do it.
final class JobRun: Model, @unchecked Sendable {
    static let schema = "job_runs"

    @ID(key: .id) var id: UUID?
    @Field(key: "job") var job: String
    @Field(key: "period") var period: String
    @Field(key: "worker") var worker: String
    @Field(key: "started_at") var startedAt: Date

    init() {}
}

struct CreateNotifications: AsyncMigration {
    static let columns = [AddedColumn(table: MemberGroup.schema, field: "default_tags", type: .string)]

    func prepare(on database: any Database) async throws {
        try await database.schema(MemberNotification.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("link", .string, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("emailed_at", .datetime)
            .create()
        try await database.schema(Follow.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("value", .string, .required)
            .unique(on: "user_id", "kind", "value")
            .create()
        try await database.schema(NotificationSetting.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("email_digest", .bool, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema(JobRun.schema)
            .id()
            .field("job", .string, .required)
            .field("period", .string, .required)
            .field("worker", .string, .required)
            .field("started_at", .datetime, .required)
            .unique(on: "job", "period")
            .create()
        try await database.addColumns(Self.columns)
    }

    func revert(on database: any Database) async throws {
        try await database.dropColumns(Self.columns)
        for schema in [JobRun.schema, NotificationSetting.schema, Follow.schema, MemberNotification.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// Unread counts run on every page view; answers and the parts of interventions are read by their parent.
struct AddNetworkIndexes: AsyncMigration {
    static let indexes = [
        ("notifications_user_read", "notifications", "user_id, read_at"),
        ("follows_kind_value", "follows", "kind, value"),
        ("answers_question", "answers", "question_id"),
        ("intervention_outputs_parent", "intervention_outputs", "intervention_id"),
        ("intervention_milestones_parent", "intervention_milestones", "intervention_id"),
        ("evaluation_snapshots_parent", "evaluation_snapshots", "intervention_id"),
        ("intervention_decisions_parent", "intervention_decisions", "intervention_id")
    ]

    func prepare(on database: any Database) async throws {
        for (name, table, columns) in Self.indexes {
            try await database.sql.raw(
                "CREATE INDEX IF NOT EXISTS \(unsafeRaw: name) ON \(ident: table) (\(unsafeRaw: columns))"
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _, _) in Self.indexes { try await database.sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run() }
    }
}
