import Fluent
import NEIGCore
import Vapor

/// Creating accounts and tokens, shared by the CLI and the demo data.
public enum AccountService {

    static func hashPassword(_ password: String, cost: Int, on app: Application) async throws -> String {
        try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    static func verifyPassword(_ password: String, hash: String, on app: Application) async throws -> Bool {
        try await app.threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    @discardableResult
    public static func createUser(
        email: String, name: String, role: Role, organisationCode: String, password: String,
        on app: Application
    ) async throws -> UUID {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard email.contains("@"), email.count <= 254 else {
            throw ConfigurationError("'\(email)' is not an e-mail address")
        }
        if let problem = PasswordPolicy.problem(password, email: email) { throw ConfigurationError(problem) }
        guard try await User.query(on: app.db).filter(\.$email == email).first() == nil else {
            throw ConfigurationError("a user with e-mail \(email) already exists")
        }
        let organisation: Organisation
        do {
            organisation = try await Organisation.forAccount(
                code: organisationCode, role: role, registry: app.neig.municipalities, on: app.db)
        } catch let mismatch as RoleMismatch {
            throw ConfigurationError(mismatch.description)
        }
        let hash = try await hashPassword(password, cost: app.neig.passwordHashCost, on: app)
        let user = User(
            email: email, name: name, role: role, organisationID: try organisation.requireID(), passwordHash: hash)
        try await user.create(on: app.db)
        try await Audit.record(
            "user.create", object: "user", id: user.id?.uuidString.lowercased(), detail: "role=\(role.rawValue)",
            actor: "cli", at: app.neig.clock.now(), on: app.db)
        return try user.requireID()
    }

    /// Returns the token once; only its hash is stored.
    public static func createToken(email: String, label: String, on app: Application) async throws -> String {
        guard let user = try await User.query(on: app.db).filter(\.$email == email.lowercased()).first() else {
            throw ConfigurationError("no user with e-mail \(email)")
        }
        let token = "neig_" + Secrets.randomToken()
        try await APIToken(tokenHash: Secrets.hash(token), userID: try user.requireID(), label: label).create(
            on: app.db)
        try await Audit.record(
            "token.create", object: "user", id: user.id?.uuidString.lowercased(), actor: "cli",
            at: app.neig.clock.now(), on: app.db)
        return token
    }

    public static func resetSecondFactor(email: String, on app: Application) async throws {
        guard let user = try await User.query(on: app.db).filter(\.$email == email.lowercased()).first() else {
            throw ConfigurationError("no user with e-mail \(email)")
        }
        let userID = try user.requireID()
        try await app.db.transaction { database in
            user.totpSecret = nil
            user.totpUsedCounter = nil
            try await user.save(on: database)
            try await RecoveryCode.query(on: database).filter(\.$user.$id == userID).delete()
            try await UserSession.query(on: database).filter(\.$user.$id == userID).delete()
            try await Audit.record(
                "second-factor.reset", object: "user", id: userID.uuidString.lowercased(), actor: "cli",
                at: app.neig.clock.now(), on: database)
        }
    }

    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<5).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(
            separator: "-")
    }
}

/// Accounts whose role does not fit the kind of their organisation, for `neig users check`.
public struct RoleMismatchReport: Sendable, Equatable {
    public let email: String
    public let role: String
    public let organisation: String
    public let kind: String
    public let allowed: [String]
}

extension AccountService {
    /// Lists, changes nothing: an operator decides per account (move it, or give it the right role).
    public static func mismatchedAccounts(on app: Application) async throws -> [RoleMismatchReport] {
        try await User.query(on: app.db).with(\.$organisation).sort(\.$email).all().compactMap { user in
            let role = user.role
            if role.fits(user.organisation.kind) { return nil }
            return RoleMismatchReport(
                email: user.email, role: role.rawValue, organisation: user.organisation.code,
                kind: user.organisation.kind.rawValue,
                allowed: role.organisationKinds.map(\.rawValue).sorted())
        }
    }
}
