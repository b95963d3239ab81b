import Fluent
import Foundation
import NEIGCore
import SQLKit
import Vapor

struct AddLastLogin: AsyncMigration {
    static let columns = [AddedColumn(table: User.schema, field: "last_login_at", type: .datetime)]

    /// Existing accounts take their last login from the audit log, which has recorded every login: without it, every
    /// account older than the period would be suspended the minute after the upgrade.
    func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.addColumns(Self.columns)
            let logins = try await AuditEvent.query(on: tx).filter(\.$action == "login")
                .filter(\.$result == "success").filter(\.$objectType == "user")
                .field(\.$objectID).field(\.$occurredAt).all()
            var last: [UUID: Date] = [:]
            for login in logins {
                guard let id = login.objectID.flatMap(UUID.init(uuidString:)) else { continue }
                last[id] = max(last[id] ?? login.occurredAt, login.occurredAt)
            }
            for (id, moment) in last {
                try await tx.sql.update(User.schema).set("last_login_at", to: SQLBind(moment))
                    .where("id", .equal, SQLBind(id)).run()
            }
        }
    }

    func revert(on database: any Database) async throws { try await database.dropColumns(Self.columns) }
}

/// Accounts that end when the job ends: an account nobody used for `NEIG_INACTIVE_DAYS` days (default 90) is
/// suspended, as if a coordinator had done it, so it can be reinstated the same way. Used means a completed login or
/// an API token call; an account never used counts from its creation. Administrators are left out: the break-glass
/// account must still open when everything else is down, and the access review lists them instead.
enum InactiveAccounts {
    static let defaultDays = 90
    static let actorName = "neig (niet gebruikt)"

    /// `NEIG_INACTIVE_DAYS`: 0 switches the suspension off.
    static func parseDays(_ setting: String?) throws -> Int {
        guard let setting, !setting.trimmingCharacters(in: .whitespaces).isEmpty else { return defaultDays }
        guard let days = try? BoundedNumber.integer(setting, in: 0...3650).get() else {
            throw ConfigurationError("NEIG_INACTIVE_DAYS: a number of days from 0 (off) to 3650")
        }
        return days
    }

    /// Suspends the accounts unused since `days` before `now`, in one statement that checks and changes them, so two
    /// servers running this at once suspend each account once; each one is audited. Returns how many.
    @discardableResult
    static func suspendDue(now: Date, days: Int, on db: any Database) async throws -> Int {
        guard days > 0 else { return 0 }
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        let reason = "Niet gebruikt in \(days) dagen: automatisch geschorst."
        return try await db.transaction { tx in
            let rows = try await tx.sql.raw(
                """
                UPDATE \(ident: User.schema) SET status = \(bind: AccountStatus.suspended.rawValue),
                suspension_reason = \(bind: reason), suspended_by = \(bind: actorName), suspended_at = \(bind: now)
                WHERE (status IS NULL OR status = \(bind: AccountStatus.active.rawValue))
                AND role <> \(bind: Role.admin.rawValue)
                AND COALESCE(last_login_at, created_at) < \(bind: cutoff)
                AND NOT EXISTS (SELECT 1 FROM \(ident: APIToken.schema) t
                    WHERE t.user_id = \(ident: User.schema).id AND t.last_used_at >= \(bind: cutoff))
                RETURNING id
                """
            ).all()
            let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
            guard !ids.isEmpty else { return 0 }
            try await UserSession.query(on: tx).filter(\.$user.$id ~~ ids).delete()
            for id in ids {
                try await Audit.record(
                    "user.suspend", object: "user", id: id.uuidString.lowercased(),
                    detail: "reason=unused days=\(days)", actor: "system:inactive-accounts", at: now, on: tx)
            }
            return ids.count
        }
    }

    /// Marks a completed login; API calls are marked at most once an hour per token, so reading costs no write.
    static func markLogin(_ user: User, now: Date, on db: any Database) async throws {
        user.lastLoginAt = now
        try await db.sql.update(User.schema).set("last_login_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(try user.requireID())).run()
    }

    static func markTokenUse(_ token: APIToken, now: Date, on db: any Database) async throws {
        if let last = token.lastUsedAt, now.timeIntervalSince(last) < 3_600 { return }
        try await db.sql.update(APIToken.schema).set("last_used_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(try token.requireID())).run()
    }
}
