import Fluent
import Vapor

/// A login session, kept in the database so several `neig serve` processes can share it.
/// The cookie holds a random secret; the table holds only its SHA-256 hash.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// Set while the password is verified but the second factor is not yet; such a session logs nobody in.
    @OptionalField(key: "awaiting_second_factor_since") var awaitingSecondFactorSince: Date?
    /// The key being enrolled, kept here so a reload (or another app instance) shows the same QR code.
    @OptionalField(key: "totp_enrolment_secret") var totpEnrolmentSecret: String?
    /// What the last form did, for the next page to say (`Request.redirect(to:saying:)`).
    @OptionalField(key: "flash") var flash: String?

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, now: Date, awaitingSecondFactor: Bool = false) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
        self.awaitingSecondFactorSince = awaitingSecondFactor ? now : nil
    }

    var isAwaitingSecondFactor: Bool { awaitingSecondFactorSince != nil }
}

/// A personal API token (`Authorization: Bearer …`), stored hashed.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "label") var label: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}

    init(tokenHash: String, userID: UUID, label: String) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.label = label
    }
}

enum Secrets {
    /// 32 random bytes, URL-safe base64 without padding.
    static func randomToken() -> String {
        Data([UInt8].random(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }

    /// Compares without leaking the position of the first difference through timing.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
