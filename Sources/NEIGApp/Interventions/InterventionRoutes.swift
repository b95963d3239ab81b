import Fluent
import NEIGCore
import Vapor

/// The interventions registry: register, report progress, evaluate against the register, decide.
enum InterventionRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.interventions, use: overview)
        routes.get(.newIntervention, use: newForm)
        routes.post(.interventions, use: create)
        routes.get(.interventionsCSV, use: export)
        routes.get(.intervention(id: .key), use: show)
        routes.get(.intervention(id: .key, .bewerken), use: editForm)
        routes.post(.intervention(id: .key), use: update)
        routes.post(.intervention(id: .key, .voortgang), use: progress)
        routes.post(.intervention(id: .key, .mijlpalen), use: addMilestone)
        routes.post(.interventionMilestoneDone(id: .key, milestone: .key), use: milestoneDone)
        routes.post(.intervention(id: .key, .evaluaties), use: evaluate)
        routes.get(.interventionSnapshot(id: .key, snapshot: .key), use: showSnapshot)
        routes.post(.intervention(id: .key, .besluiten), use: decide)
    }

    static func overview(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let interventions = try await Intervention.query(on: req.db).sort(\.$startsOn).all()
        let standing = try await InterventionService.Standing.load(on: req.db)
        let today = req.application.neig.clock.today
        let (counts, _, _) = try await InterventionService.monthlyCounts(today: today, on: req.db)
        var national: [Int: Int] = [:]
        for perMonth in counts.values { for (month, count) in perMonth { national[month, default: 0] += count } }
        let previousYear = (1...12).reduce(0) { $0 + (national[(today.year - 1) * 12 + $1 - 1] ?? 0) }
        return HTMLPage(
            document: InterventionOverviewView(
                context: req.pageContext, interventions: interventions, outputs: standing.outputs,
                latest: standing.latest,
                decisions: standing.decisions, national: national, today: today, previousYear: previousYear,
                canRegister: AccessPolicy.interventionEditors.contains(user.role)
            ).document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        HTMLPage(
            document: InterventionFormView(context: req.pageContext, values: ["status": "lopend"], errors: []).document)
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(InterventionInput.Form.self)
        let registry = req.application.neig.municipalities
        switch InterventionInput.validate(form, registry: registry) {
        case .invalid(let errors):
            return try await HTMLPage(
                document: InterventionFormView(context: req.pageContext, values: form.values, errors: errors).document,
                status: .unprocessableEntity
            )
            .encodeResponse(for: req)
        case .valid(let draft):
            let intervention = try await InterventionInput.save(
                draft, owner: user, now: req.application.neig.clock.now(), context: req.context)
            return try await req.redirect(
                to: SiteURL.intervention(id: try intervention.requireID()).path,
                saying: "De interventie is geregistreerd.")
        }
    }

    static func export(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"neig-interventies.csv\"")
        return Response(
            status: .ok, headers: headers, body: .init(string: try await InterventionService.csv(on: req.db)))
    }

    static func editForm(_ req: Request) async throws -> HTMLPage {
        let (_, intervention) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        let values = [
            "naam": intervention.name, "omschrijving": intervention.description, "lijn": intervention.line.rawValue,
            "partners": intervention.partners,
            "doelgroep": intervention.targetGroup,
            "gemeenten": try intervention.municipalityCodes.joined(separator: ", "),
            "postcodegebieden": try intervention.postcodeAreaList.joined(separator: ", "),
            "start": intervention.startsOn,
            "einde": intervention.endsOn ?? "", "status": intervention.status.rawValue,
            "kosten": intervention.costEuros.map(String.init) ?? "",
            "sprint": intervention.sprint ? "ja" : "",
            "documenten": try intervention.documentIDs.map { $0.uuidString.lowercased() }.joined(separator: " ")
        ]
        return HTMLPage(
            document: InterventionFormView(context: req.pageContext, values: values, errors: [], editing: intervention)
                .document)
    }

    /// The registration's fields; output lines are reported as progress, and evaluations and decisions stay as they were.
    static func update(_ req: Request) async throws -> Response {
        let (_, intervention) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        var form = try req.content.decode(InterventionInput.Form.self)
        form.output = nil
        switch InterventionInput.validate(form, registry: req.application.neig.municipalities) {
        case .invalid(let errors):
            return try await HTMLPage(
                document: InterventionFormView(
                    context: req.pageContext, values: form.values, errors: errors, editing: intervention
                ).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        case .valid(let draft):
            try await InterventionService.update(intervention, with: draft, context: req.context)
            return try await req.redirect(
                to: SiteURL.intervention(id: try intervention.requireID()).path,
                saying: "De wijzigingen zijn opgeslagen.")
        }
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        return try await page(
            req, user: user,
            intervention: try await InterventionAccess.find(req.parameters.get("id", as: UUID.self), on: req.db),
            errors: [], values: [:])
    }

    static func page(
        _ req: Request, user: User, intervention: Intervention, errors: [FormViews.FieldError], values: [String: String]
    ) async throws -> HTMLPage {
        let id = try intervention.requireID()
        let outputs = try await InterventionOutput.query(on: req.db).filter(\.$intervention.$id == id).sort(\.$label)
            .all()
        let milestones = try await InterventionMilestone.query(on: req.db).filter(\.$intervention.$id == id).sort(
            \.$dueOn
        ).all()
        let snapshots = try await EvaluationSnapshot.query(on: req.db).filter(\.$intervention.$id == id).sort(
            \.$createdAt, .descending
        ).all()
        let decisions = try await InterventionDecision.query(on: req.db).filter(\.$intervention.$id == id).sort(
            \.$createdAt, .descending
        ).all()
        let documentIDs = try intervention.documentIDs
        let documents =
            documentIDs.isEmpty
            ? []
            : try await LibraryDocument.query(on: req.db).filter(\.$id ~~ documentIDs)
                .field(\.$id).field(\.$title).field(\.$visibility).field(\.$groupCode).all()
        let groups = try await LibraryService.groups(of: user, on: req.db)
        return HTMLPage(
            document: try InterventionDetailView(
                context: req.pageContext, intervention: intervention, outputs: outputs, milestones: milestones,
                snapshots: snapshots, decisions: decisions,
                documents: documents.filter { LibraryService.canRead($0, user: user, groups: groups) },
                canEdit: InterventionService.canEdit(intervention, user: user),
                today: req.application.neig.clock.today, errors: errors, values: values,
                registry: req.application.neig.municipalities
            ).document, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    struct ProgressForm: Content {
        var status: String?
        var realised: [String: String]?
        var nieuw_label: String?
        var nieuw_gepland: String?
    }
}
