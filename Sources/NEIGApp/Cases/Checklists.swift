import Fluent
import Foundation
import NEIGCore

/// The handelingskader checklists: the newest national version plus the municipality's newest local version
/// become the tasks of a case when it enters a phase.
enum Checklists {
    static func latest(scope: String, on db: any Database) async throws -> ChecklistTemplate? {
        try await ChecklistTemplate.query(on: db).filter(\.$scope == scope).sort(\.$version, .descending).first()
    }

    @discardableResult
    static func instantiate(for caseFile: CaseFile, phase: CasePhase, startedAt: Date, on db: any Database) async throws
        -> Int
    {
        let national = try await latest(scope: ChecklistTemplate.national, on: db)
        let local = try await latest(scope: caseFile.municipalityCode, on: db)
        var label = national.map { "landelijk v\($0.version)" } ?? ""
        if let local { label += (label.isEmpty ? "" : ", ") + "lokaal v\(local.version)" }
        let steps = ((national?.parsedSteps ?? []) + (local?.parsedSteps ?? [])).filter { $0.phase == phase }
        for step in steps {
            let task = CaseTask()
            task.$caseFile.id = try caseFile.requireID()
            task.phase = phase
            task.title = step.title
            task.owner = step.owner
            task.dueAt = startedAt.addingTimeInterval(TimeInterval(step.dueHours) * 3600)
            task.template = label
            try await task.create(on: db)
        }
        return steps.count
    }

    /// Open steps of the current phase whose due time has passed, for a municipality's dashboard.
    static func overdue(municipalityCode: String, now: Date, on db: any Database) async throws -> [(CaseFile, CaseTask)]
    {
        let tasks = try await CaseTask.query(on: db).join(CaseFile.self, on: \CaseTask.$caseFile.$id == \CaseFile.$id)
            .filter(CaseFile.self, \.$municipalityCode == municipalityCode).filter(\.$doneAt == nil).filter(
                \.$dueAt < now
            )
            .sort(\.$dueAt).all()
        return try tasks.compactMap { task in
            let caseFile = try task.joined(CaseFile.self)
            return caseFile.phase == task.phase ? (caseFile, task) : nil
        }
    }
}

extension Checklists {
    /// A new version of the scope's checklist (national, or one municipality's); earlier versions stay for the cases
    /// that used them.
    static func publish(_ steps: [ChecklistStep], scope: String, by user: User, context: ServiceContext) async throws {
        try await context.db.transaction { tx in
            let next = (try await latest(scope: scope, on: tx)?.version ?? 0) + 1
            try await ChecklistTemplate(
                scope: scope, version: next, steps: steps, author: user.name, at: context.clock.now()
            )
            .create(on: tx)
            try await context.audit(
                "case.checklist", object: "checklist_template", id: "\(scope)-v\(next)", detail: "steps=\(steps.count)",
                on: tx)
        }
    }
}
