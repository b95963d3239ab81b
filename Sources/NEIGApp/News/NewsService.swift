import Fluent
import NEIGCore
import Vapor

/// Network news as coordinators publish, correct and withdraw it.
enum NewsService {
    struct Draft {
        let title: String
        let summary: String
        let body: String
        let visibility: Visibility
    }

    static func validate(title: String?, summary: String?, body: String?, visibility: String?) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let title = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 {
            errors.append(.init(field: "titel", message: "Geef een titel van hoogstens 200 tekens."))
        }
        let summary = (summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty || summary.count > 600 {
            errors.append(.init(field: "samenvatting", message: "Vat het bericht samen in 1 tot 600 tekens."))
        }
        let body = (body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.count > 50_000 {
            errors.append(.init(field: "tekst", message: "De tekst is langer dan 50.000 tekens."))
        }
        let visibility = Visibility(rawValue: visibility ?? "")
        if visibility == nil || visibility == .groep {
            errors.append(.init(field: "zichtbaarheid", message: "Kies openbaar of alleen leden."))
        }
        guard errors.isEmpty, let visibility else { return .invalid(errors) }
        return .valid(Draft(title: title, summary: summary, body: body, visibility: visibility))
    }

    static func publish(_ draft: Draft, by user: User, context: ServiceContext) async throws -> NewsItem {
        let item = NewsItem()
        item.apply(draft)
        item.authorName = user.name
        item.publishedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await item.create(on: tx)
            try await context.audit(
                "news.publish", object: "news", id: item.id?.uuidString.lowercased(),
                detail: "visibility=\(draft.visibility.rawValue)", on: tx)
        }
        return item
    }

    static func update(_ item: NewsItem, with draft: Draft, context: ServiceContext) async throws {
        item.apply(draft)
        item.editedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await item.save(on: tx)
            try await context.audit(
                "news.update", object: "news", id: item.id?.uuidString.lowercased(),
                detail: "visibility=\(draft.visibility.rawValue)", on: tx)
        }
    }

    /// Takes an item off the lists and the feed; the reason is required, so readers who follow a link learn why.
    static func withdraw(_ item: NewsItem, reason: String?, context: ServiceContext) async throws -> Bool {
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard item.withdrawnAt == nil, (5...1000).contains(reason.count) else { return false }
        item.withdrawnAt = context.clock.now()
        item.withdrawnBy = context.user?.name
        item.withdrawnReason = reason
        try await context.db.transaction { tx in
            try await item.save(on: tx)
            try await context.audit("news.withdraw", object: "news", id: item.id?.uuidString.lowercased(), on: tx)
        }
        return true
    }
}

extension NewsItem {
    func apply(_ draft: NewsService.Draft) {
        title = draft.title
        summary = draft.summary
        body = draft.body
        visibility = draft.visibility
    }
}
