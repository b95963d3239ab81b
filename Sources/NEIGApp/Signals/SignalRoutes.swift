import Fluent
import NEIGCore
import Vapor

/// Signals intake: partners send risk signals to a municipality and follow their own; the municipality triages
/// and routes them; coordinators see counts per business sector only.
enum SignalRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.signals(), use: list)
        routes.get(.newSignal, use: newForm)
        routes.post(.signals(), use: create)
        routes.get(.signal(id: .key), use: show)
        routes.post(.signal(id: .key, status: true), use: triage)
        routes.get(.routingRules, use: routing)
        routes.post(.routingRules, use: addRule)
        routes.post(.deleteRoutingRule, use: deleteRule)
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        if user.role == .coordinator {
            let signals = try await RiskSignal.query(on: req.db).filter(\.$sender == SignalSender.business)
                .field(\.$sector).field(\.$kind).all()
            return HTMLPage(document: SectorOverviewView(context: req.pageContext, signals: signals).document)
        }
        let status = req.query[String.self, at: "status"].flatMap(SignalStatus.init(rawValue:))
        let query = try SignalService.visible(to: user, on: req.db)
        if let status { query.filter(\.$status == status) }
        let signals = try await query.sort(\.$createdAt, .descending).limit(500).all()
        return HTMLPage(
            document: SignalListView(
                context: req.pageContext, signals: signals, triage: AccessPolicy.caseRoles.contains(user.role),
                canSend: AccessPolicy.signalSenders.contains(user.role), status: status,
                registry: req.application.neig.municipalities
            ).document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        let (_, sender) = try SignalService.sender(req.context)
        return HTMLPage(
            document: SignalFormView(
                context: req.pageContext, sender: sender, values: ["urgentie": "normaal"], errors: [],
                registry: req.application.neig.municipalities
            ).document)
    }

    struct SignalForm: Content {
        var gemeente: String?
        var adres: String?
        var postcode: String?
        var soort: String?
        var urgentie: String?
        var sector: String?
        var toelichting: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let (user, sender) = try SignalService.sender(req.context)
        let form = try req.content.decode(SignalForm.self)
        switch SignalService.validate(
            municipality: form.gemeente, address: form.adres, postcode: form.postcode, kind: form.soort,
            urgency: form.urgentie, sector: form.sector, text: form.toelichting, sender: sender,
            registry: req.application.neig.municipalities)
        {
        case .invalid(let errors):
            let values = [
                "gemeente": form.gemeente, "adres": form.adres, "postcode": form.postcode, "soort": form.soort,
                "urgentie": form.urgentie,
                "sector": form.sector, "toelichting": form.toelichting
            ].compactMapValues { $0 }
            let view = SignalFormView(
                context: req.pageContext, sender: sender, values: values, errors: errors,
                registry: req.application.neig.municipalities)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        case .valid(let draft):
            let signal = try await SignalService.submit(draft, by: user, sender: sender, context: req.context)
            return try await req.redirect(
                to: SiteURL.signal(id: try signal.requireID()).path,
                saying: "Uw signaal is verstuurd naar de gemeente. U ziet hier wat ermee gebeurt.")
        }
    }

    /// The signal of the `id` parameter: for triage only the municipality's own, otherwise one the user may see.
    static func find(_ req: Request, triage: Bool) async throws -> (User, RiskSignal) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self), let signal = try await RiskSignal.find(id, on: req.db),
            triage
                ? AccessPolicy.canManageCases(user.actor, municipalityCode: signal.municipalityCode)
                : SignalService.canSee(signal, user: user)
        else {
            try await req.audit("signal.read", object: "signal", id: req.parameters.get("id"), result: "denied")
            throw NEIGError.notFound()
        }
        return (user, signal)
    }

    static func detail(_ req: Request, _ signal: RiskSignal, user: User, errors: [FormViews.FieldError]) async throws
        -> SignalDetailView
    {
        let triage = AccessPolicy.canManageCases(user.actor, municipalityCode: signal.municipalityCode)
        let cases =
            triage
            ? try await CaseFile.query(on: req.db).filter(\.$municipalityCode == signal.municipalityCode)
                .filter(\.$phase != CasePhase.gesloten).sort(\.$createdAt, .descending).all() : []
        return SignalDetailView(
            context: req.pageContext, signal: signal, triage: triage, cases: cases, errors: errors,
            municipality: req.application.neig.municipalities[signal.municipalityCode]?.displayName
                ?? signal.municipalityCode)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (user, signal) = try await find(req, triage: false)
        return HTMLPage(document: try await detail(req, signal, user: user, errors: []).document)
    }

    struct TriageForm: Content {
        var status: String?
        var reden: String?
        var zaak: String?
        var team: String?
    }

    static func triage(_ req: Request) async throws -> Response {
        let (user, signal) = try await find(req, triage: true)
        let form = try req.content.decode(TriageForm.self)
        switch try await SignalService.triage(
            signal, to: form.status, reason: form.reden, caseID: form.zaak, team: form.team, by: user,
            context: req.context)
        {
        case .success:
            return try await req.redirect(
                to: SiteURL.signal(id: try signal.requireID()).path,
                saying: "Het signaal is nu: \(signal.status.label.lowercased()).")
        case .failure(.invalid(let field, let message)):
            let stored = try await RiskSignal.find(signal.requireID(), on: req.db) ?? signal
            let view = try await detail(req, stored, user: user, errors: [.init(field: field, message: message)])
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    static func municipalActor(_ req: Request) throws -> (User, String) {
        let (user, actor) = try CaseAccess.caseActor(req.context)
        return (user, actor.municipalityCode!)
    }

    static func routing(_ req: Request) async throws -> HTMLPage {
        let (_, code) = try municipalActor(req)
        let rules = try await RoutingRule.queryWithConditions(on: req.db).filter(\.$municipalityCode == code).sort(
            \.$priority
        ).all()
        return HTMLPage(document: try RoutingRulesView(context: req.pageContext, rules: rules, errors: []).document)
    }

    struct RuleForm: Content {
        var prioriteit: String?
        var postcodes: String?
        var soorten: [String]?
        var afzenders: [String]?
        var team: String?
        var regel: String?
    }

    static func addRule(_ req: Request) async throws -> Response {
        let (_, code) = try municipalActor(req)
        let form = try req.content.decode(RuleForm.self)
        var errors: [FormViews.FieldError] = []
        let priority = BoundedNumber.integer(form.prioriteit ?? "", in: 1...999)
            .orFieldError("prioriteit", &errors, message: "De prioriteit is een getal van 1 tot 999; 1 gaat voor.")
        let areas = RoutingRule.list(form.postcodes ?? "")
        if !areas.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isNumber) }) {
            errors.append(
                .init(
                    field: "postcodes",
                    message: "Postcodegebieden zijn vier cijfers, met komma's ertussen (1017, 1018)."))
        }
        let kinds = (form.soorten ?? []).compactMap(SignalKind.init(rawValue:)),
            senders = (form.afzenders ?? []).compactMap(SignalSender.init(rawValue:))
        let team = (form.team ?? "").trimmingCharacters(in: .whitespaces)
        if team.isEmpty || team.count > 100 {
            errors.append(.init(field: "team", message: "Noem het team dat de signalen krijgt."))
        }
        guard errors.isEmpty, let priority else {
            let rules = try await RoutingRule.queryWithConditions(on: req.db).filter(\.$municipalityCode == code).sort(
                \.$priority
            ).all()
            return try await HTMLPage(
                document: try RoutingRulesView(context: req.pageContext, rules: rules, errors: errors).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        try await SignalService.addRoutingRule(
            in: code, priority: priority, team: team, postcodeAreas: areas, kinds: kinds, senders: senders,
            context: req.context)
        return try await req.redirect(to: SiteURL.routingRules.path, saying: "De routeringsregel is toegevoegd.")
    }

    static func deleteRule(_ req: Request) async throws -> Response {
        let (_, code) = try municipalActor(req)
        let form = try req.content.decode(RuleForm.self)
        if let id = form.regel.flatMap(UUID.init(uuidString:)), let rule = try await RoutingRule.find(id, on: req.db),
            rule.municipalityCode == code
        {
            try await SignalService.delete(rule, context: req.context)
        }
        return try await req.redirect(to: SiteURL.routingRules.path, saying: "De routeringsregel is verwijderd.")
    }
}
