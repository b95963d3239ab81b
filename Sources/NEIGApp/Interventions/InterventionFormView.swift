import Foundation
import NEIGCore
import Plot

/// Registration, or with `editing` the same fields of an existing intervention (output is reported as progress).
struct InterventionFormView {
    let context: PageContext
    let values: [String: String]
    let errors: [FormViews.FieldError]
    var editing: Intervention? = nil

    var document: HTML {
        let title = editing.map { "Bewerken: \($0.name)" } ?? "Interventie registreren"
        return Layout(
            title: title, context: context,
            content: .div(
                .class("narrow"),
                .h1(.text(title)),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post),
                    .action(editing.map { SiteURL.intervention(id: $0.id!).path } ?? SiteURL.interventions.path),
                    .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField("naam", label: "Naam", value: values["naam"], required: true, errors: errors),
                    FormViews.textArea(
                        "omschrijving", label: "Omschrijving", value: values["omschrijving"], errors: errors),
                    FormViews.select(
                        "lijn", label: "Lijn", options: ApproachLine.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["lijn"], errors: errors),
                    FormViews.textField("partners", label: "Partners", value: values["partners"], errors: errors),
                    FormViews.textField("doelgroep", label: "Doelgroep", value: values["doelgroep"], errors: errors),
                    FormViews.textField(
                        "gemeenten", label: "Gemeenten", value: values["gemeenten"],
                        hint: "Namen of CBS-codes, gescheiden door komma’s.",
                        required: true, errors: errors),
                    FormViews.textField(
                        "postcodegebieden", label: "Postcodegebieden (pc4)", value: values["postcodegebieden"],
                        hint: "Alleen als de interventie in bepaalde wijken loopt, bijvoorbeeld 3031, 3032.",
                        errors: errors),
                    FormViews.textField(
                        "start", label: "Start", value: values["start"], type: .date, required: true, errors: errors),
                    FormViews.textField("einde", label: "Einde", value: values["einde"], type: .date, errors: errors),
                    FormViews.select(
                        "status", label: "Status", options: InterventionStatus.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["status"], errors: errors),
                    FormViews.textField(
                        "kosten", label: "Kosten (euro)", value: values["kosten"], type: .number, errors: errors),
                    .if(
                        editing == nil,
                        FormViews.textArea(
                            "output",
                            label:
                                "Output: één regel per soort, ‘omschrijving | gepland’ of ‘omschrijving | gepland | gerealiseerd’",
                            value: values["output"], errors: errors)),
                    FormViews.textField(
                        "documenten", label: "Kennisbankstukken (links of id’s)", value: values["documenten"],
                        errors: errors),
                    FormViews.checkbox(
                        "sprint", id: "veld-sprint", value: "ja",
                        label: "Field Lab-sprint: een plan van 100 dagen met mijlpalen",
                        checked: values["sprint"] == "ja"),
                    .button(.type(.submit), .class("button"), .text(editing == nil ? "Registreren" : "Opslaan"))
                )
            )
        ).document
    }
}
