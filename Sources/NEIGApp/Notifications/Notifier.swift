import Fluent
import Foundation
import NEIGCore

/// Who hears about what: members follow tags and groups; new questions, answers and library items reach them in the
/// app and in the daily e-mail digest.
enum Notifier {
    /// Notifies the followers of any of `tags` or of `group`. An item for one group reaches only that group's members.
    @discardableResult
    static func announce(
        title: String, link: String, tags: [String], group: String?, excluding: UUID?, now: Date,
        on db: any Database
    ) async throws -> Int {
        var reasons: [UUID: String] = [:]
        if !tags.isEmpty {
            for follow in try await Follow.query(on: db).filter(\.$kind == Follow.Kind.tag).filter(\.$value ~~ tags)
                .all()
            {
                reasons[follow.$user.id] = reasons[follow.$user.id] ?? "tag:\(follow.value)"
            }
        }
        if let group {
            for follow in try await Follow.query(on: db).filter(\.$kind == Follow.Kind.group).filter(\.$value == group)
                .all()
            {
                reasons[follow.$user.id] = "group:\(group)"
            }
            let members = Set(
                try await GroupMembership.query(on: db).filter(\.$groupCode == group).all().map(\.$user.id))
            reasons = reasons.filter { members.contains($0.key) }
        }
        if let excluding { reasons[excluding] = nil }
        return try await notify(reasons, title: title, link: link, now: now, on: db)
    }

    /// One notification per active member in `reasons` (member → why).
    @discardableResult
    static func notify(_ reasons: [UUID: String], title: String, link: String, now: Date, on db: any Database)
        async throws -> Int
    {
        guard !reasons.isEmpty else { return 0 }
        let active = try await User.query(on: db).filter(\.$id ~~ Array(reasons.keys)).all().filter(\.isActive)
            .compactMap(\.id)
        for userID in active {
            let notification = MemberNotification()
            notification.$user.id = userID
            notification.title = String(title.prefix(300))
            notification.link = link
            notification.reason = reasons[userID] ?? ""
            notification.createdAt = now
            try await notification.create(on: db)
        }
        return active.count
    }

    static func unreadCount(_ userID: UUID, on db: any Database) async throws -> Int {
        try await MemberNotification.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).count()
    }

    static func follows(_ userID: UUID, on db: any Database) async throws -> (tags: Set<String>, groups: Set<String>) {
        let all = try await Follow.query(on: db).filter(\.$user.$id == userID).all()
        return (
            Set(all.filter { $0.kind == .tag }.map(\.value)),
            Set(all.filter { $0.kind == .group }.map(\.value))
        )
    }

    /// Replaces what a member follows.
    static func setFollows(_ userID: UUID, tags: Set<String>, groups: Set<String>, on db: any Database) async throws {
        try await db.transaction { tx in
            try await Follow.query(on: tx).filter(\.$user.$id == userID).delete()
            for tag in tags.sorted() { try await Follow(userID: userID, kind: .tag, value: tag).create(on: tx) }
            for group in groups.sorted() { try await Follow(userID: userID, kind: .group, value: group).create(on: tx) }
        }
    }

    /// A member added to a group follows the group and the tags its coordinator chose for newcomers.
    static func followDefaults(of group: MemberGroup, userID: UUID, on db: any Database) async throws {
        let (tags, groups) = try await follows(userID, on: db)
        let newTags = try group.defaultTagList.filter { !tags.contains($0) }
        for tag in newTags { try await Follow(userID: userID, kind: .tag, value: tag).create(on: db) }
        if !groups.contains(group.code) {
            try await Follow(userID: userID, kind: .group, value: group.code).create(on: db)
        }
    }

    static func wantsDigest(_ userID: UUID, on db: any Database) async throws -> Bool {
        try await NotificationSetting.query(on: db).filter(\.$user.$id == userID).first()?.emailDigest ?? true
    }

    static func setDigest(_ userID: UUID, _ on: Bool, db: any Database) async throws {
        let setting =
            try await NotificationSetting.query(on: db).filter(\.$user.$id == userID).first() ?? NotificationSetting()
        setting.$user.id = userID
        setting.emailDigest = on
        try await setting.save(on: db)
    }
}

extension Notifier {
    /// Read now, unless it was read before.
    static func markRead(_ item: MemberNotification, context: ServiceContext) async throws {
        guard item.readAt == nil else { return }
        item.readAt = context.clock.now()
        try await item.save(on: context.db)
    }
}
