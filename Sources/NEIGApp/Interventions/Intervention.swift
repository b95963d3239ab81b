import Fluent
import Foundation
import NEIGCore
import SQLKit

/// An intervention of the action plan: what, by whom, where, when, with planned and realised output.
final class Intervention: Model, @unchecked Sendable {
    static let schema = "interventions"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "line") var line: ApproachLine
    @Field(key: "owner_organisation_id") var ownerOrganisationID: UUID
    @Field(key: "owner_name") var ownerName: String
    @Field(key: "partners") var partners: String
    @Field(key: "target_group") var targetGroup: String
    /// Where it runs (CBS codes), and what the evaluation compares.
    @Children(for: \.$intervention) var municipalityRows: [InterventionMunicipality]
    @Children(for: \.$intervention) var postcodeAreaRows: [InterventionPostcodeArea]
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "status") var status: InterventionStatus
    @OptionalField(key: "cost_euros") var costEuros: Int?
    @Children(for: \.$intervention) var documentRows: [InterventionDocument]
    /// A Field Lab style sprint: the plan runs 100 days from the start with milestones.
    @Field(key: "sprint") var sprint: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
    var start: CivilDate? { CivilDate(parsing: startsOn) }
}

/// Planned and realised output, e.g. schools visited 37 of 50.
final class InterventionOutput: Model, @unchecked Sendable {
    static let schema = "intervention_outputs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "intervention_id") var intervention: Intervention
    @Field(key: "label") var label: String
    @Field(key: "planned") var planned: Int
    @Field(key: "realised") var realised: Int

    init() {}
}

final class InterventionMilestone: Model, @unchecked Sendable {
    static let schema = "intervention_milestones"

    @ID(key: .id) var id: UUID?
    @Parent(key: "intervention_id") var intervention: Intervention
    @Field(key: "title") var title: String
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "done_on") var doneOn: String?

    init() {}
}

/// An evaluation as it was run: parameters and result frozen, so a decision can cite it later.
final class EvaluationSnapshot: Model, @unchecked Sendable {
    static let schema = "evaluation_snapshots"

    @ID(key: .id) var id: UUID?
    @Parent(key: "intervention_id") var intervention: Intervention
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: String
    @Field(key: "seed") var seed: Int
    /// `EffectEvaluation.Result` as JSON.
    @Field(key: "result") var resultJSON: String
    @Field(key: "verdict") var verdict: String

    init() {}

    var result: EffectEvaluation.Result? {
        try? JSONDecoder().decode(EffectEvaluation.Result.self, from: Data(resultJSON.utf8))
    }
}

/// Continue, adjust or stop — with who, when, why and the evaluation it rests on. Never changed afterwards.
final class InterventionDecision: Model, @unchecked Sendable {
    static let schema = "intervention_decisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "intervention_id") var intervention: Intervention
    @Field(key: "decision") var decision: InterventionDecisionKind
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "decided_by") var decidedBy: String
    @Field(key: "rationale") var rationale: String
    @OptionalField(key: "snapshot_id") var snapshotID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateInterventions: AsyncMigration {
    static let immutable = [EvaluationSnapshot.schema, InterventionDecision.schema]

    func prepare(on database: any Database) async throws {
        try await database.schema(Intervention.schema)
            .id()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("line", .string, .required)
            .field("owner_organisation_id", .uuid, .required)
            .field("owner_name", .string, .required)
            .field("partners", .string, .required)
            .field("target_group", .string, .required)
            .field("municipalities", .string, .required)
            .field("postcode_areas", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("status", .string, .required)
            .field("cost_euros", .int)
            .field("documents", .string, .required)
            .field("sprint", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(InterventionOutput.schema)
            .id()
            .field("intervention_id", .uuid, .required, .references(Intervention.schema, "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("planned", .int, .required)
            .field("realised", .int, .required)
            .create()
        try await database.schema(InterventionMilestone.schema)
            .id()
            .field("intervention_id", .uuid, .required, .references(Intervention.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("due_on", .string, .required)
            .field("done_on", .string)
            .create()
        try await database.schema(EvaluationSnapshot.schema)
            .id()
            .field("intervention_id", .uuid, .required, .references(Intervention.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .field("seed", .int, .required)
            .field("result", .string, .required)
            .field("verdict", .string, .required)
            .create()
        try await database.schema(InterventionDecision.schema)
            .id()
            .field("intervention_id", .uuid, .required, .references(Intervention.schema, "id"))
            .field("decision", .string, .required)
            .field("decided_on", .string, .required)
            .field("decided_by", .string, .required)
            .field("rationale", .string, .required)
            .field("snapshot_id", .uuid, .references(EvaluationSnapshot.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        // Evidence and decisions are append-only in the database itself, whatever code runs against it.
        for table in Self.immutable { try await Self.forbidChanges(to: table, on: database) }
    }

    static func forbidChanges(to table: String, on database: any Database) async throws {
        let sql = database.sql
        if database.isPostgres {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION neig_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'append-only table: % is not allowed on %', TG_OP, TG_TABLE_NAME; END; $$ LANGUAGE plpgsql
                """
            ).run()
            try await sql.raw(
                "CREATE TRIGGER \(unsafeRaw: table)_append_only BEFORE UPDATE OR DELETE ON \(ident: table) FOR EACH ROW EXECUTE FUNCTION neig_append_only()"
            ).run()
        } else {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON \(ident: table)
                    BEGIN SELECT RAISE(ABORT, 'append-only table: \(unsafeRaw: operation) is not allowed on \(unsafeRaw: table)'); END
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [
            InterventionDecision.schema, EvaluationSnapshot.schema, InterventionMilestone.schema,
            InterventionOutput.schema, Intervention.schema
        ] {
            try await database.schema(schema).delete()
        }
    }
}
