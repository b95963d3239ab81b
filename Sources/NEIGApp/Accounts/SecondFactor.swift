import Fluent
import Vapor

/// TOTP (RFC 6238: SHA-1, six digits, 30 seconds — what every authenticator app understands) and
/// single-use recovery codes.
enum SecondFactor {
    static let issuer = "NEIG"
    static let interval = 30
    static let recoveryCodeCount = 10
    /// A password-verified session waits this long for its second factor.
    static let pendingTimeout: TimeInterval = 5 * 60

    /// 160 random bits, the key length RFC 4226 recommends, in base32 for manual entry.
    static func newSecret() -> String { [UInt8].random(count: 20).base32String() }

    static func otpauthURI(secret: String, email: String) -> String {
        let label =
            "\(issuer):\(email)".addingPercentEncoding(
                withAllowedCharacters: .urlPathAllowed.subtracting(["?", "#", "/"])) ?? email
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(issuer)&algorithm=SHA1&digits=6&period=\(interval)"
    }

    /// Groups of four, as people type it over from the screen.
    static func displaySecret(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { offset in
            let start = secret.index(secret.startIndex, offsetBy: offset)
            return String(
                secret[start..<(secret.index(start, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }.joined(separator: " ")
    }

    static func counter(at time: Date) -> Int { Int(time.timeIntervalSince1970) / interval }

    static func code(secret: String, counter: Int) -> String? {
        guard let key = [UInt8](decodingBase32: secret) else { return nil }
        return TOTP(key: SymmetricKey(data: key), digest: .sha1, interval: interval)
            .generate(time: Date(timeIntervalSince1970: TimeInterval(counter * interval)))
    }

    /// The time step the code belongs to, allowing one step of clock drift either way, or nil. A code is
    /// valid once: steps at or before `usedCounter` are refused (ASVS 2.8.4).
    static func acceptedCounter(code: String, secret: String, usedCounter: Int?, now: Date) -> Int? {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6 else { return nil }
        let current = counter(at: now)
        return (current - 1...current + 1).first { step in
            step > (usedCounter ?? Int.min)
                && self.code(secret: secret, counter: step).map { Secrets.constantTimeEquals($0, digits) } == true
        }
    }

    /// Ten codes of ten characters from an alphabet without look-alikes; only their hashes are stored.
    static func newRecoveryCodes() -> [String] {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<recoveryCodeCount).map { _ in
            let characters = (0..<10).map { _ in alphabet.randomElement(using: &generator)! }
            return String(characters[0..<5]) + "-" + String(characters[5...])
        }
    }

    static func normalisedRecoveryCode(_ input: String) -> String {
        let characters = input.lowercased().filter { $0.isLetter || $0.isNumber }
        guard characters.count == 10 else { return input.lowercased() }
        return String(characters.prefix(5)) + "-" + String(characters.suffix(5))
    }

    /// Replaces all recovery codes of the user and returns the new ones, shown once.
    static func replaceRecoveryCodes(of userID: UUID, on database: any Database) async throws -> [String] {
        let codes = newRecoveryCodes()
        try await database.transaction { transaction in
            try await RecoveryCode.query(on: transaction).filter(\.$user.$id == userID).delete()
            for code in codes {
                try await RecoveryCode(userID: userID, codeHash: Secrets.hash(code)).create(on: transaction)
            }
        }
        return codes
    }

    /// Marks a matching unused recovery code as used; true when there was one.
    static func redeemRecoveryCode(_ input: String, userID: UUID, now: Date, on database: any Database) async throws
        -> Bool
    {
        let hash = Secrets.hash(normalisedRecoveryCode(input))
        guard
            let code = try await RecoveryCode.query(on: database)
                .filter(\.$user.$id == userID).filter(\.$codeHash == hash).filter(\.$usedAt == nil).first()
        else { return false }
        code.usedAt = now
        try await code.save(on: database)
        return true
    }

    static func unusedRecoveryCodes(of userID: UUID, on database: any Database) async throws -> Int {
        try await RecoveryCode.query(on: database).filter(\.$user.$id == userID).filter(\.$usedAt == nil).count()
    }
}

final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "recovery_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "code_hash") var codeHash: String
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(userID: UUID, codeHash: String) {
        self.$user.id = userID
        self.codeHash = codeHash
    }
}

struct AddSecondFactor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.addColumns(Self.columns)
        try await database.schema(RecoveryCode.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema).delete()
        try await database.dropColumns(Self.columns)
    }

    static let columns = [
        AddedColumn(table: User.schema, field: "totp_secret", type: .string),
        AddedColumn(table: User.schema, field: "totp_used_counter", type: .int64),
        AddedColumn(table: UserSession.schema, field: "awaiting_second_factor_since", type: .datetime),
        AddedColumn(table: UserSession.schema, field: "totp_enrolment_secret", type: .string)
    ]
}
