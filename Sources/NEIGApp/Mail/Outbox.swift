import Fluent
import NIOCore
import SQLKit
import Vapor

/// The e-mail outbox in the database. Several `neig serve` processes may work it at once: a message is
/// claimed by one atomic UPDATE (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, on SQLite under its single
/// writer lock), so it is sent by exactly one of them.
enum Outbox {
    static let maximumAttempts = 5
    static let leaseDuration: TimeInterval = 10 * 60

    /// Claims the oldest message that is due, or returns nil.
    static func claim(worker: String, now: Date, on database: any Database) async throws -> OutboxMessage? {
        guard let sql = database as? any SQLDatabase else {
            throw ConfigurationError("the database does not speak SQL")
        }
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        // A claim is a lease: a process that dies while sending leaves the message to be claimed again later.
        let leaseUntil = now.addingTimeInterval(leaseDuration)
        let row = try await sql.raw(
            """
            UPDATE outbox SET status = 'sending', claimed_by = \(bind: worker), attempts = attempts + 1, available_at = \(bind: leaseUntil)
            WHERE id = (SELECT id FROM outbox WHERE status IN ('pending', 'sending') AND available_at <= \(bind: now)
                        ORDER BY created_at LIMIT 1 \(lock))
              AND status IN ('pending', 'sending') AND available_at <= \(bind: now)
            RETURNING id
            """
        ).first()
        guard let id = try row?.decode(column: "id", as: UUID.self) else { return nil }
        return try await OutboxMessage.find(id, on: database)
    }

    static func markSent(_ message: OutboxMessage, now: Date, on database: any Database) async throws {
        message.status = .sent
        message.sentAt = now
        message.lastError = nil
        try await message.save(on: database)
    }

    /// Back to the queue with an exponential pause (1, 2, 4, 8 minutes), or `failed` after the last attempt.
    static func markFailed(_ message: OutboxMessage, error: String, now: Date, on database: any Database) async throws {
        message.lastError = String(error.prefix(500))
        if message.attempts >= maximumAttempts {
            message.status = .failed
        } else {
            message.status = .pending
            message.availableAt = now.addingTimeInterval(60 * pow(2, Double(message.attempts - 1)))
        }
        try await message.save(on: database)
    }

    /// Sends what is due until the outbox is empty; returns how many were sent.
    @discardableResult
    static func deliverDue(worker: String, mailer: any Mailer, app: Application) async throws -> Int {
        var sent = 0
        while let message = try await claim(worker: worker, now: app.neig.clock.now(), on: app.db) {
            do {
                try await mailer.send(to: message.recipient, subject: message.subject, body: message.body)
                try await markSent(message, now: app.neig.clock.now(), on: app.db)
                sent += 1
            } catch {
                app.logger.warning("e-mail to outbox message \(message.id?.uuidString ?? "?") failed: \(error)")
                try await markFailed(message, error: String(describing: error), now: app.neig.clock.now(), on: app.db)
            }
        }
        return sent
    }
}

protocol Mailer: Sendable {
    func send(to recipient: String, subject: String, body: String) async throws
}

/// Works the outbox every few seconds for as long as the server runs.
struct OutboxWorker: LifecycleHandler {
    let mailer: any Mailer
    let interval: TimeAmount

    func didBootAsync(_ application: Application) async throws {
        let worker = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        let mailer = self.mailer
        application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(1), delay: interval) { _ in
            application.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await Outbox.deliverDue(worker: worker, mailer: mailer, app: application)
                } catch {
                    application.logger.error("outbox: \(String(reflecting: error))")
                }
            }
        }
    }
}
