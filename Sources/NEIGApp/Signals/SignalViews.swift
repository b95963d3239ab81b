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
                    : .div(
                        .class("table-scroll"), .attribute(named: "tabindex", value: "0"),
                        .attribute(named: "role", value: "region"),
                        .attribute(named: "aria-label", value: "Signalen"),
                        .table(
                            .class("data"),
                            .caption(.text("Signalen, nieuwste eerst")),
                            .thead(
                                .tr(
                                    .forEach(["Ontvangen", "Soort", "Urgentie", "Gemeente", "Adres", "Status", "Team"])
                                    {
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
            )
        ).document
    }
}

struct SignalFormView {
    let context: PageContext
    let sender: SignalSender
    let values: [String: String]
    let errors: [FormViews.FieldError]
    let registry: MunicipalityRegistry

    var document: HTML {
        Layout(
            title: "Nieuw signaal", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Nieuw signaal")),
                .p(
                    .text(
                        "Bij direct gevaar: bel 112. Noem geen namen als dat niet nodig is; de gemeente neemt contact op."
                    )),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.signals().path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.select(
                        "gemeente", label: "Gemeente",
                        options: [("", "Kies een gemeente")] + registry.all.map { ($0.code, $0.displayName) },
                        selected: values["gemeente"], errors: errors),
                    FormViews.textField(
                        "adres", label: "Adres", value: values["adres"], required: true, errors: errors),
                    FormViews.textField(
                        "postcode", label: "Postcode", value: values["postcode"], errors: errors,
                        autocomplete: "postal-code"),
                    FormViews.select(
                        "soort", label: "Soort risico", options: SignalKind.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["soort"], errors: errors),
                    FormViews.select(
                        "urgentie", label: "Urgentie", options: SignalUrgency.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["urgentie"], errors: errors),
                    .if(
                        sender == .business,
                        FormViews.select(
                            "sector", label: "Sector", options: BusinessSector.allCases.map { ($0.rawValue, $0.label) },
                            selected: values["sector"], errors: errors)),
                    FormViews.textArea(
                        "toelichting", label: "Wat speelt er?", value: values["toelichting"], errors: errors,
                        required: true),
                    .button(.type(.submit), .class("button"), .text("Signaal versturen"))
                )
            )
        ).document
    }
}

struct SignalDetailView {
    let context: PageContext
    let signal: RiskSignal
    let triage: Bool
    let cases: [CaseFile]
    let errors: [FormViews.FieldError]
    let municipality: String

    var document: HTML {
        let uuid = signal.id!
        return Layout(
            title: "Signaal", context: context,
            content: .div(
                .h1(.text("Signaal: \(signal.kind.label)")),
                FormViews.errorSummary(errors),
                .dl(
                    .class("facts"),
                    .dt(.text("Status")), .dd(.strong(.text(signal.status.label))),
                    .dt(.text("Ontvangen")), .dd(.text(CaseDetailView.timeFormat.string(from: signal.createdAt))),
                    .dt(.text("Gemeente")), .dd(.text(municipality)),
                    .dt(.text("Adres")),
                    .dd(.text([signal.address, signal.postcode].compactMap { $0 }.joined(separator: ", "))),
                    .dt(.text("Urgentie")), .dd(.text(signal.urgency.label)),
                    .dt(.text("Afzender")), .dd(.text("\(signal.senderName) (\(signal.sender.label))")),
                    .unwrap(signal.sector) { .group(.dt(.text("Sector")), .dd(.text($0.label))) },
                    .dt(.text("Team")), .dd(.text(signal.team ?? "—")),
                    .unwrap(signal.reason) { .group(.dt(.text("Reden van afwijzen")), .dd(.text($0))) },
                    .if(
                        triage && signal.caseID != nil,
                        .group(
                            .dt(.text("Zaak")),
                            .dd(
                                .a(
                                    .href(signal.caseID.map { SiteURL.caseFile(id: $0).path } ?? ""),
                                    .text("Naar de zaak")))))
                ),
                .h2(.text("Toelichting")),
                .p(.class("prewrap"), .text(signal.text)),
                .if(
                    triage && !signal.status.allowedNext.isEmpty,
                    .div(
                        .h2(.text("Beoordelen")),
                        .form(
                            .method(.post), .action(SiteURL.signal(id: uuid, status: true).path),
                            .attribute(named: "novalidate"),
                            FormViews.csrf(context.csrfToken),
                            FormViews.select(
                                "status", label: "Nieuwe status",
                                options: signal.status.allowedNext.map { ($0.rawValue, $0.label) }, selected: nil,
                                errors: errors),
                            FormViews.select(
                                "zaak", label: "Koppelen aan zaak",
                                options: [("", "Geen")] + cases.map { ($0.id!.uuidString.lowercased(), $0.title) },
                                selected: nil, errors: errors, required: false),
                            FormViews.textField(
                                "reden", label: "Reden van afwijzen", value: nil, hint: "De afzender ziet deze reden.",
                                errors: errors),
                            FormViews.textField("team", label: "Team", value: signal.team, errors: errors),
                            .button(.type(.submit), .class("button"), .text("Opslaan"))
                        ),
                        .p(.a(.href(SiteURL.newCase.path), .text("Eerst een nieuwe zaak openen")))
                    ))
            )
        ).document
    }
}

/// Coordinators: business signals per sector, counts only (the action plan's sector overview).
struct SectorOverviewView {
    let context: PageContext
    let signals: [RiskSignal]

    var document: HTML {
        let bySector = Dictionary(grouping: signals) { $0.sector ?? .other }
        return Layout(
            title: "Signalen per sector", context: context,
            content: .div(
                .h1(.text("Signalen van ondernemers per sector")),
                .p(
                    .class("lead"),
                    .text(
                        "Aantallen signalen uit het bedrijfsleven, landelijk. Inhoud en adressen blijven bij de gemeente."
                    )),
                .div(
                    .class("table-scroll"), .attribute(named: "tabindex", value: "0"),
                    .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: "Signalen per sector"),
                    .table(
                        .class("data"),
                        .caption(.text("Signalen per sector en soort risico")),
                        .thead(
                            .tr(
                                .th(.attribute(named: "scope", value: "col"), .text("Sector")),
                                .th(.attribute(named: "scope", value: "col"), .class("num"), .text("Totaal")),
                                .forEach(SignalKind.allCases) {
                                    .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0.label))
                                })),
                        .tbody(
                            .forEach(BusinessSector.allCases) { sector in
                                let rows = bySector[sector] ?? []
                                return .tr(
                                    .th(.attribute(named: "scope", value: "row"), .text(sector.label)),
                                    .td(.class("num"), .text(String(rows.count))),
                                    .forEach(SignalKind.allCases) { kind in
                                        .td(.class("num"), .text(String(rows.filter { $0.kind == kind }.count)))
                                    })
                            })
                    )
                )
            )
        ).document
    }
}

struct RoutingRulesView {
    let context: PageContext
    let rules: [RoutingRule]
    let errors: [FormViews.FieldError]
    let conditions: [UUID: SignalRoutingRule]

    init(context: PageContext, rules: [RoutingRule], errors: [FormViews.FieldError]) throws {
        (self.context, self.rules, self.errors) = (context, rules, errors)
        conditions = try Dictionary(rules.map { ($0.id!, try $0.rule) }, uniquingKeysWith: { first, _ in first })
    }

    var document: HTML {
        Layout(
            title: "Routeringsregels", context: context,
            content: .div(
                .h1(.text("Routeringsregels voor signalen")),
                .p(
                    .class("lead"),
                    .text(
                        "Een nieuw signaal gaat naar het team van de eerste regel die past, in volgorde van prioriteit. Lege voorwaarden passen altijd."
                    )),
                FormViews.errorSummary(errors),
                rules.isEmpty
                    ? .p(.text("Nog geen regels: signalen krijgen geen team."))
                    : .ol(
                        .forEach(rules) { rule in
                            .li(
                                .text("Prioriteit \(rule.priority): \(describe(rule)) → "), .strong(.text(rule.team)),
                                .form(
                                    .method(.post), .action(SiteURL.deleteRoutingRule.path),
                                    FormViews.csrf(context.csrfToken),
                                    .input(.type(.hidden), .name("regel"), .value(rule.id!.uuidString.lowercased())),
                                    .text(" "),
                                    .button(
                                        .type(.submit), .class("button secondary small"),
                                        .attribute(named: "aria-label", value: "Regel \(rule.priority) verwijderen"),
                                        .text("Verwijderen"))))
                        }),
                .h2(.text("Regel toevoegen")),
                .form(
                    .method(.post), .action(SiteURL.routingRules.path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "prioriteit", label: "Prioriteit", value: String((rules.map(\.priority).max() ?? 0) + 10),
                        type: .number, required: true, errors: errors),
                    FormViews.textField(
                        "postcodes", label: "Postcodegebieden", value: nil,
                        hint: "Vier cijfers, met komma's; leeg is de hele gemeente.", errors: errors),
                    checkboxes(
                        "soorten", legend: "Soorten risico (leeg: alle)",
                        options: SignalKind.allCases.map { ($0.rawValue, $0.label) }),
                    checkboxes(
                        "afzenders", legend: "Afzenders (leeg: alle)",
                        options: SignalSender.allCases.map { ($0.rawValue, $0.label) }),
                    FormViews.textField("team", label: "Team", value: nil, required: true, errors: errors),
                    .button(.type(.submit), .class("button"), .text("Regel toevoegen"))
                )
            )
        ).document
    }

    func checkboxes(_ name: String, legend: String, options: [(String, String)]) -> Node<HTML.FormContext> {
        FormViews.checkboxes(name, legend: legend, options: options.map { ($0.0, $0.1) })
    }

    func describe(_ rule: RoutingRule) -> String {
        guard let parsed = conditions[rule.id!] else { return "alle signalen" }
        let parts = [
            parsed.postcodeAreas.isEmpty ? nil : "postcode \(parsed.postcodeAreas.joined(separator: ", "))",
            parsed.kinds.isEmpty ? nil : parsed.kinds.map { $0.label.lowercased() }.joined(separator: " of "),
            parsed.senders.isEmpty
                ? nil : "van " + parsed.senders.map { $0.label.lowercased() }.joined(separator: " of ")
        ].compactMap { $0 }
        return parts.isEmpty ? "alle signalen" : parts.joined(separator: "; ")
    }
}
