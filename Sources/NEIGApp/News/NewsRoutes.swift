import Fluent
import NEIGCore
import NEIGFormats
import Vapor

/// Actuele informatie: coordinators publish, members read all, everyone reads the public items and the Atom feed.
enum NewsRoutes {
    static func registerPublic(_ routes: any RoutesBuilder) {
        routes.get(.news, use: list)
        routes.get(.newsFeed, use: feed)
        routes.get(.newsItem(id: .key), use: show)
    }

    static func registerMembers(_ routes: any RoutesBuilder) {
        routes.get(.newNewsItem, use: newForm)
        routes.post(.news, use: create)
        routes.get(.newsItem(id: .key, .bewerken), use: editForm)
        routes.post(.newsItem(id: .key, .bewerken), use: update)
        routes.post(.newsItem(id: .key, .intrekken), use: withdraw)
    }

    /// The newest items this visitor may read.
    static func latest(for user: User?, limit: Int, on db: any Database) async throws -> [NewsItem] {
        var query = NewsItem.query(on: db)
        if user == nil { query = query.filter(\.$visibility == Visibility.publiek) }
        query = query.filter(\.$withdrawnAt == nil)
        return try await query.sort(\.$publishedAt, .descending).limit(limit).all()
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        HTMLPage(
            document: NewsListView(
                context: req.pageContext, items: try await latest(for: req.user, limit: 50, on: req.db),
                canWrite: req.user?.role == .coordinator
            ).document)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        guard let id = req.parameters.get("id", as: UUID.self), let item = try await NewsItem.find(id, on: req.db),
            item.isPublic || req.user != nil
        else { throw NEIGError.notFound() }
        return HTMLPage(
            document: NewsItemView(context: req.pageContext, item: item, canEdit: req.user?.role == .coordinator)
                .document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        _ = try req.requireUser()
        return HTMLPage(
            document: NewsFormView(
                context: req.pageContext, values: ["zichtbaarheid": Visibility.leden.rawValue], errors: []
            ).document)
    }

    struct NewsForm: Content {
        var titel: String?
        var samenvatting: String?
        var tekst: String?
        var zichtbaarheid: String?

        var values: [String: String] {
            ["titel": titel, "samenvatting": samenvatting, "tekst": tekst, "zichtbaarheid": zichtbaarheid]
                .compactMapValues { $0 }
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(NewsForm.self)
        switch NewsService.validate(
            title: form.titel, summary: form.samenvatting, body: form.tekst, visibility: form.zichtbaarheid)
        {
        case .invalid(let errors):
            return try await HTMLPage(
                document: NewsFormView(context: req.pageContext, values: form.values, errors: errors).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        case .valid(let draft):
            let item = try await NewsService.publish(draft, by: user, context: req.context)
            return try await req.redirect(
                to: SiteURL.newsItem(id: try item.requireID()).path,
                saying: draft.visibility == .publiek
                    ? "Het bericht is gepubliceerd, ook in de Atom-feed. U kunt het wijzigen of intrekken."
                    : "Het bericht is gepubliceerd voor de leden. U kunt het wijzigen of intrekken.")
        }
    }

    static func find(_ req: Request) async throws -> NewsItem {
        guard let id = req.parameters.get("id", as: UUID.self), let item = try await NewsItem.find(id, on: req.db)
        else { throw NEIGError.notFound() }
        return item
    }

    static func editForm(_ req: Request) async throws -> HTMLPage {
        let item = try await find(req)
        let values = [
            "titel": item.title, "samenvatting": item.summary, "tekst": item.body,
            "zichtbaarheid": item.visibility.rawValue
        ]
        return HTMLPage(
            document: NewsFormView(context: req.pageContext, values: values, errors: [], editing: item.id).document)
    }

    static func update(_ req: Request) async throws -> Response {
        let item = try await find(req)
        guard item.withdrawnAt == nil else {
            throw NEIGError.unprocessable("Dit bericht is ingetrokken en kan niet meer worden gewijzigd.", items: [])
        }
        let form = try req.content.decode(NewsForm.self)
        switch NewsService.validate(
            title: form.titel, summary: form.samenvatting, body: form.tekst, visibility: form.zichtbaarheid)
        {
        case .invalid(let errors):
            return try await HTMLPage(
                document: NewsFormView(context: req.pageContext, values: form.values, errors: errors, editing: item.id)
                    .document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        case .valid(let draft):
            try await NewsService.update(item, with: draft, context: req.context)
            return try await req.redirect(
                to: SiteURL.newsItem(id: try item.requireID()).path, saying: "De wijziging is gepubliceerd.")
        }
    }

    struct WithdrawForm: Content { var reden: String? }

    static func withdraw(_ req: Request) async throws -> Response {
        let item = try await find(req)
        let reason = try req.content.decode(WithdrawForm.self).reden
        guard item.withdrawnAt == nil else {
            throw NEIGError.unprocessable("Dit bericht is al ingetrokken.", items: [])
        }
        guard try await NewsService.withdraw(item, reason: reason, context: req.context) else {
            throw NEIGError.unprocessable(
                "Schrijf waarom het bericht wordt ingetrokken (5 tot 1.000 tekens). Er is niets gewijzigd.",
                items: [.init(column: "reden", reason: "verplicht bij intrekken")])
        }
        return try await req.redirect(
            to: SiteURL.news.path, saying: "Het bericht is ingetrokken en staat niet meer in de lijst en de feed.")
    }

    /// Public items only: a feed reader does not log in.
    static func feed(_ req: Request) async throws -> Response {
        let base = req.application.neig.publicURL
        let items = try await latest(for: nil, limit: 30, on: req.db)
        let feed = AtomFeed(
            id: base + SiteURL.news.path, title: "neig — actuele informatie", link: base + SiteURL.news.path,
            selfLink: base + SiteURL.newsFeed.path,
            entries: items.map { item in
                let id = item.id!.uuidString.lowercased()
                return AtomFeed.Entry(
                    id: "urn:uuid:\(id)", title: item.title, link: base + SiteURL.newsItem(id: item.id!).path,
                    updated: item.editedAt ?? item.publishedAt,
                    author: item.authorName, summary: item.summary)
            })
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: feed.xml))
    }
}
