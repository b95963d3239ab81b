import Fluent
import Foundation
import NEIGCore

/// A mayor's measure in a case: a decision under the Awb from concept to end.
final class Measure: Model, @unchecked Sendable {
    static let schema = "measures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseFile: CaseFile
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "type") var type: MeasureType
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "state") var state: MeasureState
    @OptionalField(key: "addressee") var addressee: String?
    @OptionalField(key: "starts_on") var startsOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "motivation") var motivation: String
    @Children(for: \.$measure) var citationRows: [MeasureCitation]
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "notified_on") var notifiedOn: String?
    @OptionalField(key: "objection_received_on") var objectionReceivedOn: String?
    @Field(key: "decision_extended") var decisionExtended: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var objectionEnds: CivilDate? {
        guard type.isObjectable, let notified = notifiedOn.flatMap(CivilDate.init(parsing:)) else { return nil }
        return AwbDeadlines.objectionEnds(notifiedOn: notified)
    }

    var objectionDecisionDue: CivilDate? {
        guard objectionReceivedOn != nil, let notified = notifiedOn.flatMap(CivilDate.init(parsing:)) else {
            return nil
        }
        return AwbDeadlines.decisionDue(notifiedOn: notified, extended: decisionExtended)
    }

    /// The Awb deadline that matters now: the decision on an objection, or else the objection period while it runs.
    func pendingDeadline(today: CivilDate) -> (label: String, date: CivilDate)? {
        guard state == .bekendgemaakt || state == .beeindigd else { return nil }
        if let due = objectionDecisionDue { return ("Beslissen op bezwaar", due) }
        if let ends = objectionEnds, ends >= today { return ("Bezwaartermijn loopt af", ends) }
        return nil
    }
}

struct CreateMeasures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Measure.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id", onDelete: .cascade))
            .field("municipality_code", .string, .required)
            .field("type", .string, .required)
            .field("legal_basis", .string, .required)
            .field("state", .string, .required)
            .field("addressee", .string)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("motivation", .string, .required)
            .field("information_ids", .string, .required)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .field("notified_on", .string)
            .field("objection_received_on", .string)
            .field("decision_extended", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema(Measure.schema).delete() }
}
