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
    }

    /// The newest items this visitor may read.
    static func latest(for user: User?, limit: Int, on db: any Database) async throws -> [NewsItem] {
        var query = NewsItem.query(on: db)
        if user == nil { query = query.filter(\.$visibility == Visibility.publiek) }
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
        return HTMLPage(document: NewsItemView(context: req.pageContext, item: item).document)
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
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(NewsForm.self)
        var errors: [FormViews.FieldError] = []
        let title = (form.titel ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 {
            errors.append(.init(field: "titel", message: "Geef een titel van hoogstens 200 tekens."))
        }
        let summary = (form.samenvatting ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty || summary.count > 600 {
            errors.append(.init(field: "samenvatting", message: "Vat het bericht samen in 1 tot 600 tekens."))
        }
        let body = (form.tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.count > 50_000 {
            errors.append(.init(field: "tekst", message: "De tekst is langer dan 50.000 tekens."))
        }
        let visibility = Visibility(rawValue: form.zichtbaarheid ?? "")
        if visibility == nil || visibility == .groep {
            errors.append(.init(field: "zichtbaarheid", message: "Kies openbaar of alleen leden."))
        }
        guard errors.isEmpty, let visibility else {
            let values = [
                "titel": form.titel, "samenvatting": form.samenvatting, "tekst": form.tekst,
                "zichtbaarheid": form.zichtbaarheid
            ].compactMapValues { $0 }
            return try await HTMLPage(
                document: NewsFormView(context: req.pageContext, values: values, errors: errors).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        let item = try await NewsService.publish(
            title: title, summary: summary, body: body, visibility: visibility, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.newsItem(id: try item.requireID()).path, saying: "Het bericht is gepubliceerd.")
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
                    updated: item.publishedAt,
                    author: item.authorName, summary: item.summary)
            })
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: feed.xml))
    }
}
