import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Testing
import VaporTesting

@testable import NEIGApp

/// Meetings: no overbooking under concurrent registration (both databases), the waiting list, and valid iCalendar.
@Suite struct EventTests {
    func event(_ app: Application, capacity: Int) async throws -> NetworkEvent {
        let event = NetworkEvent()
        event.title = "Kennissessie nazorg, buurt en communicatie na explosies"
        event.description = "Ervaringen uit drie gemeenten; met een vraaggesprek.\nAanmelden verplicht."
        event.startsAt = EventService.amsterdam(
            CivilDate(year: 2025, month: 10, day: 27)!, TimeOfDay(parsing: "14:00")!)!
        event.endsAt = event.startsAt.addingTimeInterval(7200)
        event.location = "Utrecht, Stadskantoor"
        event.capacity = capacity
        event.organiserID = UUID()
        event.organiserName = "Coördinator"
        event.createdAt = testNow
        try await event.create(on: app.db)
        return event
    }

    @Test func concurrentRegistrationsNeverOverbookAndAFreedPlaceGoesToTheFirstWaiting() async throws {
        try await withNEIGApp { app in
            let meeting = try await event(app, capacity: 5)
            var users: [User] = []
            for index in 0..<16 {
                let id = try await makeUser(app, email: "lid\(index)@example.nl", role: .analyst, organisation: "vng")
                users.append(try #require(try await User.find(id, on: app.db)))
            }
            let eventID = try meeting.requireID()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for user in users {
                    group.addTask {
                        _ = try await EventService.register(eventID: eventID, user: user, on: app.db, now: testNow)
                    }
                }
                try await group.waitForAll()
            }
            let registrations = try await EventRegistration.query(on: app.db).all()
            #expect(registrations.count == 16)
            #expect(registrations.filter { $0.status == .registered }.count == 5)
            #expect(registrations.filter { $0.status == .waitlisted }.count == 11)

            let first = try #require(
                registrations.filter { $0.status == .waitlisted }.sorted {
                    ($0.createdAt, $0.id!.uuidString) < ($1.createdAt, $1.id!.uuidString)
                }.first)
            let leaving = try #require(
                users.first { user in registrations.contains { $0.$user.id == user.id && $0.status == .registered } })
            try await EventService.cancel(
                eventID: eventID, user: leaving, on: app.db, now: testNow, publicURL: "https://neig.example")
            #expect(try await EventRegistration.find(first.id, on: app.db)?.status == .registered)
            #expect(try await EventRegistration.query(on: app.db).filter(\.$status == .registered).count() == 5)
            let promoted = try #require(try await User.find(first.$user.id, on: app.db))
            #expect(
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == promoted.email).first()?.subject
                    .contains("plaats") == true)
        }
    }

    @Test func theIcsIsValidICalendarInUTC() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "a@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let browser = try await login(app, email: "a@amsterdam.nl")
            let meeting = try await event(app, capacity: 30)
            let response = try await getPage(
                app, "/bijeenkomsten/\(meeting.id!.uuidString.lowercased())/agenda.ics", as: browser)
            #expect(response.headers.contentType?.description.hasPrefix("text/calendar") == true)
            let text = response.body.string
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
            let lines = text.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "lines are folded at 75 octets")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feeds")
            // 27 October 2025 is the day after the clocks went back: 14:00 in Amsterdam is 13:00 UTC.
            #expect(lines.contains("DTSTART:20251027T130000Z") && lines.contains("DTEND:20251027T150000Z"))
            let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.contains("SUMMARY:Kennissessie nazorg\\, buurt en communicatie na explosies"))
            #expect(
                unfolded.contains(
                    "DESCRIPTION:Ervaringen uit drie gemeenten\\; met een vraaggesprek.\\nAanmelden verplicht."))
            for property in ["UID:", "DTSTAMP:", "PRODID:"] { #expect(text.contains(property)) }

            #expect(
                try await postForm(
                    app, "/bijeenkomsten/\(meeting.id!.uuidString.lowercased())/aanmelden", [], as: browser
                ).status == .seeOther)
            let page = try await postForm(app, "/bijeenkomsten/agenda", [], as: browser).body.string
            let feedPath = try #require(
                page.range(of: #"/agenda/[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(page[$0]) })
            var feed = ""
            try await app.testing().test(.GET, feedPath) { feed = $0.body.string }
            #expect(feed.contains("BEGIN:VEVENT") && feed.contains("UID:\(meeting.id!.uuidString.lowercased())@neig"))
            try await app.testing().test(.GET, "/agenda/onbekend") { #expect($0.status == .notFound) }
        }
    }

    @Test func theReminderGoesOutOnceADayBeforeEvenWithTwoServers() async throws {
        try await withNEIGApp { app in
            let soon = try await event(app, capacity: 1)
            soon.startsAt = testNow.addingTimeInterval(20 * 3600)
            soon.endsAt = soon.startsAt.addingTimeInterval(3600)
            try await soon.save(on: app.db)
            let later = try await event(app, capacity: 10)
            later.startsAt = testNow.addingTimeInterval(30 * 3600)
            try await later.save(on: app.db)
            for (index, meeting) in [soon, soon, later].enumerated() {
                let id = try await makeUser(
                    app, email: "deelnemer\(index)@example.nl", role: .analyst, organisation: "vng")
                _ = try await EventService.register(
                    eventID: meeting.requireID(), user: try #require(try await User.find(id, on: app.db)), on: app.db,
                    now: testNow)
            }
            async let first = EventReminders.sendDue(now: testNow, publicURL: "https://neig.example", on: app.db)
            async let second = EventReminders.sendDue(now: testNow, publicURL: "https://neig.example", on: app.db)
            #expect(try await first + second == 1, "one attendee, not the waiting one, and once")
            #expect(
                try await EventReminders.sendDue(
                    now: testNow.addingTimeInterval(60), publicURL: "https://neig.example", on: app.db) == 0)
            let messages = try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ "Herinnering").all()
            #expect(messages.map(\.recipient) == ["deelnemer0@example.nl"])
            #expect(
                messages.first?.body.contains(
                    "https://neig.example/bijeenkomsten/\(soon.id!.uuidString.lowercased())/agenda.ics") == true)
            // The event 30 hours away is reminded the next time round, six hours later.
            #expect(
                try await EventReminders.sendDue(
                    now: testNow.addingTimeInterval(7 * 3600), publicURL: "https://neig.example", on: app.db) == 1)
        }
    }

    @Test func materialAttachedAfterwardsLinksTheLibraryAndTellsTheAttendees() async throws {
        try await withNEIGApp { app in
            let organiserID = try await makeUser(
                app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "deelnemer@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            let organiser = try await login(app, email: "coordinator@vng.nl")
            let attendee = try await login(app, email: "deelnemer@utrecht.nl")
            let meeting = try await event(app, capacity: 10)
            meeting.organiserID = organiserID
            try await meeting.save(on: app.db)
            let path = "/bijeenkomsten/\(meeting.id!.uuidString.lowercased())"
            #expect(try await postForm(app, "\(path)/aanmelden", [], as: attendee).status == .seeOther)
            let slides = try redirectID(
                try await postForm(
                    app, "/kennisbank",
                    [
                        ("titel", "Presentatie kennissessie nazorg"), ("samenvatting", "De sheets."),
                        ("soort", "presentatie"), ("zichtbaarheid", "leden")
                    ], as: organiser))
            let groupOnly = LibraryDocument()
            (groupOnly.title, groupOnly.summary, groupOnly.body, groupOnly.kind) = (
                "Groep", "g", "", DocumentKind.overig
            )
            (groupOnly.authorOrganisation, groupOnly.visibility, groupOnly.groupCode, groupOnly.version) = (
                "VNG", Visibility.groep, "oov", 1
            )
            (groupOnly.createdBy, groupOnly.updatedAt) = (organiserID, testNow)
            try await groupOnly.create(on: app.db)

            #expect(
                try await postForm(app, "\(path)/materiaal", [("document", slides.uuidString)], as: attendee).status
                    == .forbidden)
            #expect(
                try await postForm(app, "\(path)/materiaal", [("document", groupOnly.id!.uuidString)], as: organiser)
                    .status == .unprocessableEntity)
            #expect(
                try await postForm(app, "\(path)/materiaal", [("document", slides.uuidString)], as: organiser).status
                    == .seeOther)
            let page = try await getPage(app, path, as: attendee).body.string
            #expect(
                page.contains("/kennisbank/\(slides.uuidString.lowercased())")
                    && page.contains("Presentatie kennissessie nazorg"))
            let attendeeID = try #require(
                try await User.query(on: app.db).filter(\.$email == "deelnemer@utrecht.nl").first()?.requireID())
            let told = try await MemberNotification.query(on: app.db).filter(\.$user.$id == attendeeID).all()
            #expect(told.map(\.title) == ["Materiaal van \(meeting.title): Presentatie kennissessie nazorg"])
        }
    }

    @Test func eventsOverTheAPIWithTheWaitingList() async throws {
        try await withNEIGApp { app in
            var tokens: [String] = []
            for email in ["een@example.nl", "twee@example.nl"] {
                try await makeUser(app, email: email, role: .analyst, organisation: "vng")
                tokens.append(try await AccountService.createToken(email: email, label: "t", on: app))
            }
            let meeting = try await event(app, capacity: 1)
            meeting.onlineURL = "https://meet.example/neig"
            try await meeting.save(on: app.db)
            let id = meeting.id!.uuidString.lowercased()
            let listed = try await call(
                app, .GET, "/events?from=2025-10-01", token: tokens[0], documented: ("/events", "get"))
            #expect((listed.1["items"] as? [[String: Any]])?.first?["title"] as? String == meeting.title)
            #expect(
                try await call(app, .GET, "/events?from=gisteren", token: tokens[0], documented: ("/events", "get")).0
                    == .badRequest)
            #expect(
                (try await call(app, .GET, "/events?from=2025-11-01", token: tokens[0], documented: ("/events", "get"))
                    .1["items"] as? [Any])?.isEmpty == true)

            #expect(
                try await call(
                    app, .POST, "/events/\(id)/registration", token: tokens[0],
                    documented: ("/events/{id}/registration", "post")
                ).1["status"] as? String == "registered")
            #expect(
                try await call(
                    app, .POST, "/events/\(id)/registration", token: tokens[0],
                    documented: ("/events/{id}/registration", "post")
                ).1["status"] as? String == "registered")
            #expect(
                try await call(
                    app, .POST, "/events/\(id)/registration", token: tokens[1],
                    documented: ("/events/{id}/registration", "post")
                ).1["status"] as? String == "waitlisted")
            let seen = try await call(app, .GET, "/events/\(id)", token: tokens[1], documented: ("/events/{id}", "get"))
                .1
            #expect(
                seen["registered"] as? Int == 1 && seen["waitlisted"] as? Int == 1
                    && seen["my_status"] as? String == "waitlisted")
            #expect(
                seen["online_url"] is NSNull || seen["online_url"] == nil, "the online link is for those registered")
            #expect(
                try await call(
                    app, .GET, "/events/\(UUID().uuidString)", token: tokens[1], documented: ("/events/{id}", "get")
                ).0 == .notFound)

            try await app.testing().test(
                .DELETE, "api/v1/events/\(id)/registration",
                beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: tokens[0])
                }, afterResponse: { #expect($0.status == .noContent) })
            let promoted = try await call(
                app, .GET, "/events/\(id)", token: tokens[1], documented: ("/events/{id}", "get")
            ).1
            #expect(
                promoted["my_status"] as? String == "registered"
                    && promoted["online_url"] as? String == "https://meet.example/neig")
        }
    }

    @Test func foldingNeverSplitsACharacter() {
        let line = "DESCRIPTION:" + String(repeating: "é", count: 100)
        let folded = ICalendar.fold(line)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 && String($0.utf8) != nil })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }
}
