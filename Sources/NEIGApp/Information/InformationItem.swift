import Fluent
import Foundation
import NEIGCore

/// Police or OM information shared for one case, visible only to its recipients until it expires.
final class InformationItem: Model, @unchecked Sendable {
    static let schema = "information_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseFile: CaseFile
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "author_role") var authorRole: Role
    @Field(key: "summary") var summary: String
    @Field(key: "classification") var classification: InformationClassification
    /// The purpose the information is shared for (doelbinding), e.g. "motivering sluiting".
    @Field(key: "purpose") var purpose: String
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
    func isExpired(today: CivilDate) -> Bool { expiresOn < today.iso }
}

/// One user, or one role within the case's municipality, an item is shared with.
final class InformationRecipient: Model, @unchecked Sendable {
    static let schema = "information_recipients"

    @ID(key: .id) var id: UUID?
    @Parent(key: "item_id") var item: InformationItem
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "role") var role: Role?

    init() {}

    init(itemID: UUID, userID: UUID? = nil, role: Role? = nil) {
        $item.id = itemID
        self.userID = userID
        self.role = role
    }
}

/// Who read an item, when and for what; the author sees this log.
final class InformationView: Model, @unchecked Sendable {
    static let schema = "information_views"

    @ID(key: .id) var id: UUID?
    @Parent(key: "item_id") var item: InformationItem
    @Parent(key: "user_id") var user: User
    @Field(key: "user_name") var userName: String
    @Field(key: "viewed_at") var viewedAt: Date
    @Field(key: "purpose") var purpose: String

    init() {}
}

struct CreateInformation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(InformationItem.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id", onDelete: .cascade))
            .field("municipality_code", .string, .required)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("author_role", .string, .required)
            .field("summary", .string, .required)
            .field("classification", .string, .required)
            .field("purpose", .string, .required)
            .field("expires_on", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(InformationRecipient.schema)
            .id()
            .field("item_id", .uuid, .required, .references(InformationItem.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid)
            .field("role", .string)
            .create()
        try await database.schema(InformationView.schema)
            .id()
            .field("item_id", .uuid, .required, .references(InformationItem.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required)
            .field("user_name", .string, .required)
            .field("viewed_at", .datetime, .required)
            .field("purpose", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [InformationView.schema, InformationRecipient.schema, InformationItem.schema] {
            try await database.schema(schema).delete()
        }
    }
}
