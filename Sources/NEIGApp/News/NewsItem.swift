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
