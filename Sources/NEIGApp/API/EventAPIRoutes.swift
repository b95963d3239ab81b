import Fluent
import Foundation
import NEIGCore
import Vapor

/// `/api/v1/events`: the coming meetings, one meeting with the caller's registration, registering and cancelling —
/// the same rules as the pages (waiting list, promotion by e-mail).
enum EventAPIRoutes {
    static func register(_ api: any RoutesBuilder) {
        api.get(.apiEvents, use: list)
        api.get(.apiEvent(id: .key), use: get)
        api.post(.apiEvent(id: .key, registration: true), use: registerForEvent)
        api.delete(.apiEvent(id: .key, registration: true), use: cancel)
    }

    struct EventDTO: Content {
        var id: UUID
        var title: String
        var description: String
        var starts_at: String
        var ends_at: String
        var location: String?
        /// Only for those registered, as on the page.
        var online_url: String?
        var capacity: Int
        var registered: Int
        var waitlisted: Int
        var my_status: String?
        var organiser: String
        var url: String
        var ics_url: String
        var materials: [MaterialDTO]
    }

    struct MaterialDTO: Content {
        var title: String
        var url: String
    }

    struct EventList: Content { var items: [EventDTO] }

    struct RegistrationDTO: Content { var status: String }

    static func dto(
        _ event: NetworkEvent, registrations: [EventRegistration], userID: UUID?, materials: [EventMaterial]
    ) -> EventDTO {
        let id = event.id!
        let mine = registrations.first { $0.$user.id == userID && $0.$event.id == id }?.status
        let path = SiteURL.event(id: id).path
        return EventDTO(
            id: id, title: event.title, description: event.description, starts_at: event.startsAt.formatted(.iso8601),
            ends_at: event.endsAt.formatted(.iso8601), location: event.location,
            online_url: mine == .registered ? event.onlineURL : nil,
            capacity: event.capacity,
            registered: registrations.filter { $0.$event.id == id && $0.status == .registered }.count,
            waitlisted: registrations.filter { $0.$event.id == id && $0.status == .waitlisted }.count,
            my_status: mine == .cancelled ? nil : mine?.rawValue, organiser: event.organiserName, url: path,
            ics_url: SiteURL.event(id: id, .calendar).path,
            materials: materials.filter { $0.$event.id == id }.map {
                MaterialDTO(title: $0.title, url: SiteURL.document(id: $0.$document.id).path)
            })
    }

    /// Events that end on or after `from` (default: now), earliest first.
    static func list(_ req: Request) async throws -> EventList {
        let user = try req.requireUser()
        var from = req.application.neig.clock.now()
        if let text = req.query[String.self, at: "from"], !text.isEmpty {
            guard let date = CivilDate(parsing: text),
                let start = EventService.amsterdam(date, TimeOfDay(parsing: "00:00")!)
            else {
                throw NEIGError.badRequest(
                    "from is geen datum.", items: [.init(column: "from", reason: "'\(text)' is geen datum JJJJ-MM-DD")])
            }
            from = start
        }
        let limit = try LibraryAPIRoutes.limit(req)
        let events = try await NetworkEvent.query(on: req.db).filter(\.$endsAt >= from).sort(\.$startsAt).limit(limit)
            .all()
        let ids = events.compactMap(\.id)
        let registrations =
            ids.isEmpty ? [] : try await EventRegistration.query(on: req.db).filter(\.$event.$id ~~ ids).all()
        let materials = ids.isEmpty ? [] : try await EventMaterial.query(on: req.db).filter(\.$event.$id ~~ ids).all()
        return EventList(
            items: events.map { dto($0, registrations: registrations, userID: user.id, materials: materials) })
    }

    static func get(_ req: Request) async throws -> EventDTO {
        let user = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        let registrations = try await EventRegistration.query(on: req.db).filter(\.$event.$id == event.requireID())
            .all()
        let materials = try await EventMaterial.query(on: req.db).filter(\.$event.$id == event.requireID()).sort(
            \.$title
        )
        .all()
        return dto(event, registrations: registrations, userID: user.id, materials: materials)
    }

    static func registerForEvent(_ req: Request) async throws -> RegistrationDTO {
        let user = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        let status = try await EventService.register(
            eventID: try event.requireID(), user: user, on: req.db, now: req.application.neig.clock.now())
        req.storage[AuditWrittenKey.self] = true
        return RegistrationDTO(status: status.rawValue)
    }

    static func cancel(_ req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        try await EventService.cancel(
            eventID: try event.requireID(), user: user, on: req.db, now: req.application.neig.clock.now(),
            publicURL: req.application.neig.publicURL)
        req.storage[AuditWrittenKey.self] = true
        return .noContent
    }
}
