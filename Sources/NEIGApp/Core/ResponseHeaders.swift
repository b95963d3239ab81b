import Vapor

/// Headers that cost nothing and close whole classes of attacks; the last word on every response's headers.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let secure: Bool
    /// The background map's host may serve images, and nothing else.
    var tileOrigin: String?
    /// The address search's Locatieserver may answer the browser's requests.
    var addressSearchOrigin: String?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            (
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:\(tileOrigin.map { " " + $0 } ?? ""); "
                    + "connect-src 'self'\(addressSearchOrigin.map { " " + $0 } ?? ""); style-src 'self'; script-src 'self'; "
                    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY")
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if secure { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000") }
        // The stylesheet is the one thing marked public; everything else a member loads is theirs alone.
        if Self.isPersonal(request), response.headers.first(name: .cacheControl)?.hasPrefix("public") != true {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        Self.dropUnsafeHeaders(response, request: request)
        return response
    }

    /// Pages of a logged-in user and every API answer hold personal or police data: no cache may keep them.
    static func isPersonal(_ request: Request) -> Bool {
        request.user != nil || request.url.path.hasPrefix("/api/")
            || request.headers.cookie?[SessionPolicy.cookieName] != nil
    }

    /// A header value with CR, LF or NUL would end the header and start another (`Set-Cookie` of an attacker's
    /// choice). Every value that reaches a header passes here, whichever code set it; such a header is removed
    /// and the defect logged, so the response stays well-formed.
    static func dropUnsafeHeaders(_ response: Response, request: Request) {
        let unsafe = response.headers.filter { name, value in !isSafe(name) || !isSafe(value) }
        for (name, _) in unsafe {
            response.headers.remove(name: name)
            request.logger.error(
                "header removed: control character in its value",
                metadata: ["header": "\(name.filter { isSafe(String($0)) })"])
        }
        if response.status.code >= 300, response.status.code < 400, !response.headers.contains(name: .location) {
            response.headers.replaceOrAdd(name: .location, value: SiteURL.home.path)
        }
    }

    static func isSafe(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }
}
