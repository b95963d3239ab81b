import Fluent
import Foundation
import NEIGCore

/// One checklist step of a case, copied from the templates when the case enters a phase.
final class CaseTask: Model, @unchecked Sendable {
    static let schema = "case_tasks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseFile: CaseFile
    @Field(key: "phase") var phase: CasePhase
    @Field(key: "title") var title: String
    @Field(key: "owner") var owner: String
    @Field(key: "due_at") var dueAt: Date
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalField(key: "done_by") var doneBy: String?
    /// Which template versions the step came from, e.g. "landelijk v2, lokaal v1".
    @Field(key: "template") var template: String

    init() {}
}

/// A case made visible to one police or OM user, so they can add information to it.
final class CaseShare: Model, @unchecked Sendable {
    static let schema = "case_shares"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseFile: CaseFile
    @Parent(key: "user_id") var user: User
    @Field(key: "shared_by") var sharedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(caseID: UUID, userID: UUID, sharedBy: String, at now: Date) {
        $caseFile.id = caseID
        $user.id = userID
        self.sharedBy = sharedBy
        self.createdAt = now
    }
}

/// An attack from the register that belongs to a case.
final class CaseIncident: Model, @unchecked Sendable {
    static let schema = "case_incidents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseFile: CaseFile
    @Parent(key: "incident_id") var incident: Incident

    init() {}

    init(caseID: UUID, incidentID: UUID) {
        $caseFile.id = caseID
        $incident.id = incidentID
    }
}

/// A version of a handelingskader checklist: `landelijk` (edited by coordinators) or a municipality's local steps.
final class ChecklistTemplate: Model, @unchecked Sendable {
    static let schema = "checklist_templates"
    static let national = "landelijk"

    @ID(key: .id) var id: UUID?
    @Field(key: "scope") var scope: String
    @Field(key: "version") var version: Int
    /// The steps in the text form of `ChecklistText`.
    @Field(key: "steps") var steps: String
    @Field(key: "author") var author: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(scope: String, version: Int, steps: [ChecklistStep], author: String, at now: Date) {
        self.scope = scope
        self.version = version
        self.steps = ChecklistText.format(steps)
        self.author = author
        self.createdAt = now
    }

    var parsedSteps: [ChecklistStep] { (try? ChecklistText.parse(steps).get()) ?? [] }
}

struct CreateCaseWork: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseTask.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id", onDelete: .cascade))
            .field("phase", .string, .required)
            .field("title", .string, .required)
            .field("owner", .string, .required)
            .field("due_at", .datetime, .required)
            .field("done_at", .datetime)
            .field("done_by", .string)
            .field("template", .string, .required)
            .create()
        try await database.schema(CaseShare.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("shared_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "case_id", "user_id")
            .create()
        try await database.schema(CaseIncident.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id", onDelete: .cascade))
            .field("incident_id", .uuid, .required, .references(Incident.schema, "id", onDelete: .cascade))
            .unique(on: "case_id", "incident_id")
            .create()
        try await database.schema(ChecklistTemplate.schema)
            .id()
            .field("scope", .string, .required)
            .field("version", .int, .required)
            .field("steps", .string, .required)
            .field("author", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "scope", "version")
            .create()
        try await ChecklistTemplate(
            scope: ChecklistTemplate.national, version: 1, steps: ChecklistText.nationalDefault,
            author: "neig", at: Date(timeIntervalSince1970: 1_735_689_600)
        ).create(on: database)
    }

    func revert(on database: any Database) async throws {
        for schema in [ChecklistTemplate.schema, CaseIncident.schema, CaseShare.schema, CaseTask.schema] {
            try await database.schema(schema).delete()
        }
    }
}
