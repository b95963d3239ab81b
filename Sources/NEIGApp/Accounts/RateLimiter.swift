import Fluent
import Foundation
import SQLKit
import Vapor

/// Fixed-window request counting in the database, so the limits hold across every app instance behind
/// the load balancer (ASVS 2.2.1 for logins, 11.1.4 for the API).
enum RateLimiter {
    static let table = "rate_limit_windows"

    struct Limit: Sendable {
        let name: String
        let maximum: Int
        let window: TimeInterval
    }

    /// `NEIG_LOGIN_RATE_LIMIT_PER_MINUTE` lets a load test open many sessions from one loopback address.
    static let loginPerIP = Limit(
        name: "login-ip",
        maximum: ProcessInfo.processInfo.environment["NEIG_LOGIN_RATE_LIMIT_PER_MINUTE"].flatMap(Int.init) ?? 20,
        window: 60)
    /// `NEIG_API_RATE_LIMIT_PER_MINUTE` raises both API limits for load tests and fuzzing on loopback.
    static let apiPerAccount = Limit(name: "api-account", maximum: configuredAPILimit ?? 600, window: 60)
    static let apiPerIP = Limit(name: "api-ip", maximum: (configuredAPILimit ?? 600) * 2, window: 60)
    static let configuredAPILimit = ProcessInfo.processInfo.environment["NEIG_API_RATE_LIMIT_PER_MINUTE"].flatMap(
        Int.init)

    /// Counts one hit and tells whether it is over the limit.
    static func hit(_ limit: Limit, subject: String, now: Date, on db: any Database) async throws -> Bool {
        let window = Int(now.timeIntervalSince1970 / limit.window)
        let key = "\(limit.name)|\(subject)|\(window)"
        let row = try await db.sql.insert(into: table)
            .columns("key", "hits", "expires_at")
            .values(SQLBind(key), SQLBind(1), SQLBind(Double(window + 2) * limit.window))
            .onConflict(with: ["key"]) { $0.set("hits", to: SQLRaw("\(table).hits + 1")) }
            .returning("hits")
            .first()
        return (try row?.decode(column: "hits", as: Int.self) ?? 0) > limit.maximum
    }

    /// Old windows are worthless; removing them now and then keeps the table small.
    static func prune(now: Date, on db: any Database) async throws {
        try await db.sql.delete(from: table).where("expires_at", .lessThan, now.timeIntervalSince1970).run()
    }
}

struct CreateRateLimitWindows: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RateLimiter.table)
            .field("key", .string, .identifier(auto: false))
            .field("hits", .int, .required)
            .field("expires_at", .double, .required)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema(RateLimiter.table).delete() }
}

/// Applies `limits` to every request behind it; answers 429 with Retry-After when one is exceeded.
struct RateLimitMiddleware: AsyncMiddleware {
    let perIP: RateLimiter.Limit
    let perAccount: RateLimiter.Limit?
    /// Method names (HTTPMethod is not Hashable); nil means every method.
    let onlyMethods: Set<String>?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let onlyMethods, !onlyMethods.contains(request.method.rawValue) {
            return try await next.respond(to: request)
        }
        let now = request.application.neig.clock.now()
        let ip = request.remoteAddress?.ipAddress ?? "unknown"
        var exceeded = try await RateLimiter.hit(perIP, subject: ip, now: now, on: request.db)
        if !exceeded, let perAccount, let id = request.user?.id {
            exceeded = try await RateLimiter.hit(perAccount, subject: id.uuidString, now: now, on: request.db)
        }
        if Int.random(in: 0..<500) == 0 { try? await RateLimiter.prune(now: now, on: request.db) }
        guard !exceeded else {
            request.logger.warning(
                "rate limit exceeded", metadata: ["limit": "\(perIP.name)", "path": "\(request.url.path)"])
            var error = NEIGError(
                status: .tooManyRequests, title: "Te veel verzoeken",
                detail: "U heeft te veel verzoeken gedaan. Probeer het over een minuut opnieuw.")
            error.retryAfter = Int(perIP.window)
            throw error
        }
        return try await next.respond(to: request)
    }
}
