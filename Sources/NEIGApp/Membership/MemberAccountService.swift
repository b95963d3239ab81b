import Fluent
import NEIGCore
import Vapor

/// What happens to a member's account after it exists: a coordinator suspends it, the member keeps a directory
/// profile or leaves. Ending an account ends its sessions in the same transaction.
extension MembershipService {
    /// The reason is required: the member may ask why, and a colleague reinstating needs to know.
    static func suspend(_ member: User, reason: String?, context: ServiceContext) async throws {
        guard member.isActive else {
            throw NEIGError.unprocessable(
                "\(member.name) is al geschorst of heeft het netwerk verlaten. Er is niets gewijzigd.", items: [])
        }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (5...1000).contains(reason.count) else {
            throw NEIGError.unprocessable(
                "Schrijf waarom u \(member.name) schorst (5 tot 1.000 tekens). Er is niets gewijzigd.",
                items: [.init(column: "reden", reason: "verplicht bij schorsen")])
        }
        let id = try member.requireID()
        member.status = .suspended
        member.suspensionReason = reason
        member.suspendedBy = context.user?.name
        member.suspendedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await member.save(on: tx)
            try await UserSession.query(on: tx).filter(\.$user.$id == id).delete()
            try await context.audit(
                "user.suspend", object: "user", id: id.uuidString.lowercased(), detail: "reason=\(reason.prefix(200))",
                on: tx)
        }
    }

    /// Undoes a suspension: the member can log in again with the password they had.
    static func reinstate(_ member: User, context: ServiceContext) async throws {
        guard member.status == .suspended else {
            throw NEIGError.unprocessable("\(member.name) is niet geschorst.", items: [])
        }
        member.status = nil
        member.suspensionReason = nil
        member.suspendedBy = nil
        member.suspendedAt = nil
        try await context.db.transaction { tx in
            try await member.save(on: tx)
            try await context.audit("user.reinstate", object: "user", id: member.id?.uuidString.lowercased(), on: tx)
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

struct AddSuspensionReason: AsyncMigration {
    static let columns = [
        AddedColumn(table: User.schema, field: "suspension_reason", type: .string),
        AddedColumn(table: User.schema, field: "suspended_by", type: .string),
        AddedColumn(table: User.schema, field: "suspended_at", type: .datetime)
    ]

    func prepare(on database: any Database) async throws { try await database.addColumns(Self.columns) }
    func revert(on database: any Database) async throws { try await database.dropColumns(Self.columns) }
}
