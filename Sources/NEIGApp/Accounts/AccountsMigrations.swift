import Fluent
import SQLKit

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("municipality_code", .string)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema(Organisation.schema).delete() }
}

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("password_hash", .string, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema(User.schema).delete() }
}

struct CreateSessionsAndTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }
    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
        try await database.schema(UserSession.schema).delete()
    }
}
