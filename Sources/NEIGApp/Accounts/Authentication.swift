import Fluent
import Vapor

/// How the current request proved who it is; CSRF applies to cookie sessions only.
enum AuthenticationMethod: Sendable { case session, bearer }

struct CurrentSessionKey: StorageKey { typealias Value = UserSession }
struct AuthenticationMethodKey: StorageKey { typealias Value = AuthenticationMethod }

extension Request {
    var currentSession: UserSession? { storage[CurrentSessionKey.self] }
    var authenticationMethod: AuthenticationMethod? { storage[AuthenticationMethodKey.self] }
}

enum SessionPolicy {
    static let cookieName = "neig_session"
    static let csrfCookieName = "neig_csrf"
    /// BIO / ASVS 3.3: sessions end after inactivity and after a fixed maximum.
    static let idleTimeout: TimeInterval = 30 * 60
    static let absoluteTimeout: TimeInterval = 12 * 60 * 60
    /// Touching `last_seen_at` on every request would turn every page view into a write.
    static let touchInterval: TimeInterval = 60
}

/// Reads the session cookie, checks both timeouts and logs the user in for this request.
struct SessionAuthenticationMiddleware: AsyncMiddleware {
    let clock: NEIGClock

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[SessionPolicy.cookieName]?.string, !token.isEmpty else {
            return try await next.respond(to: request)
        }
        let now = clock.now()
        var expired = false
        let found = try await UserSession.query(on: request.db)
            .filter(\.$tokenHash == Secrets.hash(token))
            .with(\.$user) { $0.with(\.$organisation) }
            .first()
        if let session = found {
            if now.timeIntervalSince(session.lastSeenAt) > SessionPolicy.idleTimeout
                || now.timeIntervalSince(session.createdAt) > SessionPolicy.absoluteTimeout
                || session.awaitingSecondFactorSince.map({ now.timeIntervalSince($0) > SecondFactor.pendingTimeout })
                    == true
                || !session.user.isActive
            {
                try await session.delete(on: request.db)
                expired = true
            } else if session.isAwaitingSecondFactor {
                // Half logged in: the session carries the form token, but nobody is authenticated yet.
                request.storage[CurrentSessionKey.self] = session
                request.storage[AuthenticationMethodKey.self] = .session
            } else {
                if now.timeIntervalSince(session.lastSeenAt) > SessionPolicy.touchInterval {
                    session.lastSeenAt = now
                    try await session.save(on: request.db)
                }
                request.auth.login(session.user)
                request.storage[CurrentSessionKey.self] = session
                request.storage[AuthenticationMethodKey.self] = .session
                // Pages show the unread count in the header; one indexed count per page view.
                if request.method == .GET, !request.url.path.hasPrefix("/api/"), !request.url.path.hasPrefix("/static/")
                {
                    request.storage[UnreadNotificationsKey.self] = try await Notifier.unreadCount(
                        try session.user.requireID(), on: request.db)
                    // A download (`besluit.docx`, an export, a calendar feed) is not the page the message is for.
                    if request.url.path.split(separator: "/").last?.contains(".") != true {
                        try await request.takeFlash(from: session)
                    }
                }
            }
        } else {
            expired = true
        }
        let response = try await next.respond(to: request)
        if expired, request.currentSession == nil, response.cookies[SessionPolicy.cookieName] == nil {
            response.cookies[SessionPolicy.cookieName] = .expired
        }
        return response
    }
}

/// `Authorization: Bearer <token>` for the API. A wrong token is an error, not an anonymous request.
struct BearerAuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let found = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == Secrets.hash(bearer.token))
                .with(\.$user) { $0.with(\.$organisation) }
                .first()
            guard let token = found, token.user.isActive else {
                throw NEIGError(
                    status: .unauthorized, title: "Niet ingelogd", detail: "Het API-token is ongeldig of ingetrokken.")
            }
            request.auth.login(token.user)
            try await InactiveAccounts.markTokenUse(token, now: request.application.neig.clock.now(), on: request.db)
            request.storage[AuthenticationMethodKey.self] = .bearer
            request.storage[CurrentSessionKey.self] = nil
        }
        return try await next.respond(to: request)
    }
}
