import Fluent
import NEIGCore
import NEIGFormats
import Plot
import Vapor

/// Meetings and knowledge sessions: list, register (or join the waiting list), cancel, an .ics per event and a
/// private calendar feed per member. Coordinators and municipal staff organise.
enum EventRoutes {

    static func registerPublic(_ routes: any RoutesBuilder) {
        routes.get(.calendarFeed(token: .key), use: feed)
    }

    static func registerMembers(_ routes: any RoutesBuilder) {
        routes.get(.events, use: list)
        routes.get(.newEvent, use: newForm)
        routes.post(.events, use: create)
        routes.get(.event(id: .key), use: show)
        routes.get(.event(id: .key, .calendar), use: ics)
        routes.post(.event(id: .key, .aanmelden), use: register)
        routes.post(.event(id: .key, .afmelden), use: cancel)
        routes.post(.event(id: .key, .materiaal), use: addMaterial)
        routes.post(.eventFeed, use: createFeed)
    }

    static func list(_ req: Request) async throws -> HTMLPage { try await listPage(req, feedURL: nil) }

    /// Coming events with the member's own registrations; `feedURL` right after a new feed address was made.
    static func listPage(_ req: Request, feedURL: String?) async throws -> HTMLPage {
        let user = try req.requireUser()
        let now = req.application.neig.clock.now()
        let events = try await NetworkEvent.query(on: req.db).filter(\.$endsAt >= now).sort(\.$startsAt).all()
        let mine = try await EventRegistration.query(on: req.db).filter(\.$user.$id == user.requireID()).all()
        return HTMLPage(
            document: EventListView(
                context: req.pageContext, events: events,
                mine: Dictionary(mine.map { ($0.$event.id, $0.status) }, uniquingKeysWith: { a, _ in a }),
                canOrganise: AccessPolicy.eventOrganisers.contains(user.role), feedURL: feedURL
            ).document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        return HTMLPage(
            document: EventFormView(context: req.pageContext, values: ["capaciteit": "40", "duur": "120"], errors: [])
                .document)
    }

    struct EventForm: Content {
        var titel: String?
        var omschrijving: String?
        var datum: String?
        var tijd: String?
        var duur: String?
        var locatie: String?
        var online: String?
        var capaciteit: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(EventForm.self)
        var errors: [FormViews.FieldError] = []
        let title = (form.titel ?? "").trimmingCharacters(in: .whitespaces)
        if title.isEmpty || title.count > 200 {
            errors.append(.init(field: "titel", message: "Geef de bijeenkomst een titel."))
        }
        let date = CivilDate(parsing: form.datum ?? ""), time = TimeOfDay(parsing: form.tijd ?? "")
        if date == nil { errors.append(.init(field: "datum", message: "Kies een datum (JJJJ-MM-DD).")) }
        if time == nil { errors.append(.init(field: "tijd", message: "Kies een begintijd (UU:MM).")) }
        let minutes = BoundedNumber.integer(form.duur ?? "", in: 15...1440)
            .orFieldError("duur", &errors, message: "De duur is 15 tot 1440 minuten.")
        let capacity = BoundedNumber.integer(form.capaciteit ?? "", in: 1...10_000)
            .orFieldError("capaciteit", &errors, message: "Het aantal plaatsen is 1 tot 10.000.")
        let online = (form.online ?? "").trimmingCharacters(in: .whitespaces)
        if !online.isEmpty && !(online.hasPrefix("https://") && online.count < 500) {
            errors.append(.init(field: "online", message: "Een online link begint met https://."))
        }
        let location = (form.locatie ?? "").trimmingCharacters(in: .whitespaces)
        guard errors.isEmpty, let date, let time, let minutes, let capacity,
            let start = EventService.amsterdam(date, time)
        else {
            let values = [
                "titel": form.titel, "omschrijving": form.omschrijving, "datum": form.datum, "tijd": form.tijd,
                "duur": form.duur,
                "locatie": form.locatie, "online": form.online, "capaciteit": form.capaciteit
            ].compactMapValues { $0 }
            return try await HTMLPage(
                document: EventFormView(context: req.pageContext, values: values, errors: errors).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        let event = NetworkEvent()
        event.title = title
        event.description = String((form.omschrijving ?? "").prefix(5000))
        event.startsAt = start
        event.endsAt = start.addingTimeInterval(TimeInterval(minutes * 60))
        event.location = location.isEmpty ? nil : String(location.prefix(200))
        event.onlineURL = online.isEmpty ? nil : online
        event.capacity = capacity
        try await EventService.create(event, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.event(id: try event.requireID()).path, saying: "De bijeenkomst staat in de agenda.")
    }

    /// A wall-clock time in Amsterdam, whatever the daylight-saving offset that day.

    static func show(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        let registrations = try await EventRegistration.query(on: req.db).filter(\.$event.$id == event.requireID())
            .sort(
                \.$createdAt
            ).all()
        let organiser = event.organiserID == user.id || user.role == .coordinator
        let materials = try await EventMaterial.query(on: req.db).filter(\.$event.$id == event.requireID()).sort(
            \.$title
        )
        .all()
        // Material is for every attendee, so only documents all members may read can be attached.
        let documents =
            organiser
            ? try await LibraryDocument.query(on: req.db).filter(\.$visibility != Visibility.groep)
                .field(\.$id).field(\.$title).sort(\.$updatedAt, .descending).limit(200).all() : []
        return HTMLPage(
            document: EventDetailView(
                context: req.pageContext, event: event, registrations: registrations,
                mine: registrations.first { $0.$user.id == user.id }?.status, organiser: organiser,
                materials: materials, documents: documents
            ).document)
    }

    struct MaterialForm: Content {
        var document: UUID?
    }

    /// The organiser links a library document to the event; the attendees hear of it.
    static func addMaterial(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard event.organiserID == user.id || user.role == .coordinator else {
            throw NEIGError.forbidden("Materiaal koppelt de organisator.")
        }
        guard let documentID = try req.content.decode(MaterialForm.self).document,
            let document = try await LibraryDocument.find(documentID, on: req.db),
            document.visibility != .groep
        else {
            throw NEIGError.unprocessable(
                "Kies een stuk uit de kennisbank dat alle leden mogen lezen.",
                items: [.init(column: "document", reason: "onbekend stuk")])
        }
        try await EventService.add(document, to: event, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.event(id: try event.requireID()).path, saying: "Het stuk is bij de bijeenkomst gezet.")
    }

    static func register(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        _ = try await EventService.register(
            eventID: try event.requireID(), user: user, on: req.db, now: req.application.neig.clock.now())
        req.storage[AuditWrittenKey.self] = true
        return try await req.redirect(
            to: SiteURL.event(id: try event.requireID()).path,
            saying: "U bent aangemeld. U kunt zich hier ook weer afmelden.")
    }

    static func cancel(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        try await EventService.cancel(
            eventID: try event.requireID(), user: user, on: req.db, now: req.application.neig.clock.now(),
            publicURL: req.application.neig.publicURL)
        req.storage[AuditWrittenKey.self] = true
        return try await req.redirect(to: SiteURL.event(id: try event.requireID()).path, saying: "U bent afgemeld.")
    }

    static func calendarEvent(_ event: NetworkEvent, publicURL: String, now: Date) -> ICalendar.Event {
        ICalendar.Event(
            uid: "\(event.id!.uuidString.lowercased())@neig", start: event.startsAt, end: event.endsAt,
            summary: event.title,
            description: event.description, location: event.location ?? event.onlineURL,
            url: publicURL + SiteURL.event(id: event.id!).path, stamp: now)
    }

    static func calendarResponse(_ text: String, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    static func ics(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let event = try await EventService.find(req.parameters.get("id", as: UUID.self), on: req.db)
        let text = ICalendar.calendar(
            name: event.title,
            events: [
                calendarEvent(event, publicURL: req.application.neig.publicURL, now: req.application.neig.clock.now())
            ])
        return calendarResponse(text, fileName: "neig-bijeenkomst.ics")
    }

    /// A new private feed address: every event the member is registered for. The old address stops working.
    static func createFeed(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let token = try await EventService.newCalendarFeed(for: user, context: req.context)
        return try await listPage(
            req, feedURL: req.application.neig.publicURL + SiteURL.calendarFeed(token: token).path)
    }

    static func feed(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let feed = try await CalendarFeed.query(on: req.db).filter(\.$tokenHash == Secrets.hash(token)).first(),
            let user = try await User.find(feed.$user.id, on: req.db), user.isActive
        else { throw NEIGError.notFound() }
        let registered = try await EventRegistration.query(on: req.db).filter(\.$user.$id == feed.$user.id)
            .filter(\.$status == EventRegistration.Status.registered).all().map(\.$event.id)
        let events =
            registered.isEmpty
            ? [] : try await NetworkEvent.query(on: req.db).filter(\.$id ~~ registered).sort(\.$startsAt).all()
        let now = req.application.neig.clock.now()
        return calendarResponse(
            ICalendar.calendar(
                name: "neig — mijn bijeenkomsten",
                events: events.map { calendarEvent($0, publicURL: req.application.neig.publicURL, now: now) }),
            fileName: "neig.ics")
    }
}
