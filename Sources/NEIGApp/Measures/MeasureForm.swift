import Foundation
import NEIGCore
import Plot

extension MeasureParts {
    /// The fields of a measure, for a new draft on the case page and for editing a draft.
    static func fields(
        values: [String: String], cited: Set<String>, information: [InformationService.Visible],
        errors: [FormViews.FieldError]
    ) -> Node<HTML.FormContext> {
        .group(
            FormViews.select(
                MeasureField.kind.formName, label: "Soort maatregel",
                options: MeasureType.allCases.map { ($0.rawValue, "\($0.label) — \($0.legalBasis ?? "APV")") },
                selected: values[MeasureField.kind.formName], errors: errors),
            FormViews.textField(
                MeasureField.apvArticle.formName, label: "Artikel van de APV",
                value: values[MeasureField.apvArticle.formName],
                hint: "Alleen bij een maatregel op grond van de APV.", errors: errors),
            FormViews.textField(
                MeasureField.addressee.formName, label: "Geadresseerde", value: values[MeasureField.addressee.formName],
                hint: "Rechthebbende of bewoner; komt alleen in het besluit.", errors: errors),
            FormViews.textArea(
                MeasureField.addresseeAddress.formName, label: "Adres van de geadresseerde",
                value: values[MeasureField.addresseeAddress.formName],
                hint: "Straat en huisnummer, postcode en plaats; zo komt het boven de brief.", errors: errors),
            FormViews.textField(
                MeasureField.startsOn.formName, label: "Ingangsdatum", value: values[MeasureField.startsOn.formName],
                type: .date, errors: errors),
            FormViews.textField(
                MeasureField.endsOn.formName, label: "Einddatum", value: values[MeasureField.endsOn.formName],
                type: .date, errors: errors),
            FormViews.textArea(
                MeasureField.motivation.formName, label: "Motivering: de feiten waarop de maatregel rust",
                value: values[MeasureField.motivation.formName], errors: errors, required: true),
            .if(
                !information.isEmpty,
                FormViews.checkboxes(
                    MeasureField.informationIDs.formName, legend: "Steunt op gedeelde informatie",
                    options: information.map { visible in
                        (
                            visible.item.id!.uuidString.lowercased(),
                            "\(visible.item.authorRole.label), "
                                + "\(CaseDetailView.timeFormat.string(from: visible.item.createdAt)) — \(visible.item.purpose)"
                        )
                    }, selected: cited))
        )
    }

    static func values(of measure: Measure) -> [String: String] {
        [
            MeasureField.kind.formName: measure.type.rawValue,
            MeasureField.apvArticle.formName: measure.type == .apv ? measure.legalBasis : "",
            MeasureField.addressee.formName: measure.addressee ?? "",
            MeasureField.addresseeAddress.formName: measure.addresseeAddress ?? "",
            MeasureField.startsOn.formName: measure.startsOn ?? "",
            MeasureField.endsOn.formName: measure.endsOn ?? "",
            MeasureField.motivation.formName: measure.motivation
        ]
    }
}

/// Editing a draft measure, until it is put to the mayor.
struct MeasureEditView {
    let context: PageContext
    let measure: Measure
    let caseFile: CaseFile
    let values: [String: String]
    let cited: Set<String>
    let information: [InformationService.Visible]
    let errors: [FormViews.FieldError]

    var document: HTML {
        Layout(
            title: "Concept wijzigen: \(measure.type.label)", context: context,
            content: .div(
                .h1(.text("Concept wijzigen")),
                .p(
                    .a(
                        .href(SiteURL.measure(id: measure.id!).path),
                        .text("Terug naar de maatregel zonder te wijzigen"))),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.measure(id: measure.id!, .bewerken).path),
                    .attribute(named: "novalidate"), FormViews.csrf(context.csrfToken),
                    MeasureParts.fields(values: values, cited: cited, information: information, errors: errors),
                    .button(.type(.submit), .class("button"), .text("Wijzigingen opslaan"))))
        ).document
    }
}
