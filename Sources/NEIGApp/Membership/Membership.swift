import Fluent
import Foundation
import NEIGCore

/// An application to join the network: confirmed by a link in an e-mail, then approved or rejected by a coordinator.
final class MembershipApplication: Model, @unchecked Sendable {
    static let schema = "membership_applications"

    enum Status: String, Codable, Sendable { case unconfirmed, confirmed, approved, rejected }

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "organisation") var organisation: String
    @OptionalField(key: "municipality_code") var municipalityCode: String?
    @Field(key: "role") var role: Role
    @Field(key: "motivation") var motivation: String
    @Field(key: "status") var status: Status
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

/// A single-use link to set a password (after approval), valid for a few days.
final class PasswordToken: Model, @unchecked Sendable {
    static let schema = "password_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

/// What a member shows in the directory.
final class MemberProfile: Model, @unchecked Sendable {
    static let schema = "member_profiles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Children(for: \.$profile) var expertiseRows: [MemberExpertise]
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "show_email") var showEmail: Bool
    @Field(key: "show_phone") var showPhone: Bool

    init() {}
}

struct CreateMembership: AsyncMigration {
    static let columns = [AddedColumn(table: User.schema, field: "status", type: .string)]

    func prepare(on database: any Database) async throws {
        try await database.addColumns(Self.columns)
        try await database.schema(MembershipApplication.schema)
            .id()
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("organisation", .string, .required)
            .field("municipality_code", .string)
            .field("role", .string, .required)
            .field("motivation", .string, .required)
            .field("status", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("decided_by", .string)
            .field("reason", .string)
            .create()
        try await database.schema(PasswordToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(MemberProfile.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("expertise", .string, .required)
            .field("phone", .string)
            .field("show_email", .bool, .required)
            .field("show_phone", .bool, .required)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [MemberProfile.schema, PasswordToken.schema, MembershipApplication.schema] {
            try await database.schema(schema).delete()
        }
        try await database.dropColumns(Self.columns)
    }
}
