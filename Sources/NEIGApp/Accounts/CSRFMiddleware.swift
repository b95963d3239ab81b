import Vapor

/// Synchroniser-token CSRF protection (OWASP): every state-changing request made with a session cookie
/// carries the session's token in the form field `csrf` or the `X-CSRF-Token` header. Before login
/// (the login form itself) the token is a double-submit cookie.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "csrf"
    /// The body is read here, before the route, so this is also the upload limit of the routes behind it.
    let maximumBodySize: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method), request.authenticationMethod != .bearer else {
            return try await next.respond(to: request)
        }
        _ = try await request.body.collect(max: maximumBodySize).get()
        let submitted =
            request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.get(String.self, at: Self.fieldName))
        let expected = request.currentSession?.csrfToken ?? request.cookies[SessionPolicy.csrfCookieName]?.string
        guard let submitted, let expected, !expected.isEmpty, Secrets.constantTimeEquals(submitted, expected) else {
            throw NEIGError(
                status: .forbidden, title: "Formulier verlopen",
                detail:
                    "Het formulier kon niet worden gecontroleerd (CSRF). Laad de pagina opnieuw en probeer het nog eens."
            )
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The token to put in forms: the session's, or a fresh double-submit cookie value for visitors.
    var csrfToken: String {
        if let session = currentSession { return session.csrfToken }
        if let existing = storage[PendingCSRFCookieKey.self] { return existing }
        if let cookie = cookies[SessionPolicy.csrfCookieName]?.string, !cookie.isEmpty { return cookie }
        let token = Secrets.randomToken()
        storage[PendingCSRFCookieKey.self] = token
        return token
    }
}

struct PendingCSRFCookieKey: StorageKey { typealias Value = String }

/// Sets the double-submit cookie when a page handed out a new visitor token.
struct CSRFCookieMiddleware: AsyncMiddleware {
    let secure: Bool
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if let token = request.storage[PendingCSRFCookieKey.self] {
            response.cookies[SessionPolicy.csrfCookieName] = HTTPCookies.Value(
                string: token, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }
}
