import Vapor

/// Paths that were renamed so that every page is called what the menu calls it. Bookmarks, e-mailed links and
/// subscribed calendar feeds still use the old names, so a GET or HEAD to an old path answers
/// 301 with the same rest of the path and the same query.
struct MovedPathsMiddleware: AsyncMiddleware {
    /// Old first path segment → new one.
    static let moved: [String: String] = [
        "meldingen": "waarschuwingen",
        "risicogebieden": "waarschuwingen",
        "bibliotheek": "kennisbank",
        "evenementen": "bijeenkomsten"
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD, let target = Self.newLocation(of: request.url)
        else { return try await next.respond(to: request) }
        return request.redirect(to: target, redirectType: .permanent)
    }

    /// The new path and query for an old one, or nil when the path was not renamed.
    static func newLocation(of url: URI) -> String? {
        let path = url.path
        guard path.hasPrefix("/") else { return nil }
        let rest = path.dropFirst()
        let first = rest.prefix { $0 != "/" }
        guard let renamed = moved[String(first)] else { return nil }
        let location = "/" + renamed + rest.dropFirst(first.count)
        return url.query.map { location + "?" + $0 } ?? location
    }
}
