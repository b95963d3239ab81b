import Fluent
import NEIGCore
import Vapor

/// `/admin/audit`: the audit log for administrators, newest first, filterable, with the chain's state.
enum AuditRoutes {
    static let pageSize = 100

    static func register(_ routes: any RoutesBuilder) {
        routes.get(.audit, use: page)
    }

    struct Filters {
        var action: String
        var actor: String
        var result: String
        var page: Int
    }

    static func page(_ req: Request) async throws -> HTMLPage {
        let filters = Filters(
            action: (req.query[String.self, at: "actie"] ?? "").trimmingCharacters(in: .whitespaces),
            actor: (req.query[String.self, at: "actor"] ?? "").trimmingCharacters(in: .whitespaces),
            result: req.query[String.self, at: "resultaat"] ?? "",
            page: try req.queryPage())
        var query = AuditEvent.query(on: req.db)
        if !filters.action.isEmpty { query = query.filter(\.$action ~~ filters.action) }
        if !filters.actor.isEmpty { query = query.filter(\.$actor ~~ filters.actor) }
        if ["success", "denied", "rejected"].contains(filters.result) {
            query = query.filter(\.$result == filters.result)
        }
        let events = try await query.sort(\.$occurredAt, .descending).sort(\.$sequence, .descending)
            .range(
                PageWindow.range(page: filters.page, size: pageSize)
                    .lowerBound..<(PageWindow.range(page: filters.page, size: pageSize).upperBound + 1)
            ).all()
        let verification = try await AuditChain.verify(on: req.db)
        try await req.audit("audit.view", object: "audit_log", detail: "page=\(filters.page)")
        return HTMLPage(
            document: AuditView(
                context: req.pageContext, filters: filters, events: Array(events.prefix(pageSize)),
                hasMore: events.count > pageSize, verification: verification
            ).document)
    }
}
