import Fluent
import SQLKit
import Vapor

/// One lockout per account, whatever the way in: a wrong password, a wrong TOTP or recovery code at the second
/// step, when renewing recovery codes or when a mayor confirms a decision. At the limit the account is locked
/// for every session (second-step sessions opened before the lock are ended), and its owner is told by e-mail,
/// because the login page says the same for every failure and so does not tell anyone which accounts exist.
enum Lockout {
    /// ASVS 2.2.1: after this many failed attempts the account is locked for `duration`.
    static let maximumFailures = 5
    static let duration: TimeInterval = 15 * 60
    /// Code attempts per account per minute at any one place that takes a code, before the lockout counts.
    static let codesPerMinute = RateLimiter.Limit(name: "code-account", maximum: 10, window: 60)

    static func isLocked(_ user: User, now: Date) -> Bool {
        user.lockedUntil.map { $0 > now } ?? false
    }

    /// Counts one failure; returns true when this one locked the account.
    @discardableResult
    static func recordFailure(_ user: User, on req: Request) async throws -> Bool {
        let now = req.application.neig.clock.now()
        let userID = try user.requireID()
        // Counted in the database, not on the row this request loaded: parallel guesses during the slow password
        // hash would otherwise all write back the same count + 1. Only the request that reaches the limit locks.
        struct Count: Decodable { let failed_logins: Int }
        let counted =
            try await req.db.sql.raw(
                """
                UPDATE users SET failed_logins = failed_logins + 1 WHERE id = \(bind: userID) RETURNING failed_logins
                """
            ).first(decoding: Count.self)?.failed_logins ?? 0
        user.failedLogins = counted
        guard counted >= maximumFailures else { return false }
        let locking = try await req.db.sql.raw(
            """
            UPDATE users SET failed_logins = 0, locked_until = \(bind: now.addingTimeInterval(duration))
            WHERE id = \(bind: userID) AND failed_logins >= \(bind: maximumFailures) RETURNING failed_logins
            """
        ).first(decoding: Count.self)
        user.failedLogins = 0
        user.lockedUntil = now.addingTimeInterval(duration)
        guard locking != nil else { return true }
        try await req.db.transaction { tx in
            try await UserSession.query(on: tx).filter(\.$user.$id == userID).filter(
                \.$awaitingSecondFactorSince != nil
            ).delete()
            try await OutboxMessage(
                recipient: user.email, subject: "Uw neig-account is tijdelijk geblokkeerd",
                body:
                    "Beste \(user.name),\n\nNa \(maximumFailures) mislukte pogingen om in te loggen of een code in te voeren is uw "
                    + "account 15 minuten geblokkeerd. Was u dit niet, wijzig dan uw wachtwoord en meld het bij de beheerder.\n",
                now: now
            ).create(on: tx)
            try await req.audit(
                "account.lock", object: "user", id: userID.uuidString.lowercased(), result: "denied",
                detail: "after \(maximumFailures) failures", on: tx)
        }
        return true
    }

    static func reset(_ user: User) {
        user.failedLogins = 0
        user.lockedUntil = nil
    }

    /// Refuses (429) when this account has tried too many codes this minute, from any session or address.
    static func limitCodeAttempts(_ user: User, on req: Request) async throws {
        let over = try await RateLimiter.hit(
            codesPerMinute, subject: try user.requireID().uuidString, now: req.application.neig.clock.now(), on: req.db)
        guard over else { return }
        var error = NEIGError(
            status: .tooManyRequests, title: "Te veel pogingen",
            detail: "U heeft te vaak een code ingevoerd. Probeer het over een minuut opnieuw.")
        error.retryAfter = Int(codesPerMinute.window)
        throw error
    }
}

extension Lockout {
    /// After a lock from inside a logged-in session: that session ends and the browser goes to the login page.
    static func endSession(_ req: Request) async throws -> Response {
        if let session = req.currentSession { try await session.delete(on: req.db) }
        req.auth.logout(User.self)
        let response = req.redirect(to: SiteURL.login.path, redirectType: .normal)
        response.cookies[SessionPolicy.cookieName] = .expired
        return response
    }
}
