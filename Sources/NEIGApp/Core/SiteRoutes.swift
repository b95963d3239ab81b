import Vapor

extension SiteURL {
    /// The path without query or fragment, as a route is registered: `/zaken/:id/fase`.
    var pattern: String {
        String(path.prefix { $0 != "?" && $0 != "#" })
    }

    var pathComponents: [PathComponent] {
        pattern.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }
}

/// Routes are registered from `SiteURL` only, so a route and its links cannot drift apart.
extension RoutesBuilder {
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ url: SiteURL, body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(method, url.pathComponents, body: body, use: handler)
    }

    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.GET, url, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.POST, url, use: handler)
    }

    @discardableResult
    func delete<Response: AsyncResponseEncodable>(
        _ url: SiteURL, use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.DELETE, url, use: handler)
    }
}
