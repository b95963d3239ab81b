import Fluent
import NEIGCore
import Vapor

/// The work on a running intervention: progress, milestones, evaluations and decisions.
extension InterventionRoutes {
    /// Status, realised output per line, and optionally a new output line.
    static func progress(_ req: Request) async throws -> Response {
        let (user, intervention) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        let form = try req.content.decode(ProgressForm.self)
        let id = try intervention.requireID()
        var errors: [FormViews.FieldError] = []
        let status = InterventionStatus(rawValue: form.status ?? intervention.status.rawValue)
        if status == nil { errors.append(.init(field: "status", message: "Kies een status.")) }
        let outputs = try await InterventionOutput.query(on: req.db).filter(\.$intervention.$id == id).all()
        var realised: [UUID: Int] = [:]
        for (key, text) in form.realised ?? [:] {
            guard let outputID = UUID(uuidString: key), outputs.contains(where: { $0.id == outputID }) else { continue }
            guard case .success(let value) = BoundedNumber.integer(text, in: 0...InterventionInput.maximumOutput) else {
                errors.append(
                    .init(field: "realised", message: "Gerealiseerd is een heel getal van 0 of meer (‘\(text)’)."))
                continue
            }
            realised[outputID] = value
        }
        let label = (form.nieuw_label ?? "").trimmingCharacters(in: .whitespaces)
        let planned = try? BoundedNumber.integer(form.nieuw_gepland ?? "", in: 1...InterventionInput.maximumOutput)
            .get()
        if !label.isEmpty && (planned == nil || label.count > 200) {
            errors.append(
                .init(field: "nieuw_gepland", message: "Geef bij een nieuwe output een gepland aantal van 1 of meer."))
        }
        guard errors.isEmpty, let status else {
            return try await page(req, user: user, intervention: intervention, errors: errors, values: [:])
                .encodeResponse(for: req)
        }
        try await InterventionService.recordProgress(
            intervention, status: status, realised: realised, outputs: outputs,
            newOutput: label.isEmpty ? nil : planned.map { (label, $0) }, context: req.context)
        return try await req.redirect(to: SiteURL.intervention(id: id).path, saying: "De voortgang is opgeslagen.")
    }

    struct MilestoneForm: Content {
        var titel: String?
        var datum: String?
    }

    static func addMilestone(_ req: Request) async throws -> Response {
        let (user, intervention) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        let form = try req.content.decode(MilestoneForm.self)
        let title = (form.titel ?? "").trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty, title.count <= 200, let due = CivilDate(parsing: form.datum ?? "") else {
            return try await page(
                req, user: user, intervention: intervention,
                errors: [.init(field: "titel", message: "Geef de mijlpaal een titel en een datum (JJJJ-MM-DD).")],
                values: ["titel": form.titel ?? "", "datum": form.datum ?? ""]
            ).encodeResponse(for: req)
        }
        try await InterventionService.addMilestone(title, due: due, to: intervention, context: req.context)
        return try await req.redirect(
            to: SiteURL.intervention(id: try intervention.requireID()).path, saying: "De mijlpaal is toegevoegd.")
    }

    static func milestoneDone(_ req: Request) async throws -> Response {
        let (_, intervention) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        guard let milestoneID = req.parameters.get("milestone", as: UUID.self),
            let milestone = try await InterventionMilestone.find(milestoneID, on: req.db),
            milestone.$intervention.id == intervention.id
        else { throw NEIGError.notFound() }
        try await InterventionService.complete(milestone, of: intervention, context: req.context)
        return try await req.redirect(
            to: SiteURL.intervention(id: try intervention.requireID()).path,
            saying: "De mijlpaal \u{201C}\(milestone.title)\u{201D} is afgerond.")
    }

    static func evaluate(_ req: Request) async throws -> Response {
        let (user, intervention) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        let form = try req.content.decode(InterventionInput.EvaluationFields.self)
        let values = [
            "vergelijking": form.vergelijking, "maanden_voor": form.maanden_voor, "maanden_na": form.maanden_na
        ].compactMapValues { $0 }
        switch InterventionInput.evaluationRequest(
            form, registry: req.application.neig.municipalities, postcodes: !(try intervention.postcodeAreaList).isEmpty
        ) {
        case .invalid(let errors):
            return try await page(req, user: user, intervention: intervention, errors: errors, values: values)
                .encodeResponse(for: req)
        case .valid(let request) where form.actie != "vastleggen":
            switch try await InterventionService.evaluate(
                intervention, request: request, app: req.application, on: req.db)
            {
            case .failure(let failure):
                return try await page(
                    req, user: user, intervention: intervention,
                    errors: [.init(field: "vergelijking", message: "Niet te berekenen: \(failure).")], values: values
                ).encodeResponse(for: req)
            case .success(let result):
                return try await HTMLPage(
                    document: EvaluationPreviewView(
                        context: req.pageContext, intervention: intervention, result: result, fields: form,
                        registry: req.application.neig.municipalities
                    ).document
                ).encodeResponse(for: req)
            }
        case .valid(let request):
            switch try await InterventionService.snapshot(
                intervention, request: request, by: user.name, app: req.application, on: req.db)
            {
            case .failure(let failure):
                return try await page(
                    req, user: user, intervention: intervention,
                    errors: [.init(field: "vergelijking", message: "Niet te berekenen: \(failure).")],
                    values: values
                ).encodeResponse(for: req)
            case .success(let snapshot):
                try await req.audit(
                    "intervention.evaluate", object: "intervention", id: intervention.id?.uuidString.lowercased(),
                    detail: "snapshot=\(snapshot.id?.uuidString.lowercased() ?? "")")
                return try await req.redirect(
                    to: SiteURL.interventionSnapshot(
                        id: try intervention.requireID(), snapshot: try snapshot.requireID()
                    ).path,
                    saying: "De evaluatie is vastgelegd en blijft zo staan, ook als het register later verandert.")
            }
        }
    }

    static func showSnapshot(_ req: Request) async throws -> HTMLPage {
        _ = try req.requireUser()
        let intervention = try await InterventionAccess.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard let snapshotID = req.parameters.get("snapshot", as: UUID.self),
            let snapshot = try await EvaluationSnapshot.find(snapshotID, on: req.db),
            snapshot.$intervention.id == intervention.id
        else { throw NEIGError.notFound() }
        return HTMLPage(
            document: EvaluationSnapshotView(
                context: req.pageContext, intervention: intervention, snapshot: snapshot,
                registry: req.application.neig.municipalities
            ).document)
    }

    static func decide(_ req: Request) async throws -> Response {
        let (user, intervention) = try await InterventionAccess.editable(
            req.parameters.get("id", as: UUID.self), context: req.context)
        let form = try req.content.decode(InterventionService.DecisionFields.self)
        switch try await InterventionService.decide(form, intervention: intervention, context: req.context) {
        case .invalid(let errors):
            let values = ["besluit": form.besluit, "datum": form.datum, "toelichting": form.toelichting]
                .compactMapValues { $0 }
            return try await page(req, user: user, intervention: intervention, errors: errors, values: values)
                .encodeResponse(for: req)
        case .valid:
            return try await req.redirect(
                to: SiteURL.intervention(id: try intervention.requireID(), .decisions).path,
                saying: "Het besluit over de interventie is vastgelegd.")
        }
    }
}
