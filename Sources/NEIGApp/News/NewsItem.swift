import Fluent
import Foundation
import NEIGCore

/// Actuele informatie from the network coordinators: new national figures, a new handreiking, a change in the law.
final class NewsItem: Model, @unchecked Sendable {
    static let schema = "news_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// Markdown.
    @Field(key: "body") var body: String
    @Field(key: "visibility") var visibility: Visibility
    @Field(key: "author_name") var authorName: String
    @Field(key: "published_at") var publishedAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?
    /// A withdrawn item leaves the lists, the home page and the feed; its page says it was withdrawn and why.
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: String?
    @OptionalField(key: "withdrawn_reason") var withdrawnReason: String?

    init() {}

    /// News is public or for members; there is no group news.
    var isPublic: Bool { visibility == .publiek }
}

struct CreateNews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NewsItem.schema)
            .id()
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("visibility", .string, .required)
            .field("author_name", .string, .required)
            .field("published_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema(NewsItem.schema).delete() }
}

struct AddNewsEditing: AsyncMigration {
    static let columns = [
        AddedColumn(table: NewsItem.schema, field: "edited_at", type: .datetime),
        AddedColumn(table: NewsItem.schema, field: "withdrawn_at", type: .datetime),
        AddedColumn(table: NewsItem.schema, field: "withdrawn_by", type: .string),
        AddedColumn(table: NewsItem.schema, field: "withdrawn_reason", type: .string)
    ]

    func prepare(on database: any Database) async throws { try await database.addColumns(Self.columns) }
    func revert(on database: any Database) async throws { try await database.dropColumns(Self.columns) }
}
