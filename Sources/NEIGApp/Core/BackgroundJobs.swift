import Foundation
import NIOCore
import Vapor

/// The periodic work of `neig serve`: event reminders, the daily notification digest and the suspension of unused
/// accounts. Each job claims its work in the database, so any number of servers can run this at once.
struct PeriodicJobs: LifecycleHandler {
    let interval: TimeAmount

    static func runOnce(_ app: Application, worker: String) async throws -> (reminders: Int, digests: Int?) {
        let now = app.neig.clock.now()
        let reminders = try await EventReminders.sendDue(now: now, publicURL: app.neig.publicURL, on: app.db)
        let digests = try await NotificationDigest.runIfDue(
            now: now, worker: worker, publicURL: app.neig.publicURL, on: app.db)
        try await InactiveAccounts.suspendDue(now: now, days: app.neig.inactiveDays, on: app.db)
        return (reminders, digests)
    }

    func didBootAsync(_ application: Application) async throws {
        let worker = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        application.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(5), delay: interval) { _ in
            application.eventLoopGroup.next().makeFutureWithTask {
                do {
                    _ = try await Self.runOnce(application, worker: worker)
                } catch {
                    application.logger.error("periodic jobs: \(String(reflecting: error))")
                }
            }
        }
    }
}

/// Starts the periodic jobs of `neig serve`, and the outbox worker when SMTP is configured.
public func startBackgroundJobs(_ app: Application) {
    app.lifecycle.use(PeriodicJobs(interval: .seconds(60)))
    guard let mail = app.neig.mail else {
        app.logger.notice("NEIG_SMTP_HOST is not set: e-mail waits in the outbox until it is")
        return
    }
    app.logger.notice("e-mail via \(mail.host):\(mail.port) (TLS: \(mail.security.rawValue)) from \(mail.from)")
    app.lifecycle.use(
        OutboxWorker(mailer: SMTPMailer(settings: mail, group: app.eventLoopGroup), interval: .seconds(5)))
}
