import Fluent
import NEIGCore
import Vapor

/// Cases (zaken) under the handelingskader: a municipality's OOV staff and mayor open them, move them through
/// the phases and see their history. For everyone outside the municipality a case does not exist (404).
enum CaseRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.cases, use: list)
        routes.get(.newCase(), use: newForm)
        routes.post(.cases, use: create)
        routes.get(.caseFile(id: .key), use: show)
        routes.post(.caseFile(id: .key, .fase), use: changePhase)
        CaseActionRoutes.register(routes)
    }

    /// Everyone who sees the case list: the municipality, police and OM partners, and coordinators (counts only).

    static func list(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let today = req.application.neig.clock.today
        if user.role == .coordinator {
            let counts = try await CaseCounts.byMunicipality(on: req.db, registry: req.application.neig.municipalities)
            return HTMLPage(document: CaseCountsView(context: req.pageContext, rows: counts).document)
        }
        let (cases, _) = try await CaseAccess.visibleCases(of: user, on: req.db)
        return HTMLPage(
            document: CaseListView(
                context: req.pageContext, cases: cases, today: today,
                canOpen: AccessPolicy.caseRoles.contains(user.role),
                registry: req.application.neig.municipalities
            ).document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        let (user, _) = try CaseAccess.caseActor(req.context)
        var values = [
            "fase": "dreiging", "vertrouwelijkheid": "zaakvertrouwelijk",
            "termijn": String(CaseService.defaultHandlingDays)
        ]
        var origin: (id: UUID, attacks: Int)?
        if let area = try await riskArea(req.query[String.self, at: "risicogebied"], for: user, context: req.context) {
            let attacks = try await RiskAreaService.attacks(of: area, on: req.db)
            let address = attacks.first?.address ?? ""
            values["titel"] = address
            values["adres"] = address
            values["bag_id"] = attacks.first?.bagID ?? ""
            values["fase"] = "explosie"
            origin = (try area.requireID(), attacks.count)
        }
        return HTMLPage(
            document: CaseFormView(context: req.pageContext, values: values, errors: [], riskArea: origin).document)
    }

    /// The risk area a new case starts from: only a running one of the user's own municipality that has no case yet.
    static func riskArea(_ id: String?, for user: User, context: ServiceContext) async throws -> RiskArea? {
        guard let id = id.flatMap(UUID.init(uuidString:)), let area = try await RiskArea.find(id, on: context.db),
            area.municipalityCode == user.actor.municipalityCode, area.caseID == nil,
            area.state(today: context.clock.today) == .running
        else { return nil }
        return area
    }

    struct CaseForm: Content {
        var titel: String?
        var adres: String?
        var fase: String?
        var vertrouwelijkheid: String?
        var termijn: String?
        var behandelaar: String?
        var risicogebied: String?
        var bag_id: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let (user, _) = try CaseAccess.caseActor(req.context)
        let form = try req.content.decode(CaseForm.self)
        let values: [String: String] = [
            "titel": form.titel ?? "", "adres": form.adres ?? "", "fase": form.fase ?? "",
            "vertrouwelijkheid": form.vertrouwelijkheid ?? "", "termijn": form.termijn ?? "",
            "behandelaar": form.behandelaar ?? "", "bag_id": form.bag_id ?? ""
        ].mapValues { $0.trimmingCharacters(in: .whitespaces) }
        switch CaseService.validate(
            title: values["titel"], address: values["adres"], phase: values["fase"],
            confidentiality: values["vertrouwelijkheid"],
            handlingDays: values["termijn"], responsible: values["behandelaar"], bagID: values["bag_id"])
        {
        case .invalid(let errors):
            let area = try await riskArea(form.risicogebied, for: user, context: req.context)
            let attacks = try await area.asyncFlatMap { try await RiskAreaService.attacks(of: $0, on: req.db) }
            let view = CaseFormView(
                context: req.pageContext, values: values, errors: errors,
                riskArea: try area.map { (try $0.requireID(), attacks?.count ?? 0) })
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        case .valid(let draft):
            let area = try await riskArea(form.risicogebied, for: user, context: req.context)
            if area == nil && !(form.risicogebied ?? "").isEmpty {
                throw NEIGError(
                    status: .conflict, title: "Al een zaak",
                    detail:
                        "Voor dit risicogebied is al een zaak geopend, of het loopt niet meer. Er is geen nieuwe zaak gemaakt."
                )
            }
            let caseFile = try await CaseService.open(draft, by: user, from: area, context: req.context)
            return try await req.redirect(
                to: SiteURL.caseFile(id: try caseFile.requireID()).path,
                saying:
                    "De zaak is geopend in de fase \(caseFile.phase.label.lowercased()). De checklist staat hieronder.")
        }
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (_, caseFile, level) = try await CaseAccess.find(req)
        let model = try await CaseDetailModel.load(req.context, caseFile: caseFile, level: level)
        return HTMLPage(document: CaseDetailView(context: req.pageContext, model: model, error: nil).document)
    }

    static func detail(_ req: Request, _ caseFile: CaseFile, error: String?) async throws -> CaseDetailView {
        let model = try await CaseDetailModel.load(req.context, caseFile: caseFile, level: .municipality)
        return CaseDetailView(context: req.pageContext, model: model, error: error)
    }

    struct PhaseForm: Content {
        var fase: String?
        var toelichting: String?
    }

    static func changePhase(_ req: Request) async throws -> Response {
        let (user, caseFile, _) = try await CaseAccess.find(req, managing: true)
        let form = try req.content.decode(PhaseForm.self)
        if case .failure(let refusal) = try await CaseService.changePhase(
            caseFile, to: form.fase, note: form.toelichting, by: user, context: req.context)
        {
            let view = try await detail(req, caseFile, error: refusal.message)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
        return try await req.redirect(
            to: SiteURL.caseFile(id: try caseFile.requireID()).path + "#fase",
            saying: "De zaak is nu in de fase \(caseFile.phase.label.lowercased()).")
    }
}
