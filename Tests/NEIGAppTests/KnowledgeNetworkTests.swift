import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Testing
import VaporTesting

@testable import NEIGApp

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Questions and answers, following tags and groups, notifications and the daily digest, news with its Atom feed.
@Suite struct KnowledgeNetworkTests {
    func notifications(_ app: Application, _ email: String) async throws -> [MemberNotification] {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        return try await MemberNotification.query(on: app.db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt)
            .all()
    }

    @Test func aQuestionIsAnsweredMarkedHelpfulAndBecomesALibraryPage() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            try await makeUser(app, email: "adviseur@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "volger@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            let asker = try await login(app, email: "oov@utrecht.nl")
            let answerer = try await login(app, email: "adviseur@amsterdam.nl")
            let follower = try await login(app, email: "volger@rotterdam.nl")
            let coordinator = try await login(app, email: "coordinator@vng.nl")

            #expect(
                try await postForm(
                    app, "/notificaties/volgen", [("tags[]", "preventie"), ("overzicht", "aan")], as: follower
                ).status == .ok)
            #expect(
                try await postForm(app, "/notificaties/volgen", [("tags[]", "opsporing")], as: answerer).status == .ok)

            let bad = try await postForm(
                app, "/vragen",
                [("titel", "Wie heeft ervaring met cameratoezicht na een aanslag?"), ("tags", "preventie, #!?")],
                as: asker)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("‘#!?’ is geen onderwerp"))
            #expect(try await Question.query(on: app.db).count() == 0)

            let created = try await postForm(
                app, "/vragen",
                [
                    ("titel", "Wie heeft ervaring met cameratoezicht na een aanslag?"),
                    ("vraag", "Wij overwegen tijdelijke camera’s in de straat."), ("tags", "Preventie, jongeren")
                ], as: asker)
            let questionID = try redirectID(created)
            let path = "/vragen/\(questionID.uuidString.lowercased())"
            #expect(
                try await notifications(app, "volger@rotterdam.nl").map(\.title) == [
                    "Nieuwe vraag: Wie heeft ervaring met cameratoezicht na een aanslag?"
                ])
            #expect(
                try await getPage(app, "/vragen", as: follower).body.string.contains(
                    #"aria-label="Notificaties, 1 ongelezen""#), "the header shows the count")
            #expect(!(try await getPage(app, "/vragen", as: asker).body.string.contains("ongelezen")))
            #expect(try await notifications(app, "adviseur@amsterdam.nl").isEmpty, "follows another tag")
            #expect(
                try await notifications(app, "oov@utrecht.nl").isEmpty, "the asker is not told of their own question")
            let listed = try await getPage(app, "/vragen?tag=jongeren", as: follower).body.string
            #expect(listed.contains("Wie heeft ervaring met cameratoezicht"))
            #expect(
                !(try await getPage(app, "/vragen?tag=nazorg", as: follower).body.string.contains("cameratoezicht")))

            #expect(
                try await postForm(app, "\(path)/antwoorden", [("antwoord", "kort")], as: answerer).status
                    == .unprocessableEntity)
            let answered = try await postForm(
                app, "\(path)/antwoorden",
                [("antwoord", "Ja: in Amsterdam drie maanden, met een besluit op grond van 151c.")], as: answerer)
            #expect(answered.status == .seeOther)
            let answer = try #require(try await Answer.query(on: app.db).first())
            #expect(
                try await notifications(app, "oov@utrecht.nl").map(\.title) == [
                    "Nieuw antwoord op uw vraag: Wie heeft ervaring met cameratoezicht na een aanslag?"
                ])

            #expect(
                try await postForm(app, "\(path)/nuttig", [("antwoord", answer.id!.uuidString)], as: answerer).status
                    == .forbidden)
            #expect(
                try await postForm(app, "\(path)/nuttig", [("antwoord", answer.id!.uuidString)], as: asker).status
                    == .seeOther)
            #expect(try await Question.find(questionID, on: app.db)?.helpfulAnswerID == answer.id)
            #expect(
                try await notifications(app, "adviseur@amsterdam.nl").map(\.title) == [
                    "Uw antwoord hielp: Wie heeft ervaring met cameratoezicht na een aanslag?"
                ])
            #expect(
                try await getPage(app, path, as: follower).body.string.contains("Dit antwoord hielp de vraagsteller"))

            #expect(
                try await postForm(app, "\(path)/kennisbank", [("soort", "handreiking")], as: asker).status
                    == .forbidden)
            let published = try await postForm(app, "\(path)/kennisbank", [("soort", "handreiking")], as: coordinator)
            let documentID = try redirectID(published)
            let document = try #require(
                try await LibraryDocument.query(on: app.db).withTags().filter(\.$id == documentID).first())
            #expect(
                try document.kind == .handreiking && document.lineTags == [.preventie] && document.visibility == .leden)
            #expect(
                document.body.contains("## Antwoord dat hielp") && document.body.contains("151c")
                    && document.body.contains("Gemeente Amsterdam"))
            #expect(!document.body.contains("adviseur"), "answers are attributed to organisations, not persons")
            #expect(
                try await getPage(app, "/kennisbank?q=cameratoezicht", as: follower).body.string.contains(
                    "Wie heeft ervaring met cameratoezicht"))
            #expect(
                try await notifications(app, "volger@rotterdam.nl").last?.title
                    == "Nieuw in de kennisbank: Wie heeft ervaring met cameratoezicht na een aanslag?")
            #expect(try await postForm(app, "\(path)/kennisbank", [], as: coordinator).status == .conflict)

            // Opening a notification marks it read and goes to its page.
            let first = try #require(try await notifications(app, "volger@rotterdam.nl").first)
            let opened = try await getPage(app, "/notificaties/\(first.id!.uuidString.lowercased())", as: follower)
            #expect(opened.headers.first(name: .location) == path)
            #expect(try await MemberNotification.find(first.id, on: app.db)?.readAt != nil)
            #expect(
                try await getPage(app, "/notificaties/\(first.id!.uuidString.lowercased())", as: asker).status
                    == .notFound)
            let actions = Set(try await AuditEvent.query(on: app.db).all().map(\.action))
            #expect(
                actions.isSuperset(of: ["question.create", "question.answer", "question.helpful", "question.publish"]))
        }
    }

    @Test func groupQuestionsStayInTheGroupAndNewMembersFollowTheGroupsDefaultTags() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "lid@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            try await makeUser(app, email: "collega@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "buiten@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let member = try await login(app, email: "lid@utrecht.nl")
            let outsider = try await login(app, email: "buiten@rotterdam.nl")
            try await makeUser(app, email: "x@example.nl", role: .analyst, organisation: "vng")

            #expect(
                try await postForm(
                    app, "/groepen", [("naam", "OOV Randstad"), ("code", "Oov Randstad!")], as: coordinator
                ).status == .unprocessableEntity)
            #expect(
                try await postForm(
                    app, "/groepen", [("naam", "OOV Randstad"), ("code", "oov-randstad")], as: coordinator
                ).status == .seeOther)
            #expect(
                try await postForm(app, "/groepen", [("naam", "Nog een"), ("code", "oov-randstad")], as: coordinator)
                    .status == .unprocessableEntity)
            #expect(
                try await postForm(app, "/groepen", [("naam", "Eigen groep"), ("code", "eigen")], as: member).status
                    == .forbidden)
            #expect(
                try await postForm(
                    app, "/groepen/oov-randstad/onderwerpen", [("onderwerpen", "nazorg, Communicatie")], as: coordinator
                ).status == .seeOther)
            for email in ["lid@utrecht.nl", "collega@amsterdam.nl"] {
                #expect(
                    try await postForm(app, "/groepen/oov-randstad/leden", [("email", email)], as: coordinator).status
                        == .seeOther)
            }
            #expect(
                try await postForm(
                    app, "/groepen/oov-randstad/leden", [("email", "onbekend@example.nl")], as: coordinator
                ).status == .unprocessableEntity)
            let lid = try #require(try await User.query(on: app.db).filter(\.$email == "lid@utrecht.nl").first())
            let follows = try await Notifier.follows(try lid.requireID(), on: app.db)
            #expect(follows.tags == ["nazorg", "communicatie"] && follows.groups == ["oov-randstad"])
            #expect(
                try await getPage(app, "/groepen/oov-randstad", as: coordinator).body.string.contains("lid@utrecht.nl"))

            let asked = try await postForm(
                app, "/vragen",
                [
                    ("titel", "Hoe informeren jullie de buurt na een explosie?"), ("tags", "communicatie"),
                    ("groep", "oov-randstad")
                ], as: member)
            let path = "/vragen/\(try redirectID(asked).uuidString.lowercased())"
            #expect(try await notifications(app, "collega@amsterdam.nl").map(\.reason) == ["group:oov-randstad"])
            #expect(try await getPage(app, path, as: outsider).status == .notFound)
            #expect(
                !(try await getPage(app, "/vragen", as: outsider).body.string.contains("Hoe informeren jullie de buurt"))
            )
            #expect(
                try await postForm(
                    app, "/vragen",
                    [
                        ("titel", "Een vraag voor een groep waar ik niet in zit"), ("tags", "nazorg"),
                        ("groep", "oov-randstad")
                    ], as: outsider
                ).status == .unprocessableEntity)

            // An outsider following the same tag still hears nothing of a group's question.
            #expect(
                try await postForm(
                    app, "/notificaties/volgen", [("tags[]", "communicatie"), ("groepen[]", "oov-randstad")],
                    as: outsider
                ).status == .ok)
            let outsiderID = try #require(
                try await User.query(on: app.db).filter(\.$email == "buiten@rotterdam.nl").first()?.requireID())
            #expect(
                try await Notifier.follows(outsiderID, on: app.db).groups.isEmpty,
                "only one's own groups can be followed")
            _ = try await postForm(
                app, "/vragen",
                [
                    ("titel", "Tweede vraag over de buurt informeren"), ("tags", "communicatie"),
                    ("groep", "oov-randstad")
                ], as: member)
            #expect(try await notifications(app, "buiten@rotterdam.nl").isEmpty)

            let removed = try await postForm(
                app, "/groepen/oov-randstad/leden/\(lid.id!.uuidString.lowercased())/verwijderen", [], as: coordinator)
            #expect(removed.status == .seeOther)
            #expect(try await getPage(app, path, as: member).status == .notFound)
        }
    }

    func notification(_ app: Application, for userID: UUID, title: String, at date: Date) async throws {
        try await Notifier.notify([userID: "tag:preventie"], title: title, link: "/vragen", now: date, on: app.db)
    }

    @Test func theDailyDigestMailsEachNotificationOnceThroughSMTP() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await withNEIGApp { app in
            let reader = try await makeUser(
                app, email: "lezer@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            let quiet = try await makeUser(
                app, email: "stil@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await Notifier.setDigest(quiet, false, db: app.db)
            try await notification(
                app, for: reader, title: "Nieuwe vraag: camera’s na een aanslag", at: testNow.addingTimeInterval(-3600))
            try await notification(
                app, for: reader, title: "Nieuw in de kennisbank: handreiking nazorg",
                at: testNow.addingTimeInterval(-1800))
            try await notification(
                app, for: quiet, title: "Nieuwe vraag: iets anders", at: testNow.addingTimeInterval(-1800))

            // testNow is 12:00 in Amsterdam; at 06:00 the digest is not yet due.
            #expect(
                try await NotificationDigest.runIfDue(
                    now: testNow.addingTimeInterval(-6 * 3600), worker: "a", publicURL: "https://neig.example",
                    on: app.db) == nil)
            async let first = NotificationDigest.runIfDue(
                now: testNow, worker: "a", publicURL: "https://neig.example", on: app.db)
            async let second = NotificationDigest.runIfDue(
                now: testNow, worker: "b", publicURL: "https://neig.example", on: app.db)
            let runs = try await [first, second]
            #expect(runs.compactMap { $0 } == [1], "one worker runs the day's digest and queues one e-mail: \(runs)")
            #expect(try await JobRun.query(on: app.db).count() == 1)
            #expect(
                try await MemberNotification.query(on: app.db).filter(\.$emailedAt == nil).count() == 0,
                "the quiet member's notification is settled too")

            // A notification after today's run goes in tomorrow's digest.
            try await notification(
                app, for: reader, title: "Nieuw antwoord op uw vraag", at: testNow.addingTimeInterval(60))
            #expect(
                try await NotificationDigest.runIfDue(
                    now: testNow.addingTimeInterval(120), worker: "a", publicURL: "https://neig.example", on: app.db)
                    == nil)
            #expect(
                try await NotificationDigest.runIfDue(
                    now: testNow.addingTimeInterval(86_400), worker: "a", publicURL: "https://neig.example", on: app.db)
                    == 1)

            let mailer = SMTPMailer(
                settings: MailSettings(host: "127.0.0.1", port: sink.port, from: "neig@vng.nl"),
                group: app.eventLoopGroup)
            #expect(try await Outbox.deliverDue(worker: "a", mailer: mailer, app: app) == 1)
            let tomorrow = testNow.addingTimeInterval(86_400)
            app.neig.clock = NEIGClock(now: { tomorrow })
            #expect(try await Outbox.deliverDue(worker: "a", mailer: mailer, app: app) == 1)
        }
        #expect(sink.messages.map(\.recipients) == [["lezer@utrecht.nl"], ["lezer@utrecht.nl"]])
        let body = try #require(
            sink.messages.first.flatMap { message in
                Data(
                    base64Encoded: message.data.components(separatedBy: "\n\n").dropFirst().joined()
                        .replacingOccurrences(of: "\n", with: ""))
            }.map { String(decoding: $0, as: UTF8.self) })
        #expect(body.contains("- Nieuwe vraag: camera’s na een aanslag\n  https://neig.example/vragen"))
        #expect(
            body.contains("Nieuw in de kennisbank: handreiking nazorg") && !body.contains("Nieuw antwoord op uw vraag"))
        #expect(body.contains("https://neig.example/notificaties/volgen"))
    }

    @Test func newsAppearsOnTheHomePageAndPublicItemsInTheAtomFeed() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "oov@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let member = try await login(app, email: "oov@utrecht.nl")
            #expect(
                try await postForm(
                    app, "/nieuws", [("titel", "Eigen nieuws"), ("samenvatting", "x"), ("zichtbaarheid", "publiek")],
                    as: member
                ).status == .forbidden)
            let missing = try await postForm(
                app, "/nieuws", [("titel", "Cijfers"), ("zichtbaarheid", "groep")], as: coordinator)
            #expect(
                missing.status == .unprocessableEntity && missing.body.string.contains("Kies openbaar of alleen leden"))
            let publicItem = try await postForm(
                app, "/nieuws",
                [
                    ("titel", "Aanslagen eerste halfjaar 2025 <gedaald>"),
                    ("samenvatting", "Minder aanslagen dan in 2024 & op weg naar het doel."),
                    ("tekst", "Zie de **monitor**."), ("zichtbaarheid", "publiek")
                ], as: coordinator)
            #expect(publicItem.status == .seeOther)
            _ = try await postForm(
                app, "/nieuws",
                [
                    ("titel", "Nieuwe handreiking voor leden"), ("samenvatting", "Alleen voor leden."),
                    ("zichtbaarheid", "leden")
                ],
                as: coordinator)

            var anonymousHome = ""
            try await app.testing().test(.GET, "/") { anonymousHome = $0.body.string }
            #expect(
                anonymousHome.contains("Aanslagen eerste halfjaar 2025 &lt;gedaald&gt;")
                    && !anonymousHome.contains("Nieuwe handreiking voor leden"))
            let memberHome = try await getPage(app, "/", as: member).body.string
            #expect(memberHome.contains("Nieuwe handreiking voor leden") && memberHome.contains("Actueel"))
            let membersOnly = try #require(try await NewsItem.query(on: app.db).filter(\.$visibility == .leden).first())
            try await app.testing().test(.GET, "/nieuws/\(membersOnly.id!.uuidString.lowercased())") {
                #expect($0.status == .notFound)
            }

            var feed = ""
            try await app.testing().test(.GET, "/nieuws/feed.atom") { response in
                #expect(response.headers.contentType?.description.hasPrefix("application/atom+xml") == true)
                feed = response.body.string
            }
            let parser = XMLParser(data: Data(feed.utf8))
            #expect(parser.parse(), "the feed is well-formed XML")
            #expect(feed.contains("<title>Aanslagen eerste halfjaar 2025 &lt;gedaald&gt;</title>"))
            #expect(feed.contains("<summary>Minder aanslagen dan in 2024 &amp; op weg naar het doel.</summary>"))
            #expect(!feed.contains("Nieuwe handreiking voor leden"))
            #expect(
                feed.contains(#"<feed xmlns="http://www.w3.org/2005/Atom""#)
                    && feed.contains("<updated>2025-06-30T10:00:00Z</updated>"))
        }
    }
}
