import Fluent
import NEIGCore
import Plot
import Vapor

/// Near-repeat warnings: only the municipality itself (and police, OM and coordinators, who see all
/// addresses) see a warning; for everyone else it does not exist.
enum AlertRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("meldingen", use: list)
        routes.post("meldingen", ":id", "gezien", use: acknowledge)
    }

    struct Item {
        let alert: NearRepeatAlert
        let incident: Incident
        let earlier: [Incident]
        var isOpen: Bool
    }

    static func visibleAlerts(_ req: Request, actor: Actor) async throws -> [Item] {
        let today = req.application.neig.clock.today.iso
        let alerts = try await NearRepeatAlert.query(on: req.db).with(\.$incident).with(\.$earlierRows).sort(
            \.$createdAt, .descending
        ).limit(500).all()
            .filter { AccessPolicy.canSeeLocation(actor, municipalityCode: $0.municipalityCode) }
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
        if alert.acknowledgedAt == nil {
            alert.acknowledgedAt = req.application.neig.clock.now()
            alert.acknowledgedBy = user.name
            try await req.db.transaction { tx in
                try await alert.save(on: tx)
                try await req.audit(
                    "alert.acknowledge", object: "near_repeat_alert", id: alert.id?.uuidString.lowercased(), on: tx)
            }
        }
        return req.redirect(to: SiteURL.alerts.path, redirectType: .normal)
    }
}

struct AlertListView {
    let context: PageContext
    let items: [AlertRoutes.Item]
    let registry: MunicipalityRegistry

    var document: HTML {
        let open = items.filter(\.isOpen), closed = items.filter { !$0.isOpen }
        return Layout(
            title: "Near-repeatwaarschuwingen", context: context,
            content: .div(
                .h1(.text("Near-repeatwaarschuwingen")),
                .p(
                    .class("lead"),
                    .text(
                        "Na een aanslag is het risico op een nieuwe aanslag in de buurt de eerste weken verhoogd. neig waarschuwt wanneer er eerder aanslagen in die zone waren of wanneer de aanslagen in de gemeente een near-repeatpatroon volgen."
                    )),
                .h2(.text("Lopend (\(open.count))")),
                open.isEmpty ? .p(.text("Er zijn geen lopende waarschuwingen.")) : .group(open.map(card)),
                .if(
                    !closed.isEmpty,
                    .group(.h2(.text("Afgelopen of gezien (\(closed.count))")), .group(closed.prefix(50).map(card))))
            )
        ).document
    }

    func card(_ item: AlertRoutes.Item) -> Node<HTML.BodyContext> {
        let alert = item.alert, incident = item.incident
        let name = registry[alert.municipalityCode]?.displayName ?? alert.municipalityCode
        let date = CivilDate.dutch(iso: incident.occurredOn)
        let until = CivilDate.dutch(iso: alert.validUntil)
        let incidentID = incident.id ?? UUID()
        return .article(
            .class(item.isOpen ? "alert-card open" : "alert-card"),
            .h3(.text("\(name): \(incident.address ?? "aanslag") op \(date)")),
            .p(
                .text(
                    "Verhoogd risico binnen \(Int(alert.radius)) m tot en met \(until)."
                        + (alert.patternSignificant
                            ? " De aanslagen in deze gemeente volgen een near-repeatpatroon." : ""))),
            .p(.a(.href(SiteURL.incident(id: incidentID).path), .text("Naar het incident"))),
            .if(
                !item.earlier.isEmpty,
                .group(
                    .h4(.text("Eerdere aanslagen in de zone (\(item.earlier.count))")),
                    .ul(
                        .forEach(item.earlier) { earlier in
                            .li(
                                .text(
                                    "\(CivilDate.dutch(iso: earlier.occurredOn)): \(earlier.address ?? "adres onbekend")"
                                ))
                        })
                )),
            .element(
                named: "details",
                nodes: [
                    .element(named: "summary", text: "Aanbevolen nazorg"),
                    .ul(.forEach(NearRepeatZone.suggestedActions) { .li(.text($0)) })
                ]),
            alert.acknowledgedAt == nil
                ? .form(
                    .method(.post), .action(SiteURL.acknowledgeAlert(incidentID: incidentID).path),
                    FormViews.csrf(context.csrfToken),
                    .button(.type(.submit), .class("button secondary"), .text("Gezien")))
                : .p(.class("hint"), .text("Gezien door \(alert.acknowledgedBy ?? "onbekend")."))
        )
    }
}
