import Fluent
import Foundation

/// An e-mail waiting to be sent. Any `neig serve` process may send it; a claim makes sure only one does.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: OutboxStatus
    @Field(key: "attempts") var attempts: Int
    @Field(key: "available_at") var availableAt: Date
    @OptionalField(key: "claimed_by") var claimedBy: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(recipient: String, subject: String, body: String, now: Date) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = .pending
        self.attempts = 0
        self.availableAt = now
        self.createdAt = now
    }
}

/// Where a message is on its way out: waiting, claimed by a worker (leased until `available_at`), sent, or given up.
enum OutboxStatus: String, Codable, Sendable {
    case pending, sending, sent, failed
}
