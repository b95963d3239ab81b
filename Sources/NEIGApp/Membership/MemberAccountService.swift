import Fluent
import NEIGCore
import Vapor

/// What happens to a member's account after it exists: a coordinator suspends it, the member keeps a directory
/// profile or leaves. Ending an account ends its sessions in the same transaction.
extension MembershipService {
    static func suspend(_ member: User, context: ServiceContext) async throws {
        let id = try member.requireID()
        member.status = .suspended
        try await context.db.transaction { tx in
            try await member.save(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == id).delete()
            try await context.audit("user.suspend", object: "user", id: id.uuidString.lowercased(), on: tx)
        }
    }

    static func saveProfile(
        of user: User, expertise: [String], phone: String?, showEmail: Bool, showPhone: Bool, context: ServiceContext
    ) async throws {
        let userID = try user.requireID()
        let profile =
            try await MemberProfile.query(on: context.db).filter(\.$user.$id == userID).first() ?? MemberProfile()
        profile.$user.id = userID
        profile.phone = phone
        profile.showEmail = showEmail
        profile.showPhone = showPhone
        try await context.db.transaction { tx in
            try await profile.save(on: tx)
            try await profile.replaceExpertise(expertise, on: tx)
            try await context.audit("user.profile", object: "user", id: userID.uuidString.lowercased(), on: tx)
        }
    }

    static func leave(_ user: User, context: ServiceContext) async throws {
        let userID = try user.requireID()
        user.status = .left
        try await context.db.transaction { tx in
            try await user.save(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == userID).delete()
            try await context.audit("user.leave", object: "user", id: userID.uuidString.lowercased(), on: tx)
        }
    }
}
