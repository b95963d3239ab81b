import Foundation
import NEIGCore
import Plot

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
