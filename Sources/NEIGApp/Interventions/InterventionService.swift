import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import SQLKit
import Vapor

/// Registering interventions, evaluating them against the register and keeping the evidence.
enum InterventionService {

    /// Coordinators edit every intervention; others those of their own organisation.
    static func canEdit(_ intervention: Intervention, user: User) -> Bool {
        guard AccessPolicy.interventionEditors.contains(user.role) else { return false }
        return user.role == .coordinator || intervention.ownerOrganisationID == user.$organisation.id
    }

    /// Attacks per area per month in the register — municipalities, or postcode-4 areas — with the months it covers
    /// completely: from its first attack's month up to the last month that has ended.
    static func monthlyCounts(byPostcode: Bool = false, today: CivilDate, on db: any Database) async throws
        -> (counts: [String: [Int: Int]], first: Int, last: Int)
    {
        struct Row: Decodable {
            let area: String
            let month: String
            let attacks: Int
        }
        let area: SQLQueryString = byPostcode ? "substr(postcode, 1, 4)" : "municipality_code"
        let filter: SQLQueryString = byPostcode ? "WHERE postcode IS NOT NULL" : ""
        let rows = try await db.sql.raw(
            """
            SELECT \(area) AS area, substr(occurred_on, 1, 7) AS month, count(*) AS attacks FROM \(ident: Incident.schema) \(filter)
            GROUP BY \(area), substr(occurred_on, 1, 7)
            """
        ).all(decoding: Row.self)
        var counts: [String: [Int: Int]] = [:]
        var first = Int.max
        for row in rows {
            guard let date = CivilDate(parsing: row.month + "-01") else { continue }
            let month = MonthIndex.of(date)
            counts[row.area, default: [:]][month] = row.attacks
            first = min(first, month)
        }
        return (counts, first == Int.max ? MonthIndex.of(today) : first, MonthIndex.of(today) - 1)
    }

    struct EvaluationRequest {
        var controls: [String]?
        var monthsBefore = 24
        var monthsAfter = 12
        var seed: UInt64 = 1
    }

    /// On postcode-4 areas when the intervention runs in some, compared with other postcode areas; on municipalities
    /// otherwise, compared with other municipalities.
    static func evaluate(
        _ intervention: Intervention, request: EvaluationRequest, app: Application, on db: any Database
    ) async throws
        -> Swift.Result<EffectEvaluation.Result, EffectEvaluation.Failure>
    {
        guard let start = intervention.start else { return .failure(.noMonthsAfter) }
        let areas = try intervention.postcodeAreaList, municipalities = try intervention.municipalityCodes
        let byPostcode = !areas.isEmpty
        let (counts, first, last) = try await monthlyCounts(byPostcode: byPostcode, today: app.neig.clock.today, on: db)
        var notes: [String] = []
        if byPostcode {
            let unplaced = try await Incident.query(on: db).filter(\.$municipalityCode ~~ municipalities).filter(
                \.$postcode == nil
            ).count()
            if unplaced > 0 {
                notes.append(
                    "\(unplaced) aanslagen in \(municipalities.joined(separator: ", ")) hebben geen postcode en tellen niet mee."
                )
            }
        }
        var input = EffectEvaluation.Input(
            counts: counts, universe: byPostcode ? Array(counts.keys) : app.neig.municipalities.all.map(\.code),
            treated: byPostcode ? areas : municipalities, start: start, controls: request.controls,
            monthsBefore: request.monthsBefore,
            monthsAfter: request.monthsAfter, dataStart: first, dataEnd: last, seed: request.seed)
        input.notes = notes
        return EffectEvaluation.evaluate(input)
    }

    /// Runs the evaluation and freezes it as a snapshot that decisions can cite.
    static func snapshot(
        _ intervention: Intervention, request: EvaluationRequest, by actor: String, app: Application,
        on db: any Database
    ) async throws -> Swift.Result<EvaluationSnapshot, EffectEvaluation.Failure> {
        switch try await evaluate(intervention, request: request, app: app, on: db) {
        case .failure(let failure): return .failure(failure)
        case .success(let result):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let snapshot = EvaluationSnapshot()
            snapshot.$intervention.id = try intervention.requireID()
            snapshot.createdAt = app.neig.clock.now()
            snapshot.createdBy = actor
            snapshot.seed = Int(truncatingIfNeeded: request.seed)
            snapshot.resultJSON = String(decoding: try encoder.encode(result), as: UTF8.self)
            snapshot.verdict = result.verdict
            try await snapshot.create(on: db)
            return .success(snapshot)
        }
    }

    /// Per intervention: its output lines (by label), latest evaluation and latest decision — what the overview, the
    /// API and the export show next to each one. `only` limits it to one intervention.
    struct Standing {
        var outputs: [UUID: [InterventionOutput]]
        var latest: [UUID: EvaluationSnapshot]
        var decisions: [UUID: InterventionDecision]

        static func load(only id: UUID? = nil, on db: any Database) async throws -> Standing {
            let outputs = InterventionOutput.query(on: db), snapshots = EvaluationSnapshot.query(on: db),
                decisions = InterventionDecision.query(on: db)
            if let id {
                outputs.filter(\.$intervention.$id == id)
                snapshots.filter(\.$intervention.$id == id)
                decisions.filter(\.$intervention.$id == id)
            }
            return Standing(
                outputs: Dictionary(grouping: try await outputs.sort(\.$label).all(), by: \.$intervention.id),
                latest: Dictionary(grouping: try await snapshots.sort(\.$createdAt).all(), by: \.$intervention.id)
                    .compactMapValues(\.last),
                decisions: Dictionary(grouping: try await decisions.sort(\.$createdAt).all(), by: \.$intervention.id)
                    .compactMapValues(\.last))
        }
    }

    /// All interventions as CSV, one row each, for spreadsheets and reports.
    static func csv(on db: any Database) async throws -> String {
        let interventions = try await Intervention.queryWithLists(on: db).sort(\.$line).sort(\.$name).all()
        let standing = try await Standing.load(on: db)
        var rows = [
            [
                "id", "naam", "lijn", "eigenaar", "partners", "doelgroep", "gemeenten", "postcodegebieden", "start",
                "einde", "status",
                "kosten_euro", "output", "laatste_effect_pct", "laatste_oordeel", "laatste_besluit", "besluit_datum"
            ]
        ]
        for item in interventions {
            let id = item.id!
            let output = (standing.outputs[id] ?? []).map { "\($0.label): \($0.realised)/\($0.planned)" }.joined(
                separator: "; ")
            let latest = standing.latest[id], decision = standing.decisions[id]
            let fields = [
                id.uuidString.lowercased(), item.name, item.line.rawValue, item.ownerName, item.partners,
                item.targetGroup,
                try item.municipalityCodes.joined(separator: " "), try item.postcodeAreaList.joined(separator: " "),
                item.startsOn, item.endsOn ?? "", item.status.rawValue, item.costEuros.map(String.init) ?? "", output,
                latest?.result.map { String($0.effectPct) } ?? "", latest?.verdict ?? "",
                decision?.decision.rawValue ?? "",
                decision?.decidedOn ?? ""
            ]
            rows.append(fields)
        }
        return CSVWriter(separator: ",").document(rows)
    }
}

/// The work on a running intervention that its page records: progress, new output lines and milestones.
extension InterventionService {
    /// The status, the realised output per line, and optionally a new output line `(label, planned)`.
    static func recordProgress(
        _ intervention: Intervention, status: InterventionStatus, realised: [UUID: Int],
        outputs: [InterventionOutput], newOutput: (label: String, planned: Int)?, context: ServiceContext
    ) async throws {
        let id = try intervention.requireID()
        try await context.db.transaction { tx in
            intervention.status = status
            intervention.updatedAt = context.clock.now()
            try await intervention.save(on: tx)
            for output in outputs {
                if let value = realised[try output.requireID()] {
                    output.realised = value
                    try await output.save(on: tx)
                }
            }
            if let newOutput {
                let output = InterventionOutput()
                (output.$intervention.id, output.label, output.planned, output.realised) =
                    (id, newOutput.label, newOutput.planned, 0)
                try await output.create(on: tx)
            }
            try await context.audit(
                "intervention.progress", object: "intervention", id: id.uuidString.lowercased(),
                detail: "status=\(status.rawValue) outputs=\(realised.count)", on: tx)
        }
    }

    static func addMilestone(_ title: String, due: CivilDate, to intervention: Intervention, context: ServiceContext)
        async throws
    {
        let milestone = InterventionMilestone()
        (milestone.$intervention.id, milestone.title, milestone.dueOn) = (try intervention.requireID(), title, due.iso)
        try await context.db.transaction { tx in
            try await milestone.create(on: tx)
            try await context.audit(
                "intervention.milestone", object: "intervention", id: intervention.id?.uuidString.lowercased(),
                detail: "due=\(due.iso)", on: tx)
        }
    }

    /// Marks the milestone done today; one done earlier keeps its date.
    static func complete(_ milestone: InterventionMilestone, of intervention: Intervention, context: ServiceContext)
        async throws
    {
        milestone.doneOn = milestone.doneOn ?? context.clock.today.iso
        try await context.db.transaction { tx in
            try await milestone.save(on: tx)
            try await context.audit(
                "intervention.milestone_done", object: "intervention", id: intervention.id?.uuidString.lowercased(),
                on: tx)
        }
    }
}

extension InterventionService {
    /// Stores the edited registration with its lists; output is reported as progress, not here.
    static func update(_ intervention: Intervention, with draft: InterventionInput.Draft, context: ServiceContext)
        async throws
    {
        InterventionInput.apply(draft, to: intervention)
        intervention.updatedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await intervention.save(on: tx)
            try await InterventionInput.storeLists(draft, of: intervention, on: tx)
            try await context.audit(
                "intervention.edit", object: "intervention", id: intervention.id?.uuidString.lowercased(),
                detail: "municipalities=\(draft.municipalities.joined(separator: ",")) start=\(draft.start.iso)",
                on: tx)
        }
    }
}
