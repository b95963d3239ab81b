import Fluent
import Foundation
import NEIGCore
import Vapor

/// A group, a question with answers, news and a few notifications, so the network pages show something at once.
enum DemoNetwork {
    static func seed(_ app: Application, coordinator: User) async throws {
        let users = try await User.query(on: app.db).with(\.$organisation).all()
        guard let amsterdam = users.first(where: { $0.email == "oov.amsterdam@demo.neig.nl" }),
            let rotterdam = users.first(where: { $0.email == "oov.rotterdam@demo.neig.nl" })
        else { return }
        let now = app.neig.clock.now()

        let group = MemberGroup()
        group.code = "oov-randstad"
        group.name = "OOV-adviseurs Randstad"
        try await group.create(on: app.db)
        try await group.replaceDefaultTags(["nazorg", "communicatie"], on: app.db)
        for member in [amsterdam, rotterdam] {
            let membership = GroupMembership()
            membership.groupCode = group.code
            membership.$user.id = try member.requireID()
            try await membership.create(on: app.db)
            try await Notifier.followDefaults(of: group, userID: try member.requireID(), on: app.db)
        }
        try await Notifier.setFollows(
            try coordinator.requireID(), tags: ["preventie", "nazorg"], groups: [], on: app.db)

        let question = Question()
        question.title = "Hoe lang houden jullie extra toezicht na een explosie in een woonstraat?"
        question.body =
            "Wij twijfelen tussen twee en zes weken cameratoezicht. Wat zijn jullie ervaringen, en hoe motiveren jullie de duur?"
        question.authorID = try rotterdam.requireID()
        question.authorName = rotterdam.name
        question.organisation = rotterdam.$organisation.value?.name ?? ""
        question.answerCount = 1
        question.createdAt = now.addingTimeInterval(-3 * 86_400)
        question.lastActivityAt = now.addingTimeInterval(-2 * 86_400)
        try await question.create(on: app.db)
        try await question.replaceTags(["nazorg", "preventie"], on: app.db)
        let answer = Answer()
        answer.$question.id = try question.requireID()
        answer.body =
            "Wij houden vier weken aan: de near-repeatperiode uit de analyse, daarna evalueren we met de politie."
        answer.authorID = try amsterdam.requireID()
        answer.authorName = amsterdam.name
        answer.organisation = amsterdam.$organisation.value?.name ?? ""
        answer.createdAt = now.addingTimeInterval(-2 * 86_400)
        try await answer.create(on: app.db)
        question.helpfulAnswerID = answer.id
        try await question.save(on: app.db)
        let link = SiteURL.question(id: try question.requireID()).path
        try await Notifier.notify(
            [try rotterdam.requireID(): "answer"], title: "Nieuw antwoord op uw vraag: \(question.title)", link: link,
            now: answer.createdAt, on: app.db)
        try await Notifier.notify(
            [try coordinator.requireID(): "tag:nazorg"], title: "Nieuwe vraag: \(question.title)", link: link,
            now: question.createdAt, on: app.db)

        for (offset, item) in [
            (
                "Eerste halfjaar: minder aanslagen dan in 2024",
                "De landelijke monitor laat zien hoe het aantal aanslagen zich verhoudt tot het doel van 10 % minder.",
                "Bekijk de [monitor](\(SiteURL.monitor().path)) voor de cijfers per gemeente.", Visibility.publiek
            ),
            (
                "Nieuwe handreiking nazorg beschikbaar",
                "In de kennisbank staat een handreiking voor de eerste 72 uur na een explosie.",
                "Zoek in de [kennisbank](\(SiteURL.library.path)) op ‘nazorg’.", Visibility.leden
            )
        ].enumerated() {
            let news = NewsItem()
            news.title = item.0
            news.summary = item.1
            news.body = item.2
            news.visibility = item.3
            news.authorName = coordinator.name
            news.publishedAt = now.addingTimeInterval(-Double(offset + 1) * 86_400)
            try await news.create(on: app.db)
        }
    }
}
