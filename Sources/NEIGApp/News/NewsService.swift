import Fluent
import NEIGCore
import Vapor

/// Network news as coordinators publish it.
enum NewsService {
    static func publish(
        title: String, summary: String, body: String, visibility: Visibility, by user: User,
        context: ServiceContext
    ) async throws -> NewsItem {
        let item = NewsItem()
        item.title = title
        item.summary = summary
        item.body = body
        item.visibility = visibility
        item.authorName = user.name
        item.publishedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await item.create(on: tx)
            try await context.audit(
                "news.publish", object: "news", id: item.id?.uuidString.lowercased(),
                detail: "visibility=\(visibility.rawValue)", on: tx)
        }
        return item
    }
}
