import Fluent
import Foundation
import NEIGCore
import Vapor

/// `/api/v1/interventions`: the registry, its frozen evaluations and its decisions, under the same rules as the pages.
enum InterventionAPIRoutes {
    static func register(_ api: any RoutesBuilder) {
        api.get(.apiInterventions, use: list)
        api.post(.apiInterventions, use: create)
        api.get(.apiIntervention(id: .key), use: get)
        api.get(.apiIntervention(id: .key, .evaluations), use: evaluations)
        api.post(.apiIntervention(id: .key, .evaluations), use: evaluate)
        api.get(.apiIntervention(id: .key, .decisions), use: decisions)
        api.post(.apiIntervention(id: .key, .decisions), use: decide)
    }

    static func invalid(_ detail: String, _ errors: [FormViews.FieldError]) -> NEIGError {
        NEIGError.unprocessable(
            detail, items: errors.map { Problem.Item(column: $0.jsonName, reason: $0.message) })
    }

    struct OutputDTO: Content {
        var label: String
        var planned: Int
        var realised: Int
    }

    struct InterventionDTO: Content {
        var id: UUID
        var name: String
        var description: String
        var line: String
        var owner: String
        var partners: String
        var target_group: String
        var municipalities: [String]
        var postcode_areas: [String]
        var start: String
        var end: String?
        var status: String
        var cost_euros: Int?
        var sprint: Bool
        var outputs: [OutputDTO]
        var latest_verdict: String?
        var latest_decision: String?
        var url: String

        init(
            _ item: Intervention, outputs: [InterventionOutput], latest: EvaluationSnapshot?,
            decision: InterventionDecision?
        ) throws {
            id = item.id!
            name = item.name
            description = item.description
            line = item.line.rawValue
            owner = item.ownerName
            partners = item.partners
            target_group = item.targetGroup
            municipalities = try item.municipalityCodes
            postcode_areas = try item.postcodeAreaList
            start = item.startsOn
            end = item.endsOn
            status = item.status.rawValue
            cost_euros = item.costEuros
            sprint = item.sprint
            self.outputs = outputs.map { OutputDTO(label: $0.label, planned: $0.planned, realised: $0.realised) }
            latest_verdict = latest?.verdict
            latest_decision = decision?.decision.rawValue
            url = SiteURL.intervention(id: item.id!).path
        }
    }

    struct InterventionList: Content { var items: [InterventionDTO] }

    static func dto(_ item: Intervention, standing: InterventionService.Standing) throws -> InterventionDTO {
        try InterventionDTO(
            item, outputs: standing.outputs[item.id!] ?? [], latest: standing.latest[item.id!],
            decision: standing.decisions[item.id!])
    }

    static func dto(_ item: Intervention, on db: any Database) async throws -> InterventionDTO {
        try dto(item, standing: try await InterventionService.Standing.load(only: try item.requireID(), on: db))
    }

    static func list(_ req: Request) async throws -> InterventionList {
        _ = try req.requireUser()
        let items = try await Intervention.queryWithLists(on: req.db).sort(\.$startsOn).all()
        let standing = try await InterventionService.Standing.load(on: req.db)
        return InterventionList(items: try items.map { try dto($0, standing: standing) })
    }

    struct InterventionInputDTO: Decodable {
        var name: String?
        var description: String?
        var line: String?
        var partners: String?
        var target_group: String?
        var municipalities: [String]?
        var postcode_areas: [String]?
        var start: String?
        var end: String?
        var status: String?
        var cost_euros: Int?
        var sprint: Bool?
        var outputs: [OutputInput]?

        struct OutputInput: Decodable {
            var label: String
            var planned: Int
            var realised: Int?
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try CaseAPIRoutes.body(req, InterventionInputDTO.self)
        let form = InterventionInput.Form(
            naam: input.name, omschrijving: input.description, lijn: input.line, partners: input.partners,
            doelgroep: input.target_group,
            gemeenten: input.municipalities?.joined(separator: ","),
            postcodegebieden: input.postcode_areas?.joined(separator: ","), start: input.start,
            einde: input.end, status: input.status ?? InterventionStatus.lopend.rawValue,
            kosten: input.cost_euros.map(String.init),
            sprint: input.sprint == true ? "ja" : nil,
            output: input.outputs?.map {
                "\($0.label.replacingOccurrences(of: "|", with: "/")) | \($0.planned) | \($0.realised ?? 0)"
            }.joined(separator: "\n"),
            documenten: nil)
        switch InterventionInput.validate(form, registry: req.application.neig.municipalities) {
        case .invalid(let errors): throw invalid("De interventie is niet geregistreerd.", errors)
        case .valid(let draft):
            let item = try await InterventionInput.save(
                draft, owner: user, now: req.application.neig.clock.now(), context: req.context)
            return try CaseAPIRoutes.created(
                try await dto(item, on: req.db),
                location: SiteURL.apiIntervention(id: try item.requireID()).path)
        }
    }

    static func get(_ req: Request) async throws -> InterventionDTO {
        _ = try req.requireUser()
        return try await dto(
            try await InterventionAccess.find(req.parameters.get("id", as: UUID.self), on: req.db), on: req.db)
    }

    struct EvaluationDTO: Content {
        var id: UUID
        var created_at: String
        var created_by: String
        var seed: Int
        var verdict: String
        var result: EffectEvaluation.Result?

        init(_ snapshot: EvaluationSnapshot) {
            id = snapshot.id!
            created_at = snapshot.createdAt.formatted(.iso8601)
            created_by = snapshot.createdBy
            seed = snapshot.seed
            verdict = snapshot.verdict
            result = snapshot.result
        }
    }

    struct EvaluationList: Content { var items: [EvaluationDTO] }

    static func evaluations(_ req: Request) async throws -> EvaluationList {
        _ = try req.requireUser()
        let item = try await InterventionAccess.find(req.parameters.get("id", as: UUID.self), on: req.db)
        return EvaluationList(
            items: try await EvaluationSnapshot.query(on: req.db).filter(\.$intervention.$id == item.requireID())
                .sort(\.$createdAt, .descending).all().map(EvaluationDTO.init))
    }

    struct EvaluationInput: Decodable {
        var controls: [String]?
        var months_before: Int?
        var months_after: Int?
        var seed: Int?
    }

    static func evaluate(_ req: Request) async throws -> Response {
        let (user, item) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        let input = try CaseAPIRoutes.body(req, EvaluationInput.self)
        let form = InterventionInput.EvaluationFields(
            vergelijking: input.controls?.joined(separator: ","), maanden_voor: input.months_before.map(String.init),
            maanden_na: input.months_after.map(String.init), seed: input.seed.map(String.init))
        switch InterventionInput.evaluationRequest(
            form, registry: req.application.neig.municipalities, postcodes: !(try item.postcodeAreaList).isEmpty)
        {
        case .invalid(let errors): throw invalid("De evaluatie is niet uitgevoerd.", errors)
        case .valid(let request):
            switch try await InterventionService.snapshot(
                item, request: request, by: user.name, app: req.application, on: req.db)
            {
            case .failure(let failure):
                throw NEIGError.unprocessable(
                    "De evaluatie is niet uit te voeren.",
                    items: [Problem.Item(column: "controls", reason: failure.description)])
            case .success(let snapshot):
                try await req.audit(
                    "intervention.evaluate", object: "intervention", id: item.id?.uuidString.lowercased(),
                    detail: "snapshot=\(snapshot.id?.uuidString.lowercased() ?? "")")
                return try CaseAPIRoutes.created(
                    EvaluationDTO(snapshot),
                    location: SiteURL.apiIntervention(id: try item.requireID(), .evaluations).path)
            }
        }
    }

    struct DecisionDTO: Content {
        var id: UUID
        var decision: String
        var decided_on: String
        var decided_by: String
        var rationale: String
        var evaluation_id: UUID?

        init(_ decision: InterventionDecision) {
            id = decision.id!
            self.decision = decision.decision.rawValue
            decided_on = decision.decidedOn
            decided_by = decision.decidedBy
            rationale = decision.rationale
            evaluation_id = decision.snapshotID
        }
    }

    struct DecisionList: Content { var items: [DecisionDTO] }

    static func decisions(_ req: Request) async throws -> DecisionList {
        _ = try req.requireUser()
        let item = try await InterventionAccess.find(req.parameters.get("id", as: UUID.self), on: req.db)
        return DecisionList(
            items: try await InterventionDecision.query(on: req.db).filter(\.$intervention.$id == item.requireID())
                .sort(\.$createdAt, .descending).all().map(DecisionDTO.init))
    }

    struct DecisionInput: Decodable {
        var decision: String?
        var decided_on: String?
        var rationale: String?
        var evaluation_id: String?
    }

    static func decide(_ req: Request) async throws -> Response {
        let (_, item) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        let input = try CaseAPIRoutes.body(req, DecisionInput.self)
        let form = InterventionService.DecisionFields(
            besluit: input.decision, datum: input.decided_on, toelichting: input.rationale,
            evaluatie: input.evaluation_id)
        switch try await InterventionService.decide(form, intervention: item, context: req.context) {
        case .invalid(let errors): throw invalid("Het besluit is niet vastgelegd.", errors)
        case .valid(let decision):
            return try CaseAPIRoutes.created(
                DecisionDTO(decision),
                location: SiteURL.apiIntervention(id: try item.requireID(), .decisions).path)
        }
    }
}
