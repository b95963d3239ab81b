import Fluent
import NEIGCore
import Vapor

/// Groups of members with their own library items and questions: creating one, its members and the topics a new
/// member follows. Each change is audited in the transaction that makes it.
enum GroupService {
    static func create(code: String, name: String, context: ServiceContext) async throws {
        let group = MemberGroup()
        group.code = code
        group.name = name
        try await context.db.transaction { tx in
            try await group.create(on: tx)
            try await context.audit("group.create", object: "member_group", id: code, on: tx)
        }
    }

    /// Adds the member, who starts following the group and its default topics; adding twice changes nothing.
    static func add(_ member: User, to group: MemberGroup, context: ServiceContext) async throws {
        let memberID = try member.requireID()
        try await context.db.transaction { tx in
            guard
                try await GroupMembership.query(on: tx).filter(\.$groupCode == group.code)
                    .filter(\.$user.$id == memberID).first() == nil
            else { return }
            let membership = GroupMembership()
            membership.groupCode = group.code
            membership.$user.id = memberID
            try await membership.create(on: tx)
            try await Notifier.followDefaults(of: group, userID: memberID, on: tx)
            try await context.audit(
                "group.add_member", object: "member_group", id: group.code,
                detail: "user=\(memberID.uuidString.lowercased())", on: tx)
        }
    }

    /// Takes the member out of the group and stops their following of it.
    static func remove(_ memberID: UUID, from group: MemberGroup, context: ServiceContext) async throws {
        try await context.db.transaction { tx in
            try await GroupMembership.query(on: tx).filter(\.$groupCode == group.code).filter(\.$user.$id == memberID)
                .delete()
            try await Follow.query(on: tx).filter(\.$user.$id == memberID).filter(\.$kind == Follow.Kind.group)
                .filter(\.$value == group.code).delete()
            try await context.audit(
                "group.remove_member", object: "member_group", id: group.code,
                detail: "user=\(memberID.uuidString.lowercased())", on: tx)
        }
    }

    static func setDefaultTags(_ tags: [String], of group: MemberGroup, context: ServiceContext) async throws {
        try await context.db.transaction { tx in
            try await group.replaceDefaultTags(tags, on: tx)
            try await context.audit(
                "group.default_tags", object: "member_group", id: group.code,
                detail: "tags=\(tags.joined(separator: ","))", on: tx)
        }
    }
}
