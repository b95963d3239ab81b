import Vapor

/// Asking a logged-in user to prove again that it is them (the mayor adopting a measure): bound to the request,
/// because a wrong guess counts towards the account's lockout and ends the session it came from.
enum StepUp {
    /// Re-authentication: the password and an unused TOTP code, both checked now.
    static func verify(_ user: User, password: String, code: String, on req: Request) async throws -> Bool {
        try await Lockout.limitCodeAttempts(user, on: req)
        guard !Lockout.isLocked(user, now: req.application.neig.clock.now()) else { return false }
        guard !password.isEmpty,
            try await AccountService.verifyPassword(password, hash: user.passwordHash, on: req.application),
            let secret = user.totpSecret,
            let counter = SecondFactor.acceptedCounter(
                code: code, secret: secret, usedCounter: user.totpUsedCounter,
                now: req.application.neig.clock.now())
        else {
            // Guessing from inside a session: the lock ends that session as well.
            if try await Lockout.recordFailure(user, on: req), let session = req.currentSession {
                try await session.delete(on: req.db)
            }
            return false
        }
        user.totpUsedCounter = counter
        try await user.save(on: req.db)
        return true
    }
}
