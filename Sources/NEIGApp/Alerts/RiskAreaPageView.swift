import Foundation
import NEIGCore
import Plot

/// One risk area: its attacks, end date and priority, and what to do — see it, open a case from it, close it early.
struct RiskAreaPageView {
    let context: PageContext
    let area: RiskArea
    let attacks: [Incident]
    /// The attacks whose zones make up the area; the others are earlier attacks inside those zones.
    let raising: Set<UUID>
    let pattern: Bool
    /// When this person saw the area as it is now.
    let seenAt: Date?
    let canAct: Bool
    let today: CivilDate
    let registry: MunicipalityRegistry
    let error: String?
    var zoneMap: MapFigure?

    var id: UUID { area.id! }
    var running: Bool { area.state(today: today) == .running }

    var document: HTML {
        Layout(
            title: "Risicogebied", context: context,
            content: .div(
                .p(.a(.href(SiteURL.alerts.path), .text("Alle risicogebieden"))),
                .h1(.text(RiskAreaParts.name(area, place: attacks.first?.address, registry: registry))),
                .unwrap(error) { FormViews.errorSummary([.init(field: "reden", message: $0)]) },
                .p(.class("lead"), .text(RiskAreaParts.summary(area, today: today))),
                .dl(
                    .class("facts"),
                    .dt(.text("Staat")), .dd(.strong(.text(area.state(today: today).label))),
                    .dt(.text("Loopt tot en met")), .dd(.text(CivilDate.dutch(iso: area.endsOn))),
                    .if(
                        area.closedOn != nil,
                        .group(
                            .dt(.text("Gesloten")),
                            .dd(
                                .text(
                                    "\(CivilDate.dutch(iso: area.closedOn ?? "")) door \(area.closedBy ?? "onbekend"): \(area.closedReason ?? "")"
                                ))))),
                .if(
                    pattern,
                    .p(
                        .text(
                            "De aanslagen in deze gemeente volgen een near-repeatpatroon: na een aanslag volgt vaker een nieuwe dichtbij."
                        ))),
                actions,
                .unwrap(zoneMap) { .map($0, enhancement: context.mapEnhancement) },
                .h2(.id("aanslagen"), .text("Aanslagen in het gebied (\(attacks.count))")),
                .scrollingTable(
                    "Tabel",
                    .thead(
                        .tr(
                            .th(.text("Datum")), .th(.text("Adres")), .th(.text("Doelwit")), .th(.text("Middel")),
                            .th(.text("Rol")))),
                    .tbody(
                        .forEach(attacks) { incident in
                            .tr(
                                .td(.text(CivilDate.dutch(iso: incident.occurredOn))),
                                .td(
                                    .a(
                                        .href(SiteURL.incident(id: incident.id!).path),
                                        .text(incident.address ?? "adres onbekend"))),
                                .td(.text(incident.target.label)), .td(.text(incident.means.label)),
                                .td(
                                    .text(
                                        raising.contains(incident.id!)
                                            ? "zone van het gebied" : "eerder, in een zone")))
                        })),
                .h2(.text("Aanbevolen nazorg")),
                .ul(.forEach(NearRepeatZone.suggestedActions) { .li(.text($0)) })
            )
        ).document
    }

    var actions: Node<HTML.BodyContext> {
        .div(
            .class("actions"),
            seenAt.map {
                .p(.class("muted"), .text("U zag dit gebied op \(CaseDetailView.timeFormat.string(from: $0))."))
            }
                ?? (running
                    ? .form(
                        .method(.post), .action(SiteURL.riskArea(id: id, .gezien).path),
                        FormViews.csrf(context.csrfToken),
                        .button(.type(.submit), .class("button secondary"), .text("Gezien (alleen voor mij)")))
                    : .empty),
            .if(
                canAct,
                area.caseID.map { caseID in
                    .p(
                        .a(
                            .class("button"), .href(SiteURL.caseFile(id: caseID).path),
                            .text("Naar de zaak van dit gebied")))
                }
                    ?? .p(
                        .a(
                            .class("button"), .href(SiteURL.newCase(riskArea: id).path),
                            .text("Zaak openen vanuit dit gebied")))),
            .if(canAct && running, closeForm))
    }

    var closeForm: Node<HTML.BodyContext> {
        .details(
            .class("danger-zone"),
            .attribute(named: "open", value: error == nil ? nil : "open"),
            .summary(.text("Gebied eerder sluiten")),
            .form(
                .method(.post), .action(SiteURL.riskArea(id: id, .sluiten).path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.textArea(
                    "reden", label: "Waarom sluit het gebied eerder?", value: nil,
                    hint:
                        "Bijvoorbeeld: de daders zijn aangehouden. Een nieuwe aanslag in de buurt opent een nieuw gebied.",
                    errors: error.map { [.init(field: "reden", message: $0)] } ?? [], required: true),
                .button(.type(.submit), .class("button secondary"), .text("Gebied sluiten"))))
    }
}
