import Fluent
import Foundation
import SQLKit

/// The reminder e-mail a day before an event. An event is claimed by one UPDATE in the same transaction that queues
/// its e-mails, so the attendees get one reminder however many servers run the job.
enum EventReminders {
    static let ahead: TimeInterval = 24 * 3600

    @discardableResult
    static func sendDue(now: Date, publicURL: String, on db: any Database) async throws -> Int {
        let due = try await NetworkEvent.query(on: db).filter(\.$reminderSentAt == nil).filter(\.$startsAt > now)
            .filter(\.$startsAt <= now.addingTimeInterval(ahead)).all()
        var queued = 0
        for event in due { queued += try await remind(event, now: now, publicURL: publicURL, on: db) }
        return queued
    }

    static func remind(_ event: NetworkEvent, now: Date, publicURL: String, on db: any Database) async throws -> Int {
        let eventID = try event.requireID()
        return try await db.transaction { tx in
            let claimed = try await tx.sql.raw(
                """
                UPDATE events SET reminder_sent_at = \(bind: now) WHERE id = \(bind: eventID) AND reminder_sent_at IS NULL RETURNING id
                """
            ).all()
            guard !claimed.isEmpty else { return 0 }
            let attendees = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                .filter(\.$status == EventRegistration.Status.registered).all().map(\.$user.id)
            let users =
                attendees.isEmpty
                ? [] : try await User.query(on: tx).filter(\.$id ~~ attendees).all().filter(\.isActive)
            let link = publicURL + SiteURL.event(id: eventID).path
            for user in users {
                let place = event.location ?? event.onlineURL.map { "online: \($0)" } ?? "online"
                let body =
                    "Beste \(user.name),\n\nMorgen is \(event.title).\n\nWanneer: \(EventParts.dateTime.string(from: event.startsAt))\n"
                    + "Waar: \(place)\n\n\(link)\nIn uw agenda: \(publicURL + SiteURL.event(id: eventID, .calendar).path)\n\nKunt u niet? Meld u dan af, zodat iemand van de wachtlijst uw plaats krijgt.\n"
                try await OutboxMessage(
                    recipient: user.email, subject: "Herinnering: \(event.title)", body: body, now: now
                ).create(on: tx)
            }
            try await Audit.record(
                "event.remind", object: "event", id: eventID.uuidString.lowercased(),
                detail: "recipients=\(users.count)",
                actor: "system", at: now, on: tx)
            return users.count
        }
    }
}
