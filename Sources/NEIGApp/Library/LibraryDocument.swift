import Fluent
import Foundation
import NEIGCore
import SQLKit

/// A document or page of the knowledge library. The text is Markdown; an attachment (PDF, DOCX, PPTX) is stored in
/// the database so that every `neig serve` instance serves the same file.
final class LibraryDocument: Model, @unchecked Sendable {
    static let schema = "library_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    @Field(key: "kind") var kind: DocumentKind
    @Children(for: \.$document) var lineRows: [LibraryDocumentLine]
    @Children(for: \.$document) var phaseRows: [LibraryDocumentPhase]
    @Field(key: "author_organisation") var authorOrganisation: String
    /// Whose colleagues may edit: the organisation's id, never its name.
    @OptionalField(key: "author_organisation_id") var authorOrganisationID: UUID?
    @Field(key: "visibility") var visibility: Visibility
    @OptionalField(key: "group_code") var groupCode: String?
    @Field(key: "version") var version: Int
    @OptionalField(key: "attachment_name") var attachmentName: String?
    @OptionalField(key: "attachment_type") var attachmentType: String?
    @OptionalField(key: "attachment_size") var attachmentSize: Int?
    /// Text extracted from the attachment, for search.
    @OptionalField(key: "attachment_text") var attachmentText: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// The bytes of an attachment, apart from the document so that lists never load them.
final class LibraryAttachment: Model, @unchecked Sendable {
    static let schema = "library_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: LibraryDocument
    @Field(key: "data") var data: Data

    init() {}
}

/// An earlier version of a document, kept when it is edited.
final class LibraryVersion: Model, @unchecked Sendable {
    static let schema = "library_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: LibraryDocument
    @Field(key: "version") var version: Int
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    @Field(key: "edited_by") var editedBy: String
    @Field(key: "edited_at") var editedAt: Date

    init() {}
}

/// A named group of members (e.g. "OOV-adviseurs Randstad") for items visible to that group only.
final class MemberGroup: Model, @unchecked Sendable {
    static let schema = "member_groups"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Children(for: \.$group) var defaultTagRows: [GroupDefaultTag]

    init() {}
}

final class GroupMembership: Model, @unchecked Sendable {
    static let schema = "group_memberships"

    @ID(key: .id) var id: UUID?
    @Field(key: "group_code") var groupCode: String
    @Parent(key: "user_id") var user: User

    init() {}
}

struct CreateLibrary: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LibraryDocument.schema)
            .id()
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("kind", .string, .required)
            .field("lines", .string, .required)
            .field("phases", .string, .required)
            .field("author_organisation", .string, .required)
            .field("visibility", .string, .required)
            .field("group_code", .string)
            .field("version", .int, .required)
            .field("attachment_name", .string)
            .field("attachment_type", .string)
            .field("attachment_size", .int)
            .field("attachment_text", .string)
            .field("created_by", .uuid, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(LibraryAttachment.schema)
            .id()
            .field("document_id", .uuid, .required, .references(LibraryDocument.schema, "id", onDelete: .cascade))
            .field("data", .data, .required)
            .unique(on: "document_id")
            .create()
        try await database.schema(LibraryVersion.schema)
            .id()
            .field("document_id", .uuid, .required, .references(LibraryDocument.schema, "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("edited_by", .string, .required)
            .field("edited_at", .datetime, .required)
            .unique(on: "document_id", "version")
            .create()
        try await database.schema(MemberGroup.schema).id().field("code", .string, .required).field(
            "name", .string, .required
        )
        .unique(on: "code").create()
        try await database.schema(GroupMembership.schema).id().field("group_code", .string, .required).field(
            "user_id", .uuid, .required
        )
        .unique(on: "group_code", "user_id").create()
        try await LibrarySearch.createIndex(on: database)
    }

    func revert(on database: any Database) async throws {
        try await LibrarySearch.dropIndex(on: database)
        for schema in [
            GroupMembership.schema, MemberGroup.schema, LibraryVersion.schema, LibraryAttachment.schema,
            LibraryDocument.schema
        ] {
            try await database.schema(schema).delete()
        }
    }
}
