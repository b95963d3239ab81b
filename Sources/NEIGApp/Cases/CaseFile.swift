import Fluent
import Foundation
import NEIGCore

/// A case (zaak) per address or person at risk, owned by one municipality.
final class CaseFile: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "title") var title: String
    @OptionalField(key: "address") var address: String?
    /// The BAG object of the address, when it was found with the address search or came from the attack.
    @OptionalField(key: "bag_id") var bagID: String?
    @Field(key: "phase") var phase: CasePhase
    @Field(key: "phase_started_on") var phaseStartedOn: String
    @Field(key: "confidentiality") var confidentiality: CaseConfidentiality
    @Field(key: "opened_on") var openedOn: String
    /// The legal handling period's end (ZGW: doorlooptijd), from the opening date.
    @Field(key: "handle_before") var handleBefore: String
    @OptionalField(key: "responsible") var responsible: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// What happened in a case's history. A stored kind outside these fails to decode instead of showing as raw text.
enum CaseEventKind: String, Codable, Sendable {
    case geopend, fase, stap, gedeeld, incident, maatregel, bezwaar, informatie, signaal
}

/// One line of a case's history. Appended, never edited (as Signalen keeps its history).
final class CaseEvent: Model, @unchecked Sendable {
    static let schema = "case_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseFile: CaseFile
    /// 1, 2, 3 … per case: the order of the history, also when two events share a timestamp.
    @Field(key: "position") var position: Int
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "actor_name") var actorName: String
    @Field(key: "kind") var kind: CaseEventKind
    @OptionalField(key: "from_phase") var fromPhase: CasePhase?
    @OptionalField(key: "to_phase") var toPhase: CasePhase?
    @OptionalField(key: "text") var text: String?

    init() {}

    init(
        caseID: UUID, position: Int, occurredAt: Date, actorName: String, kind: CaseEventKind, from: CasePhase?,
        to: CasePhase?, text: String?
    ) {
        self.$caseFile.id = caseID
        self.position = position
        self.occurredAt = occurredAt
        self.actorName = actorName
        self.kind = kind
        self.fromPhase = from
        self.toPhase = to
        self.text = text
    }
}

struct CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseFile.schema)
            .id()
            .field("municipality_code", .string, .required)
            .field("title", .string, .required)
            .field("address", .string)
            .field("phase", .string, .required)
            .field("phase_started_on", .string, .required)
            .field("confidentiality", .string, .required)
            .field("opened_on", .string, .required)
            .field("handle_before", .string, .required)
            .field("responsible", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(CaseEvent.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("occurred_at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("kind", .string, .required)
            .field("from_phase", .string)
            .field("to_phase", .string)
            .field("text", .string)
            .unique(on: "case_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseEvent.schema).delete()
        try await database.schema(CaseFile.schema).delete()
    }
}
