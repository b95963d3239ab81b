import Fluent
import NEIGCore
import Vapor

/// Near-repeat warnings: only the municipality itself (and police, OM and coordinators, who see all
/// addresses) see a warning; for everyone else it does not exist.
enum AlertRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.alerts, use: list)
        routes.post(.acknowledgeAlert(incidentID: .key), use: acknowledge)
    }

    struct Item {
        let alert: NearRepeatAlert
        let incident: Incident
        let earlier: [Incident]
        var isOpen: Bool
    }

    static func visibleAlerts(_ req: Request, actor: Actor) async throws -> [Item] {
        let today = req.application.neig.clock.today.iso
        // Warnings raised together (an import) come newest zone first, then by the register's own number, so the
        // order is the same on every database.
        let alerts = try await NearRepeatAlert.query(on: req.db).with(\.$incident).with(\.$earlierRows)
            .sort(\.$createdAt, .descending).sort(\.$validUntil, .descending).limit(500).all()
            .filter { AccessPolicy.canSeeLocation(actor, municipalityCode: $0.municipalityCode) }
            .sorted { a, b in
                if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
                if a.validUntil != b.validUntil { return a.validUntil > b.validUntil }
                return a.incident.sourceID < b.incident.sourceID
            }
        // The earlier attacks of all warnings in one query, not one per warning.
        let earlierIDs = Array(Set(try alerts.flatMap { try $0.earlierIDs }))
        let earlier =
            earlierIDs.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await Incident.query(on: req.db)
                    .filter(\.$id ~~ earlierIDs).all().compactMap { incident in incident.id.map { ($0, incident) } })
        return try alerts.map { alert in
            Item(
                alert: alert, incident: alert.incident,
                earlier: try alert.earlierIDs.compactMap { earlier[$0] }.sorted { $0.occurredOn > $1.occurredOn },
                isOpen: alert.acknowledgedAt == nil && alert.validUntil >= today)
        }
    }

    /// For the dashboard: how many running, unacknowledged warnings this person may see.
    static func openAlertCount(_ req: Request, actor: Actor) async throws -> Int {
        try await NearRepeatAlert.query(on: req.db)
            .filter(\.$acknowledgedAt == nil)
            .filter(\.$validUntil >= req.application.neig.clock.today.iso)
            .all(\.$municipalityCode)
            .filter { AccessPolicy.canSeeLocation(actor, municipalityCode: $0) }
            .count
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let actor = try req.requireUser().actor
        let items = try await visibleAlerts(req, actor: actor)
        return HTMLPage(
            document: AlertListView(
                context: req.pageContext, items: items,
                registry: req.application.neig.municipalities
            ).document)
    }

    static func acknowledge(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let alert = try await NearRepeatAlert.query(on: req.db).filter(\.$incident.$id == id).first(),
            AccessPolicy.canSeeLocation(user.actor, municipalityCode: alert.municipalityCode)
        else {
            throw NEIGError.notFound()
        }
        try await NearRepeatAlertService.acknowledge(alert, by: user, context: req.context)
        return try await req.redirect(to: SiteURL.alerts.path, saying: "De waarschuwing is gemarkeerd als gezien.")
    }
}
