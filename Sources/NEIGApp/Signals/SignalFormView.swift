import Foundation
import NEIGCore
import Plot

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
