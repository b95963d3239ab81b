import Foundation
import NEIGCore
import Plot

struct MeasureDetailView {
    let context: PageContext
    let measure: Measure
    let caseFile: CaseFile
    let cited: [InformationService.Visible]
    /// Everything the motivation cites, also what this reader may not see or what has expired.
    let citedCount: Int
    let errors: [FormViews.FieldError]
    let today: CivilDate
    let isMayor: Bool

    var id: String { measure.id?.uuidString.lowercased() ?? "" }
    var uuid: UUID { measure.id! }

    var document: HTML {
        Layout(
            title: measure.type.label, context: context,
            content: .div(
                .h1(.text(measure.type.label)),
                .p(.a(.href(SiteURL.caseFile(id: caseFile.id!).path), .text("Zaak: \(caseFile.title)"))),
                FormViews.errorSummary(errors),
                MeasureParts.submission(measure),
                .dl(
                    .class("facts"),
                    .dt(.text("Status")), .dd(.strong(.text(measure.state.label))),
                    .dt(.text("Wettelijke grondslag")), .dd(.text(measure.legalBasis)),
                    .dt(.text("Geadresseerde")), .dd(.text(measure.addressee ?? "—")),
                    .dt(.text("Looptijd")), .dd(.text(period)),
                    .dt(.text("Vastgesteld")),
                    .dd(
                        .text(
                            measure.decidedAt.map {
                                "\(CaseDetailView.timeFormat.string(from: $0)) door \(measure.decidedBy ?? "")"
                            } ?? "—")),
                    .dt(.text("Bekendgemaakt")), .dd(.text(measure.notifiedOn.map(CivilDate.dutch(iso:)) ?? "—"))
                ),
                deadlines,
                .h2(.text("Motivering")),
                .p(.class("prewrap"), .text(measure.motivation)),
                .if(
                    citedCount > 0,
                    .div(
                        .h3(.text("Steunt op gedeelde informatie")),
                        .ul(
                            .forEach(cited) { visible in
                                .li(
                                    .a(
                                        .href(SiteURL.information(id: visible.item.id!).path),
                                        .text(
                                            "\(visible.item.authorRole.label), \(CaseDetailView.timeFormat.string(from: visible.item.createdAt))"
                                        )),
                                    .text(" — \(visible.item.purpose)"))
                            }),
                        .if(
                            cited.count < citedCount,
                            .p(
                                .class("muted"),
                                .text(
                                    "\(citedCount - cited.count) aangehaalde informatie is niet met u gedeeld of vervallen."
                                )))
                    )),
                .p(
                    .a(
                        .class("button secondary"), .href(SiteURL.measure(id: uuid, .besluit).path),
                        .text(
                            measure.state == .concept || measure.state == .voorgelegd
                                ? "Conceptbesluit bekijken" : "Besluit bekijken en afdrukken"))),
                stateForm,
                objectionForm
            ),
            breadcrumbs: [("Zaken", SiteURL.cases.path), (caseFile.title, SiteURL.caseFile(id: caseFile.id!).path)]
        ).document
    }

    var period: String {
        let start = measure.startsOn.map(CivilDate.dutch(iso:)) ?? "na bekendmaking"
        return "\(start) tot \(measure.endsOn.map(CivilDate.dutch(iso:)) ?? "nader besluit")"
    }

    var deadlines: Node<HTML.BodyContext> {
        let items: [(String, CivilDate)] = [
            measure.objectionEnds.map { ("Bezwaar mogelijk tot en met", $0) },
            measure.objectionReceivedOn.flatMap(CivilDate.init(parsing:)).map { ("Bezwaar ontvangen", $0) },
            measure.objectionDecisionDue.map {
                ("Beslissen op bezwaar uiterlijk" + (measure.decisionExtended ? " (verdaagd)" : ""), $0)
            }
        ].compactMap { $0 }
        guard !items.isEmpty else { return .empty }
        return .div(
            .h2(.text("Termijnen (Awb)")),
            .ul(
                .forEach(items) { label, date in
                    let days = date.dayNumber - today.dayNumber
                    let warn = label != "Bezwaar ontvangen" && days <= AwbDeadlines.warningDays
                    return .li(
                        .text("\(label): \(date.dutch)"),
                        .if(
                            warn,
                            .strong(
                                .class("deadline-warning"),
                                .text(days < 0 ? " — verstreken" : " — nog \(days.counted(.day))"))))
                }))
    }

    /// One small form per next step, each saying what it does; no generic status dropdown.
    var stateForm: Node<HTML.BodyContext> {
        .div(
            .id("stappen"),
            .if(measure.state != .beeindigd && measure.state != .ingetrokken, .h2(.text("Volgende stap"))),
            nextStep,
            .if(measure.state.canMove(to: .ingetrokken), withdrawForm))
    }

    var nextStep: Node<HTML.BodyContext> {
        switch measure.state {
        case .concept:
            return .div(
                .p(
                    .a(
                        .class("button secondary"), .href(SiteURL.measure(id: uuid, .bewerken).path),
                        .text("Concept wijzigen"))),
                stepForm(
                    to: .voorgelegd, button: "Voorleggen aan de burgemeester",
                    fields: .group(
                        FormViews.textArea(
                            MeasureField.submissionNote.formName, label: "Notitie voor de burgemeester", value: nil,
                            hint: "Bijvoorbeeld waarom het spoed heeft. De burgemeester ziet dit bovenaan.",
                            errors: errors),
                        FormViews.textField(
                            MeasureField.decideBefore.formName, label: "Besluit graag vóór", value: nil, type: .date,
                            hint: "De burgemeester krijgt een melding in neig en een e-mail.", errors: errors))))
        case .voorgelegd where isMayor:
            return .p(
                .a(.class("button"), .href(SiteURL.measure(id: uuid, .besluiten).path), .text("Besluit nemen")))
        case .voorgelegd:
            return .div(
                .p(.text("Deze maatregel ligt bij de burgemeester. U krijgt bericht zodra die heeft besloten.")),
                stepForm(to: .concept, button: "Terugnemen om te wijzigen", secondary: true, fields: .empty))
        case .vastgesteld:
            return stepForm(
                to: .bekendgemaakt, button: "Bekendmaking vastleggen",
                fields: FormViews.textField(
                    MeasureField.publishedOn.formName, label: "Bekendgemaakt op", value: today.iso, type: .date,
                    hint: "De dag waarop het besluit is verstuurd of uitgereikt. De bezwaartermijn begint de dag erna.",
                    errors: errors))
        case .bekendgemaakt:
            return stepForm(to: .beeindigd, button: "Maatregel beëindigen", secondary: true, fields: .empty)
        case .beeindigd, .ingetrokken:
            return .empty
        }
    }

    func stepForm<Context: HTML.BodyContext>(
        to next: MeasureState, button: String, secondary: Bool = false, fields: Node<HTML.FormContext>
    ) -> Node<Context> {
        .form(
            .method(.post), .action(SiteURL.measure(id: uuid, .status).path), .attribute(named: "novalidate"),
            FormViews.csrf(context.csrfToken), .input(.type(.hidden), .name("status"), .value(next.rawValue)),
            fields,
            .button(.type(.submit), .class(secondary ? "button secondary" : "button"), .text(button)))
    }

    /// Withdrawing asks for the reason first; the server refuses it without one.
    var withdrawForm: Node<HTML.BodyContext> {
        .details(
            .class("danger-zone"),
            .attribute(
                named: "open", value: errors.contains { $0.field == MeasureField.reason.formName } ? "open" : nil),
            .summary(.text("Maatregel intrekken")),
            stepForm(
                to: .ingetrokken, button: "Intrekken", secondary: true,
                fields: FormViews.textArea(
                    MeasureField.reason.formName, label: "Reden van intrekken", value: nil,
                    hint: "Komt in het verloop van de zaak. Intrekken kan niet ongedaan worden gemaakt.",
                    errors: errors, required: true)))
    }

    var objectionForm: Node<HTML.BodyContext> {
        guard measure.type.isObjectable, [.bekendgemaakt, .beeindigd].contains(measure.state) else { return .empty }
        if measure.objectionReceivedOn == nil {
            return .div(
                .h2(.text("Bezwaar registreren")),
                .form(
                    .method(.post), .action(SiteURL.measure(id: uuid, .bezwaar).path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "ontvangen", label: "Bezwaarschrift ontvangen op", value: today.iso, type: .date, errors: errors
                    ),
                    .button(.type(.submit), .class("button"), .text("Bezwaar registreren"))
                ))
        }
        guard !measure.decisionExtended else { return .empty }
        return .form(
            .method(.post), .action(SiteURL.measure(id: uuid, .bezwaar).path),
            FormViews.csrf(context.csrfToken), .input(.type(.hidden), .name("verdagen"), .value("ja")),
            .button(
                .type(.submit), .class("button secondary"),
                .text("Beslistermijn met zes weken verdagen (Awb 7:10 lid 3)"))
        )
    }
}
