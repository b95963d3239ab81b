import Fluent
import NEIGCore
import Vapor

final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: Role
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Base32 TOTP key once the user has enrolled an authenticator app.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// The last TOTP time step accepted, so a code cannot be used twice.
    @OptionalField(key: "totp_used_counter") var totpUsedCounter: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// nil while active; `suspended` by a coordinator, `left` when the member left the network.
    @OptionalField(key: "status") var status: AccountStatus?
    /// For partners (housing corporations, businesses): the municipality they work in. It grants nothing.
    @OptionalField(key: "working_area") var workingArea: String?
    /// Why and by whom a coordinator suspended the account; cleared when it is reinstated.
    @OptionalField(key: "suspension_reason") var suspensionReason: String?
    @OptionalField(key: "suspended_by") var suspendedBy: String?
    @OptionalField(key: "suspended_at") var suspendedAt: Date?
    /// The last completed login (password and, where needed, second factor).
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?

    init() {}

    init(email: String, name: String, role: Role, organisationID: UUID, passwordHash: String) {
        self.email = email.lowercased()
        self.name = name
        self.role = role
        self.$organisation.id = organisationID
        self.passwordHash = passwordHash
        self.failedLogins = 0
    }

    var isActive: Bool { status == nil || status == .active }

    var needsSecondFactor: Bool { totpSecret != nil || role.requiresSecondFactor }

    /// The user as the access rules see them; needs `organisation` loaded.
    /// A municipality's rights go only to municipal roles in that municipality's organisation: an account whose role
    /// does not fit its organisation (left from before the check, see `neig users check`) gets none of them.
    var actor: Actor {
        let organisation = $organisation.value
        let fits = organisation.map { role.fits($0.kind) } ?? false
        return Actor(
            role: role,
            municipalityCode: fits && organisation?.kind == .municipality
                ? organisation?.municipalityCode : nil)
    }
}

extension Request {
    /// The logged-in user with their organisation loaded, or nil.
    var user: User? { auth.get(User.self) }

    func requireUser() throws -> User {
        guard let user else { throw Abort(.unauthorized) }
        return user
    }

    var actor: Actor? { user?.actor }
}

/// Why an account no longer logs in. A stored value outside these fails to decode rather than reading as active.
enum AccountStatus: String, Codable, Sendable {
    case active, suspended, left
}
