import Fluent
import NEIGCore
import Vapor

/// Organising events: a new event, material afterwards (its attendees hear of it), and a member's private calendar
/// feed. Registration and cancellation are in `EventService` itself.
extension EventService {
    static func create(_ event: NetworkEvent, by organiser: User, context: ServiceContext) async throws {
        event.organiserID = try organiser.requireID()
        event.organiserName = organiser.name
        event.createdAt = context.clock.now()
        try await context.db.transaction { tx in
            try await event.save(on: tx)
            try await context.audit("event.create", object: "event", id: event.id?.uuidString.lowercased(), on: tx)
        }
    }

    /// Links a library document to the event once and tells the registered attendees (not the one linking it).
    static func add(_ document: LibraryDocument, to event: NetworkEvent, by user: User, context: ServiceContext)
        async throws
    {
        let eventID = try event.requireID(), documentID = try document.requireID()
        let now = context.clock.now()
        try await context.db.transaction { tx in
            guard
                try await EventMaterial.query(on: tx).filter(\.$event.$id == eventID)
                    .filter(\.$document.$id == documentID).first() == nil
            else { return }
            let material = EventMaterial()
            material.$event.id = eventID
            material.$document.id = documentID
            material.title = document.title
            try await material.create(on: tx)
            let attendees = try await EventRegistration.query(on: tx).filter(\.$event.$id == eventID)
                .filter(\.$status == EventRegistration.Status.registered).all().map(\.$user.id).filter { $0 != user.id }
            try await Notifier.notify(
                Dictionary(attendees.map { ($0, "event") }, uniquingKeysWith: { a, _ in a }),
                title: "Materiaal van \(event.title): \(document.title)",
                link: SiteURL.event(id: eventID).path, now: now, on: tx)
            try await context.audit(
                "event.material", object: "event", id: eventID.uuidString.lowercased(),
                detail: "document=\(documentID.uuidString.lowercased())", on: tx)
        }
    }

    /// A new private feed address for the member; the old one stops working. Only its hash is stored.
    static func newCalendarFeed(for user: User, context: ServiceContext) async throws -> String {
        let token = Secrets.randomToken(), userID = try user.requireID()
        try await context.db.transaction { tx in
            try await CalendarFeed.query(on: tx).filter(\.$user.$id == userID).delete()
            let feed = CalendarFeed()
            feed.$user.id = userID
            feed.tokenHash = Secrets.hash(token)
            try await feed.create(on: tx)
            try await context.audit("event.feed", object: "user", id: userID.uuidString.lowercased(), on: tx)
        }
        return token
    }
}
