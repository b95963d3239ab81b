import Fluent
import NEIGCore
import Plot
import Vapor

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
