import Fluent
import Foundation
import NEIGCore

/// A meeting or knowledge session of the network, with a capacity and a waiting list.
final class NetworkEvent: Model, @unchecked Sendable {
    static let schema = "events"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @OptionalField(key: "location") var location: String?
    @OptionalField(key: "online_url") var onlineURL: String?
    @Field(key: "capacity") var capacity: Int
    @Field(key: "organiser_id") var organiserID: UUID
    @Field(key: "organiser_name") var organiserName: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "reminder_sent_at") var reminderSentAt: Date?

    init() {}
}

final class EventRegistration: Model, @unchecked Sendable {
    static let schema = "event_registrations"

    enum Status: String, Codable, Sendable { case registered, waitlisted, cancelled }

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: NetworkEvent
    @Parent(key: "user_id") var user: User
    @Field(key: "user_name") var userName: String
    @Field(key: "status") var status: Status
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A member's private calendar feed address (only its hash is stored).
final class CalendarFeed: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String

    init() {}
}

struct CreateEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NetworkEvent.schema)
            .id()
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("location", .string)
            .field("online_url", .string)
            .field("capacity", .int, .required)
            .field("organiser_id", .uuid, .required)
            .field("organiser_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(EventRegistration.schema)
            .id()
            .field("event_id", .uuid, .required, .references(NetworkEvent.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required)
            .field("user_name", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "event_id", "user_id")
            .create()
        try await database.schema(CalendarFeed.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("token_hash", .string, .required)
            .unique(on: "user_id")
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [CalendarFeed.schema, EventRegistration.schema, NetworkEvent.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// A library document attached to an event afterwards: slides, a report, the recording's page.
final class EventMaterial: Model, @unchecked Sendable {
    static let schema = "event_materials"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: NetworkEvent
    @Parent(key: "document_id") var document: LibraryDocument
    @Field(key: "title") var title: String

    init() {}
}

struct AddEventFollowUp: AsyncMigration {
    static let columns = [AddedColumn(table: NetworkEvent.schema, field: "reminder_sent_at", type: .datetime)]

    func prepare(on database: any Database) async throws {
        try await database.addColumns(Self.columns)
        try await database.schema(EventMaterial.schema)
            .id()
            .field("event_id", .uuid, .required, .references(NetworkEvent.schema, "id", onDelete: .cascade))
            .field("document_id", .uuid, .required, .references(LibraryDocument.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .unique(on: "event_id", "document_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EventMaterial.schema).delete()
        try await database.dropColumns(Self.columns)
    }
}
