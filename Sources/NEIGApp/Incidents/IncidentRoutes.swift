import Fluent
import NEIGCore
import Vapor

enum IncidentRoutes {
    static let pageSize = 50

    static func register(_ routes: any RoutesBuilder) {
        routes.get(.incidents, use: list)
        routes.get(.newIncident, use: newForm)
        routes.post(.incidents, use: create)
        routes.get(.incident(id: .key), use: show)
        routes.get(.editIncident(id: .key), use: editForm)
        routes.post(.incident(id: .key), use: update)
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let actor = try req.requireUser().actor
        let filter = try IncidentFilter.parse(req, api: false)
        let page = try req.queryPage()
        let total = try await filter.apply(to: Incident.query(on: req.db)).count()
        let incidents = try await filter.apply(to: Incident.query(on: req.db))
            .sort(\.$occurredOn, .descending).sort(\.$sourceID)
            .range(PageWindow.range(page: page, size: pageSize)).all()
        let view = IncidentListView(
            incidents: incidents, total: total, page: page, pageSize: pageSize, filter: filter,
            actor: actor, registry: req.application.neig.municipalities, query: req.url.query,
            context: req.pageContext)
        return HTMLPage(document: view.document)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let incident = try await IncidentWriter.find(req.parameters.get("id", as: UUID.self), on: req.db)
        let view = IncidentDetailView(
            incident: incident, actor: user.actor, registry: req.application.neig.municipalities,
            context: req.pageContext,
            sameAddress: try await SameAddress.forIncident(incident, user: user, on: req.db))
        return HTMLPage(document: view.document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        _ = try req.requireUser()
        let form = IncidentFormView(
            values: ["bron": "politie"], errors: [], incidentID: nil,
            registry: req.application.neig.municipalities, context: req.pageContext)
        return HTMLPage(document: form.document)
    }

    static func editForm(_ req: Request) async throws -> HTMLPage {
        let actor = try req.requireUser().actor
        let incident = try await IncidentWriter.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard AccessPolicy.canSeeLocation(actor, municipalityCode: incident.municipalityCode) else {
            throw NEIGError.notFound()
        }
        let form = IncidentFormView(
            values: IncidentFormView.values(of: incident), errors: [], incidentID: incident.id,
            registry: req.application.neig.municipalities, context: req.pageContext)
        return HTMLPage(document: form.document)
    }

    /// Form fields: the CSV column names plus `bron`.
    static func formValues(_ req: Request) throws -> [String: String] {
        var values: [String: String] = [:]
        for column in IncidentImportParser.knownColumns + ["bron"] {
            if let value = try? req.content.get(String.self, at: column) { values[column] = value }
        }
        return values
    }

    static func create(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let values = try formValues(req)
        switch IncidentWriter.validated(values, context: req.context) {
        case .failure(let problems):
            return try await formWithErrors(values, problems, incidentID: nil, on: req)
        case .success(let record):
            guard let incident = try await IncidentWriter.create(record, channel: "form", context: req.context) else {
                return try await formWithErrors(
                    values,
                    ProblemList([
                        .init(
                            line: 1, column: "bron_id",
                            reason: "er is al een incident met bron_id '\(record.sourceID)' van bron '\(record.source)'"
                        )
                    ]), incidentID: nil, on: req)
            }
            return try await req.redirect(
                to: SiteURL.incident(id: try incident.requireID()).path,
                saying: "Het incident is ingevoerd in het register.")
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try req.requireUser().actor
        let incident = try await IncidentWriter.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard AccessPolicy.canSeeLocation(actor, municipalityCode: incident.municipalityCode) else {
            throw NEIGError.notFound()
        }
        var values = try formValues(req)
        values["bron_id"] = incident.sourceID
        values["bron"] = incident.source
        switch IncidentWriter.validated(values, context: req.context) {
        case .failure(let problems):
            return try await formWithErrors(values, problems, incidentID: incident.id, on: req)
        case .success(let record):
            let droppedBAGID = try await IncidentWriter.update(incident, with: record, context: req.context)
            return try await req.redirect(
                to: SiteURL.incident(id: try incident.requireID()).path,
                saying: "De wijziging is opgeslagen."
                    + (droppedBAGID
                        ? " Het BAG-id is weggelaten, omdat het bij het vorige adres hoorde; zoek het adres op om het weer te koppelen."
                        : ""))
        }
    }

    static func formWithErrors(_ values: [String: String], _ problems: ProblemList, incidentID: UUID?, on req: Request)
        async throws -> Response
    {
        let errors = problems.problems.map { problem in
            let field = problem.column ?? "bron_id"
            return FormViews.FieldError(
                field: field, message: "\(IncidentFormView.labels[field] ?? field): \(problem.reason)")
        }
        let form = IncidentFormView(
            values: values, errors: errors, incidentID: incidentID,
            registry: req.application.neig.municipalities, context: req.pageContext)
        return try await HTMLPage(document: form.document, status: .unprocessableEntity).encodeResponse(for: req)
    }
}
