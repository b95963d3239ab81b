import Fluent
import NEIGCore
import Vapor

/// A member's notifications and what they follow.
enum NotificationRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.notifications, use: list)
        routes.post(.notificationsRead, use: markAllRead)
        routes.get(.followTopics, use: followForm)
        routes.post(.followTopics, use: saveFollows)
        routes.get(.notification(id: .key), use: open)
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let items = try await MemberNotification.query(on: req.db).filter(\.$user.$id == user.requireID()).sort(
            \.$createdAt, .descending
        ).limit(100).all()
        return HTMLPage(document: NotificationListView(context: req.pageContext, items: items).document)
    }

    /// Marks the notification read and goes where it points; only neig paths are followed.
    static func open(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self),
            let item = try await MemberNotification.find(id, on: req.db),
            item.$user.id == user.id
        else { throw NEIGError.notFound() }
        try await Notifier.markRead(item, context: req.context)
        let local = item.link.hasPrefix("/") && !item.link.hasPrefix("//") && !item.link.contains("\\")
        return req.redirect(to: local ? item.link : SiteURL.notifications.path, redirectType: .normal)
    }

    static func markAllRead(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await MemberNotification.query(on: req.db).filter(\.$user.$id == user.requireID()).filter(\.$readAt == nil)
            .set(\.$readAt, to: req.application.neig.clock.now()).update()
        return try await req.redirect(to: SiteURL.notifications.path, saying: "Alle notificaties zijn gelezen.")
    }

    /// Tags to choose from: the standard ones, those of questions and the groups' defaults, and whatever the member follows.
    static func availableTags(following: Set<String>, on db: any Database) async throws -> [String] {
        var tags = Set(Tags.standard).union(following)
        // Distinct values straight from the tag tables: the newest questions' tags, and every group's defaults.
        let recent = try await Question.query(on: db).field(\.$id).sort(\.$lastActivityAt, .descending).limit(500).all()
            .compactMap(\.id)
        if !recent.isEmpty {
            tags.formUnion(try await QuestionTag.query(on: db).filter(\.$question.$id ~~ recent).unique().all(\.$tag))
        }
        tags.formUnion(try await GroupDefaultTag.query(on: db).unique().all(\.$tag))
        return Tags.standard + tags.subtracting(Tags.standard).sorted()
    }

    static func followForm(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let (tags, groups) = try await Notifier.follows(userID, on: req.db)
        return HTMLPage(
            document: FollowTopicsView(
                context: req.pageContext, tags: try await availableTags(following: tags, on: req.db), following: tags,
                groups: try await QuestionRoutes.myGroups(user, on: req.db), followingGroups: groups,
                digest: try await Notifier.wantsDigest(userID, on: req.db), saved: false
            ).document)
    }

    struct FollowForm: Content {
        var tags: [String]?
        var groepen: [String]?
        var overzicht: String?
    }

    static func saveFollows(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let userID = try user.requireID()
        let form = try req.content.decode(FollowForm.self)
        let myGroups = try await QuestionRoutes.myGroups(user, on: req.db)
        // Only well-formed tags and the member's own groups; anything else in the form is ignored.
        let tags = Set((form.tags ?? []).compactMap(Tags.normalise).prefix(100))
        let groups = Set(form.groepen ?? []).intersection(myGroups.map(\.code))
        try await Notifier.setFollows(userID, tags: tags, groups: groups, on: req.db)
        try await Notifier.setDigest(userID, form.overzicht == "aan", db: req.db)
        try await req.audit(
            "notifications.follow", object: "user", id: userID.uuidString.lowercased(),
            detail: "tags=\(tags.count) groups=\(groups.count)")
        return HTMLPage(
            document: FollowTopicsView(
                context: req.pageContext, tags: try await availableTags(following: tags, on: req.db), following: tags,
                groups: myGroups, followingGroups: groups, digest: form.overzicht == "aan", saved: true
            ).document)
    }
}
