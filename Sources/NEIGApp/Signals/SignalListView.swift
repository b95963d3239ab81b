import Foundation
import NEIGCore
import Plot

struct SignalListView {
    let context: PageContext
    let signals: [RiskSignal]
    let triage: Bool
    let canSend: Bool
    let status: SignalStatus?
    let registry: MunicipalityRegistry

    var document: HTML {
        Layout(
            title: "Signalen", context: context,
            content: .div(
                .h1(.text(triage ? "Signalen voor uw gemeente" : "Uw signalen")),
                .p(
                    .class("lead"),
                    .text(
                        triage
                            ? "Signalen van woningcorporaties, ondernemers en politie: beoordelen, koppelen aan een zaak of afwijzen."
                            : "Meld een risico bij de gemeente en volg wat ermee gebeurt. Bij direct gevaar: bel 112.")),
                .if(canSend, .p(.a(.class("button"), .href(SiteURL.newSignal.path), .text("Nieuw signaal")))),
                .if(
                    triage,
                    .p(.a(.href(SiteURL.routingRules.path), .text("Routeringsregels: welk team krijgt welk signaal")))),
                .if(
                    triage,
                    .form(
                        .method(.get), .action(SiteURL.signals().path), .class("filters"),
                        FormViews.select(
                            "status", label: "Status",
                            options: [("", "Alle")] + SignalStatus.allCases.map { ($0.rawValue, $0.label) },
                            selected: status?.rawValue, errors: []),
                        .button(.type(.submit), .class("button secondary"), .text("Filteren"))
                    )),
                signals.isEmpty
                    ? .p(.text("Geen signalen."))
                    : .scrollingTable(
                        "Signalen",
                        .class("data"),
                        .caption(.text("Signalen, nieuwste eerst")),
                        .thead(
                            .tr(
                                .forEach(["Ontvangen", "Soort", "Urgentie", "Gemeente", "Adres", "Status", "Team"]) {
                                    .th(.attribute(named: "scope", value: "col"), .text($0))
                                })),
                        .tbody(
                            .forEach(signals) { signal in
                                .tr(
                                    .td(
                                        .a(
                                            .href(SiteURL.signal(id: signal.id!).path),
                                            .text(CaseDetailView.timeFormat.string(from: signal.createdAt)))),
                                    .td(.text(signal.kind.label)),
                                    .td(.text(signal.urgency.label)),
                                    .td(
                                        .text(
                                            registry[signal.municipalityCode]?.displayName
                                                ?? signal.municipalityCode)),
                                    .td(.text(signal.address)),
                                    .td(.text(signal.status.label)),
                                    .td(.text(signal.team ?? "—"))
                                )
                            })
                    )
            )
        ).document
    }
}
