import Fluent
import NEIGCore
import Vapor

/// Risk areas: only the municipality itself (and police, OM and coordinators, who see all addresses) see an area;
/// for everyone else it does not exist.
enum AlertRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.alerts, use: list)
        routes.get(.riskArea(id: .key), use: show)
        routes.post(.riskArea(id: .key, .gezien), use: markSeen)
        routes.post(.riskArea(id: .key, .sluiten), use: close)
    }

    /// For the home page: the running areas this person may see and has not seen as they are now.
    static func unseenCount(_ req: Request, user: User) async throws -> Int {
        let running = try await RiskAreaService.running(
            visibleTo: user.actor, today: req.application.neig.clock.today, on: req.db)
        return try await RiskAreaService.unseen(running, by: user.id, on: req.db).count
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let today = req.application.neig.clock.today
        let seesAll = AccessPolicy.rolesSeeingAllAddresses.contains(user.role)
        let state = req.query[String.self, at: "staat"].flatMap(RiskArea.State.init(rawValue:))
        let showAll = req.query[String.self, at: "staat"] == "alle"
        let chosen =
            seesAll
            ? req.query[String.self, at: "gemeente"].flatMap { req.application.neig.municipalities[$0]?.code } : nil
        var query = RiskArea.query(on: req.db)
        if let chosen { query = query.filter(\.$municipalityCode == chosen) }
        if !seesAll { query = query.filter(\.$municipalityCode == (user.actor.municipalityCode ?? "")) }
        let visible = try await query.sort(\.$endsOn, .descending).limit(2000).all()
            .filter { AccessPolicy.canSeeLocation(user.actor, municipalityCode: $0.municipalityCode) }
        let counts = Dictionary(grouping: visible, by: { $0.state(today: today) }).mapValues(\.count)
        let shownState = showAll ? nil : (state ?? .running)
        let shown = visible.filter { shownState == nil || $0.state(today: today) == shownState }
            .sorted { a, b in
                let (pa, pb) = (a.priority(today: today), b.priority(today: today))
                if pa != pb { return pa > pb }
                if a.endsOn != b.endsOn { return a.endsOn > b.endsOn }
                return a.id!.uuidString < b.id!.uuidString
            }
            .prefix(200)
        let places = try await RiskAreaParts.places(of: Array(shown), on: req.db)
        return HTMLPage(
            document: RiskAreaListView(
                context: req.pageContext, areas: Array(shown), places: places,
                unseen: try await RiskAreaService.unseen(Array(shown), by: user.id, on: req.db), counts: counts,
                state: shownState, municipality: chosen, seesAll: seesAll, today: today,
                registry: req.application.neig.municipalities
            ).document)
    }

    /// The area of the `id` parameter, if this person may see where it is; 404 otherwise.
    static func find(_ req: Request) async throws -> (User, RiskArea) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self), let area = try await RiskArea.find(id, on: req.db),
            AccessPolicy.canSeeLocation(user.actor, municipalityCode: area.municipalityCode)
        else {
            try await req.audit("risk_area.read", object: "risk_area", id: req.parameters.get("id"), result: "denied")
            throw NEIGError.notFound()
        }
        return (user, area)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (user, area) = try await find(req)
        return HTMLPage(document: try await page(req, user: user, area: area, error: nil).document)
    }

    static func page(_ req: Request, user: User, area: RiskArea, error: String?) async throws -> RiskAreaPageView {
        let alerts = try await NearRepeatAlert.query(on: req.db).filter(\.$riskArea.$id == area.requireID()).all()
        let sighting = try await RiskAreaSighting.query(on: req.db).filter(\.$riskArea.$id == area.requireID())
            .filter(\.$user.$id == user.requireID()).first()
        let attacks = try await RiskAreaService.attacks(of: area, on: req.db)
        let zones = RiskZoneMap(
            area: area,
            zones: alerts.map { .init(centre: RDPoint(x: $0.centreX, y: $0.centreY), radius: $0.radius) },
            attacks: attacks, raising: Set(alerts.map(\.$incident.id)))
        let registry = req.application.neig.municipalities
        return RiskAreaPageView(
            context: req.pageContext, area: area, attacks: attacks, raising: zones.raising,
            pattern: alerts.contains(where: \.patternSignificant),
            seenAt: sighting.flatMap { $0.seenAt >= area.grownAt ? $0.seenAt : nil },
            canAct: AccessPolicy.caseRoles.contains(user.role) && user.actor.municipalityCode == area.municipalityCode,
            today: req.application.neig.clock.today, registry: registry, error: error,
            zoneMap: zones.figure(registry: registry, tableAnchor: "aanslagen"))
    }

    static func markSeen(_ req: Request) async throws -> Response {
        let (user, area) = try await find(req)
        try await RiskAreaService.markSeen(area, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.riskArea(id: try area.requireID()).path,
            saying: "Gemarkeerd als gezien, alleen voor u. Groeit het gebied, dan ziet u het weer als nieuw.")
    }

    struct CloseForm: Content { var reden: String? }

    static func close(_ req: Request) async throws -> Response {
        let (user, area) = try await find(req)
        guard user.actor.municipalityCode == area.municipalityCode else {
            throw NEIGError.forbidden("Alleen de gemeente zelf sluit een risicogebied.")
        }
        let reason = try req.content.decode(CloseForm.self).reden
        switch try await RiskAreaService.close(area, reason: reason, by: user, context: req.context) {
        case .success:
            return try await req.redirect(
                to: SiteURL.riskArea(id: try area.requireID()).path,
                saying: "Het risicogebied is gesloten. Een nieuwe aanslag in de buurt opent een nieuw gebied.")
        case .failure(let refusal):
            let message =
                switch refusal {
                case .notRunning: "Dit risicogebied loopt niet meer en kan niet worden gesloten."
                case .reason: "Schrijf waarom het gebied eerder sluit (5 tot 1.000 tekens). Er is niets gewijzigd."
                }
            let view = try await page(req, user: user, area: area, error: message)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
