import Fluent
import Foundation
import NEIGCore
import Vapor

/// Need-to-know: which information items a user may see, applying `AccessPolicy.canSeeInformation`.
enum InformationService {
    struct Visible {
        let item: InformationItem
        let recipientUsers: [UUID]
        let recipientRoles: [Role]
    }

    static func visibleItems(caseID: UUID, user: User, today: CivilDate, on db: any Database) async throws -> [Visible]
    {
        let items = try await InformationItem.query(on: db).filter(\.$caseFile.$id == caseID).filter(
            \.$expiresOn >= today.iso
        )
        .sort(\.$createdAt, .descending).all()
        return try await filterVisible(items, user: user, today: today, on: db)
    }

    /// Logs that `user` read these items for `purpose`: in the view log the sharer sees, and in the audit log.
    static func recordViews(
        of items: [InformationItem], by user: User, purpose: InformationViewPurpose, context: ServiceContext
    ) async throws {
        guard !items.isEmpty else { return }
        let userID = try user.requireID(), now = context.clock.now()
        try await context.db.transaction { tx in
            for item in items {
                let view = InformationView()
                view.$item.id = try item.requireID()
                view.$user.id = userID
                view.userName = user.name
                view.viewedAt = now
                view.purpose = purpose.rawValue
                try await view.create(on: tx)
                try await context.audit(
                    "info.read", object: "information", id: item.id?.uuidString.lowercased(),
                    detail: "purpose=\(purpose.rawValue)", on: tx)
            }
        }
    }

    static func filterVisible(_ items: [InformationItem], user: User, today: CivilDate, on db: any Database)
        async throws -> [Visible]
    {
        guard !items.isEmpty else { return [] }
        let recipients = try await InformationRecipient.query(on: db).filter(\.$item.$id ~~ items.compactMap(\.id))
            .all()
        let byItem = Dictionary(grouping: recipients, by: \.$item.id)
        let userID = try user.requireID()
        return items.compactMap { item in
            let list = byItem[item.id!] ?? []
            let users = list.compactMap(\.userID), roles = list.compactMap(\.role)
            let visible = AccessPolicy.canSeeInformation(
                viewer: user.actor, viewerID: userID.uuidString, authorID: item.authorID.uuidString,
                municipalityCode: item.municipalityCode,
                recipientUserIDs: Set(users.map(\.uuidString)), recipientRoles: Set(roles),
                expired: item.isExpired(today: today))
            return visible ? Visible(item: item, recipientUsers: users, recipientRoles: roles) : nil
        }
    }
}
