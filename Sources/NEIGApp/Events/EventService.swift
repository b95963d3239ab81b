import Fluent
import Foundation
import NEIGCore
import SQLKit
import Vapor

/// Registration with a waiting list that never overbooks, also when many register at once: each change runs in a
/// transaction that first locks the event (PostgreSQL `FOR UPDATE`); SQLite lets one writer in at a time and a
/// transaction that read a stale count is refused and retried.
enum EventService {
    /// A moment of a day in Amsterdam time, as organisers enter it.
    static func amsterdam(_ date: CivilDate, _ time: TimeOfDay) -> Date? {
        Calendar.amsterdam.date(
            from: DateComponents(
                year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute))
    }

    static func find(_ id: UUID?, on db: any Database) async throws -> NetworkEvent {
        guard let id, let event = try await NetworkEvent.find(id, on: db) else { throw NEIGError.notFound() }
        return event
    }

    static func register(eventID: UUID, user: User, on db: any Database, now: Date) async throws
        -> EventRegistration.Status
    {
        try await retryingBusy {
            try await db.transaction { tx in
                let event = try await lock(eventID, on: tx)
                let userID = try user.requireID()
                let existing = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID).filter(
                    \.$user.$id == userID
                ).first()
                if let existing, existing.status != .cancelled { return existing.status }
                let registered = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                    .filter(\.$status == EventRegistration.Status.registered).count()
                let status: EventRegistration.Status = registered < event.capacity ? .registered : .waitlisted
                let registration = existing ?? EventRegistration()
                registration.$event.id = eventID
                registration.$user.id = userID
                registration.userName = user.name
                registration.status = status
                registration.createdAt = now
                try await registration.save(on: tx)
                try await Audit.record(
                    "event.register", object: "event", id: eventID.uuidString.lowercased(),
                    detail: "status=\(status.rawValue)",
                    actor: user.email, at: now, on: tx, origin: "web")
                return status
            }
        }
    }

    /// Cancels; a freed place goes to the first on the waiting list, who is told by e-mail.
    static func cancel(eventID: UUID, user: User, on db: any Database, now: Date, publicURL: String) async throws {
        try await retryingBusy {
            try await db.transaction { tx in
                let event = try await lock(eventID, on: tx)
                guard
                    let registration = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                        .filter(\.$user.$id == (try user.requireID())).first(), registration.status != .cancelled
                else { return }
                let freed = registration.status == .registered
                registration.status = EventRegistration.Status.cancelled
                try await registration.save(on: tx)
                try await Audit.record(
                    "event.cancel", object: "event", id: eventID.uuidString.lowercased(), actor: user.email, at: now,
                    on: tx, origin: "web")
                guard freed,
                    let next = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                        .filter(\.$status == EventRegistration.Status.waitlisted).sort(\.$createdAt).sort(\.$id).first()
                else { return }
                next.status = EventRegistration.Status.registered
                try await next.save(on: tx)
                if let promoted = try await User.find(next.$user.id, on: tx) {
                    try await OutboxMessage(
                        recipient: promoted.email, subject: "Er is een plaats voor u vrijgekomen: \(event.title)",
                        body:
                            "Beste \(promoted.name),\n\nEr is een plaats vrijgekomen. U bent nu aangemeld voor \(event.title).\n"
                            + publicURL + SiteURL.event(id: eventID).path + "\n", now: now
                    ).create(on: tx)
                }
                try await Audit.record(
                    "event.promote", object: "event", id: eventID.uuidString.lowercased(), actor: "system", at: now,
                    on: tx)
            }
        }
    }

    static func lock(_ eventID: UUID, on tx: any Database) async throws -> NetworkEvent {
        if tx.isPostgres { try await tx.sql.raw("SELECT id FROM events WHERE id = \(bind: eventID) FOR UPDATE").run() }
        guard let event = try await NetworkEvent.find(eventID, on: tx) else { throw NEIGError.notFound() }
        return event
    }

    /// SQLite refuses a write from a transaction whose snapshot is stale ("database is locked"/"busy"); try again.
    static func retryingBusy<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try await body() } catch {
                let text = String(describing: error).lowercased()
                attempt += 1
                guard attempt < 20, text.contains("busy") || text.contains("locked") else { throw error }
                try await Task.sleep(nanoseconds: UInt64(attempt) * 5_000_000)
            }
        }
    }
}
