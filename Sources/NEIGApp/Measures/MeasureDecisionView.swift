import Foundation
import NEIGCore
import Plot

/// The mayor's page for one submitted measure: what is decided in one sentence, the officer's note, the facts and
/// the draft letter side by side, and the three answers with the re-authentication that adopting needs.
struct MeasureDecisionView {
    let context: PageContext
    let measure: Measure
    let caseFile: CaseFile
    let letter: DecisionLetterView
    let errors: [FormViews.FieldError]
    let values: [String: String]

    var uuid: UUID { measure.id! }

    var document: HTML {
        Layout(
            title: "Besluit nemen: \(measure.type.label)", context: context,
            content: .div(
                .h1(.text("Besluit nemen: \(measure.type.label.lowercased())")),
                .p(.a(.href(SiteURL.caseFile(id: caseFile.id!).path), .text("Zaak: \(caseFile.title)"))),
                FormViews.errorSummary(errors),
                .p(.class("lead decision-summary"), .text(measure.wording(of: caseFile).summaryForMayor)),
                .p(.class("no-print"), .a(.href("#uw-besluit"), .text("Direct naar uw besluit"))),
                MeasureParts.submission(measure),
                .div(
                    .class("side-by-side"),
                    .section(
                        .attribute(named: "aria-labelledby", value: "kop-feiten"),
                        .h2(.id("kop-feiten"), .text("Feiten en motivering")),
                        .dl(
                            .class("facts"),
                            .dt(.text("Wettelijke grondslag")), .dd(.text(measure.legalBasis)),
                            .dt(.text("Geadresseerde")), .dd(.text(measure.addressee ?? "—")),
                            .dt(.text("Looptijd")),
                            .dd(.text(measure.wording(of: caseFile).period()))),
                        .p(.class("prewrap"), .text(measure.motivation))),
                    .section(
                        .class("letter-preview"), .attribute(named: "aria-labelledby", value: "kop-brief"),
                        .h2(.id("kop-brief"), .text("Conceptbesluit")),
                        letter.body)
                ),
                decisionForm
            ),
            breadcrumbs: [
                ("Zaken", SiteURL.cases.path), (caseFile.title, SiteURL.caseFile(id: caseFile.id!).path),
                (measure.type.label, SiteURL.measure(id: measure.id!).path)
            ]
        ).document
    }

    var decisionForm: Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(SiteURL.measure(id: uuid, .besluiten).path), .attribute(named: "novalidate"),
            .class("decision-form"), .id("uw-besluit"),
            FormViews.csrf(context.csrfToken),
            .input(.type(.hidden), .name("versie"), .value(measure.submissionVersion ?? "")),
            .fieldset(
                .class(errors.contains { $0.field == MeasureField.decision.formName } ? "field has-error" : "field"),
                .id("veld-\(MeasureField.decision.formName)"),
                .element(named: "legend", text: "Uw besluit"),
                FormViews.groupError(MeasureField.decision.formName, errors: errors),
                .forEach(MeasureService.Choice.allCases) { choice in
                    FormViews.radio(
                        MeasureField.decision.formName, id: "keuze-\(choice.rawValue)", value: choice.rawValue,
                        label: choice.label, checked: values[MeasureField.decision.formName] == choice.rawValue)
                }),
            FormViews.textArea(
                MeasureField.remark.formName, label: "Opmerking voor de ambtenaar",
                value: values[MeasureField.remark.formName],
                hint: "Verplicht bij terugsturen of afwijzen. Komt in het verloop van de zaak.", errors: errors),
            .fieldset(
                .element(named: "legend", text: "Bij vaststellen: bevestig dat u het bent"),
                FormViews.textField(
                    MeasureField.password.formName, label: "Wachtwoord", value: nil, type: .password, errors: errors,
                    autocomplete: "current-password"),
                FormViews.textField(
                    "code", label: "Code uit uw authenticator-app", value: nil, errors: errors,
                    autocomplete: "one-time-code")),
            .button(.type(.submit), .class("button"), .text("Besluit vastleggen"))
        )
    }
}

/// Parts of the measure pages that both the officer's and the mayor's page show.
enum MeasureParts {
    /// Who put the measure to the mayor, with the note and the date asked; and the mayor's remark if sent back.
    static func submission(_ measure: Measure) -> Node<HTML.BodyContext> {
        .div(
            .unwrap(measure.submittedAt) { at in
                .div(
                    .class("submission"),
                    .p(
                        .strong(.text("Voorgelegd door \(measure.submittedBy ?? "onbekend")")),
                        .text(" op \(CaseDetailView.timeFormat.string(from: at))"),
                        .unwrap(measure.decideBefore) {
                            .text(" — besluit gevraagd vóór \(CivilDate.dutch(iso: $0))")
                        }),
                    .unwrap(measure.submissionNote) { .blockquote(.p(.class("prewrap"), .text($0))) })
            },
            .unwrap(measure.mayorRemark) { remark in
                .div(
                    .class("notice warning"),
                    .h2(
                        .text(
                            measure.state == .ingetrokken
                                ? "De burgemeester heeft dit besluit afgewezen"
                                : "De burgemeester heeft dit besluit teruggestuurd")),
                    .p(.class("prewrap"), .text(remark)))
            })
    }
}
