import Fluent
import Foundation
import NEIGCore
import SQLKit

/// Once a day, after seven in the morning (Dutch time), every member with new notifications gets one e-mail listing
/// them. A notification is claimed for the digest by one UPDATE, so it is mailed once even with several servers.
enum NotificationDigest {
    static let hour = 7

    /// Runs the day's digest if it is due and no other process ran it yet; returns the e-mails queued, nil if not run.
    static func runIfDue(now: Date, worker: String, publicURL: String, on db: any Database) async throws -> Int? {
        let local = Calendar.amsterdam.dateComponents([.year, .month, .day, .hour], from: now)
        guard let hour = local.hour, hour >= Self.hour, let year = local.year, let month = local.month,
            let day = local.day
        else { return nil }
        let period = String(format: "%04d-%02d-%02d", year, month, day)
        // Looked up first so that a run already done does not cost a refused insert every minute.
        if try await JobRun.query(on: db).filter(\.$job == "digest").filter(\.$period == period).first() != nil {
            return nil
        }
        guard try await JobRuns.claim("digest", period: period, worker: worker, now: now, on: db) else { return nil }
        return try await send(now: now, publicURL: publicURL, on: db)
    }

    /// Queues one e-mail per member with notifications not yet mailed (created up to `now`).
    static func send(now: Date, publicURL: String, on db: any Database) async throws -> Int {
        let pending = try await MemberNotification.query(on: db).filter(\.$emailedAt == nil).filter(\.$createdAt <= now)
            .all()
        var queued = 0
        for userID in Set(pending.map(\.$user.id)) {
            if try await sendOne(userID, now: now, publicURL: publicURL, on: db) { queued += 1 }
        }
        return queued
    }

    static func sendOne(_ userID: UUID, now: Date, publicURL: String, on db: any Database) async throws -> Bool {
        try await db.transaction { tx in
            let rows = try await tx.sql.raw(
                """
                UPDATE notifications SET emailed_at = \(bind: now)
                WHERE user_id = \(bind: userID) AND emailed_at IS NULL AND created_at <= \(bind: now)
                RETURNING title, link, read_at
                """
            ).all()
            let unread = try rows.filter { try $0.decodeNil(column: "read_at") }
                .map {
                    (try $0.decode(column: "title", as: String.self), try $0.decode(column: "link", as: String.self))
                }
            guard !unread.isEmpty, try await Notifier.wantsDigest(userID, on: tx),
                let user = try await User.find(userID, on: tx), user.isActive
            else { return false }
            let lines = unread.prefix(50).map { "- \($0.0)\n  \(publicURL)\($0.1)" }
            let more = unread.count > 50 ? "\n… en nog \((unread.count - 50).counted(.notification)).\n" : ""
            let body =
                "Beste \(user.name),\n\nNieuw in het netwerk sinds uw vorige overzicht:\n\n"
                + lines.joined(separator: "\n") + "\n" + more
                + "\nAlle notificaties: \(publicURL + SiteURL.notifications.path)\n"
                + "Wat u volgt of dit overzicht uitzetten: \(publicURL + SiteURL.followTopics.path)\n"
            let subject = "neig: \(unread.count.counted(.newNotification))"
            try await OutboxMessage(recipient: user.email, subject: subject, body: body, now: now).create(on: tx)
            return true
        }
    }
}

/// Claims one run of a periodic job: the first process to insert (job, period) does it; the others see the unique key.
enum JobRuns {
    static func claim(_ job: String, period: String, worker: String, now: Date, on db: any Database) async throws
        -> Bool
    {
        let run = JobRun()
        run.job = job
        run.period = period
        run.worker = worker
        run.startedAt = now
        do {
            try await run.create(on: db)
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false
        }
    }
}

extension Calendar {
    static let amsterdam: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = NEIGClock.amsterdam
        return calendar
    }()
}
