import Fluent
import Foundation
import NEIGCore

/// A municipality's letter paper: who sends, where an objection goes, who signs. Kept once per municipality so
/// every decision letter is ready to send without retyping.
final class Letterhead: Model, @unchecked Sendable {
    static let schema = "letterheads"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    /// "Gemeente Amsterdam".
    @Field(key: "sender") var sender: String
    @OptionalField(key: "visiting_address") var visitingAddress: String?
    @Field(key: "postal_address") var postalAddress: String
    /// Where a bezwaarschrift is sent, and the e-mail address that takes one.
    @Field(key: "objection_address") var objectionAddress: String
    @OptionalField(key: "objection_email") var objectionEmail: String?
    /// The court whose voorzieningenrechter hears urgent cases, e.g. "Rechtbank Amsterdam".
    @Field(key: "court") var court: String
    @Field(key: "signatory") var signatory: String
    @Field(key: "updated_by") var updatedBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// What a letter shows when the municipality has not filled in its paper yet: the parts that must be completed
    /// are marked so nobody sends it as it is.
    static func placeholder(municipality: String, code: String) -> Letterhead {
        let paper = Letterhead()
        paper.municipalityCode = code
        paper.sender = "Gemeente \(municipality)"
        paper.postalAddress = "[postadres van de gemeente]"
        paper.objectionAddress = "[adres voor bezwaarschriften]"
        paper.court = "[rechtbank]"
        paper.signatory = "De burgemeester van \(municipality)"
        return paper
    }

    var isPlaceholder: Bool { id == nil }
}

struct CreateLetterheads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Letterhead.schema)
            .id()
            .field("municipality_code", .string, .required)
            .field("sender", .string, .required)
            .field("visiting_address", .string)
            .field("postal_address", .string, .required)
            .field("objection_address", .string, .required)
            .field("objection_email", .string)
            .field("court", .string, .required)
            .field("signatory", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "municipality_code")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema(Letterhead.schema).delete() }
}
