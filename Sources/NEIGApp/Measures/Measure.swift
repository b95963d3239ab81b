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
    /// Where the letter goes: street, postcode and town, one per line.
    @OptionalField(key: "addressee_address") var addresseeAddress: String?
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
    /// Who put it to the mayor, when, with what note and by which date a decision is asked.
    @OptionalField(key: "submitted_by_id") var submittedByID: UUID?
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "submission_note") var submissionNote: String?
    @OptionalField(key: "decide_before") var decideBefore: String?
    /// The mayor's remark when sending it back or refusing it.
    @OptionalField(key: "mayor_remark") var mayorRemark: String?

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

struct AddMeasureSubmission: AsyncMigration {
    static let columns = [
        AddedColumn(table: Measure.schema, field: "submitted_by_id", type: .uuid),
        AddedColumn(table: Measure.schema, field: "submitted_by", type: .string),
        AddedColumn(table: Measure.schema, field: "submitted_at", type: .datetime),
        AddedColumn(table: Measure.schema, field: "submission_note", type: .string),
        AddedColumn(table: Measure.schema, field: "decide_before", type: .string),
        AddedColumn(table: Measure.schema, field: "mayor_remark", type: .string),
        AddedColumn(table: Measure.schema, field: "addressee_address", type: .string)
    ]

    func prepare(on database: any Database) async throws { try await database.addColumns(Self.columns) }
    func revert(on database: any Database) async throws { try await database.dropColumns(Self.columns) }
}

extension Measure {
    func apply(_ draft: MeasureService.Draft) {
        type = draft.type
        legalBasis = draft.legalBasis
        addressee = draft.addressee
        addresseeAddress = draft.addresseeAddress
        startsOn = draft.startsOn?.iso
        endsOn = draft.endsOn?.iso
        motivation = draft.motivation
    }

    func wording(of caseFile: CaseFile) -> MeasureWording {
        MeasureWording(
            type: type, legalBasis: legalBasis, object: caseFile.address ?? caseFile.title, addressee: addressee,
            startsOn: startsOn.flatMap(CivilDate.init(parsing:)), endsOn: endsOn.flatMap(CivilDate.init(parsing:)))
    }
}
