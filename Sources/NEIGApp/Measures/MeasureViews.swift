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
            )
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
                                .text(days < 0 ? " — verstreken" : " — nog \(days) dag\(days == 1 ? "" : "en")"))))
                }))
    }

    var stateForm: Node<HTML.BodyContext> {
        let options = measure.state.allowedNext.filter { !MeasureState.mayorOnly.contains($0) || isMayor }
        guard !options.isEmpty else {
            return measure.state.allowedNext.isEmpty
                ? .empty
                : .p(.class("muted"), .text("Alleen de burgemeester kan dit besluit vaststellen."))
        }
        let adopting = options.contains(.vastgesteld)
        return .div(
            .h2(.text("Status wijzigen")),
            .form(
                .method(.post), .action(SiteURL.measure(id: uuid, .status).path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.select(
                    "status", label: "Nieuwe status", options: options.map { ($0.rawValue, $0.label) }, selected: nil,
                    errors: errors),
                .if(
                    measure.state == .vastgesteld,
                    FormViews.textField(
                        "bekendgemaakt_op", label: "Bekendgemaakt op", value: today.iso, type: .date,
                        hint: "De dag waarop de geadresseerde het besluit ontving.", errors: errors)),
                .if(
                    adopting,
                    .fieldset(
                        .element(named: "legend", text: "Vaststellen: bevestig dat u het bent"),
                        FormViews.textField(
                            "wachtwoord", label: "Wachtwoord", value: nil, type: .password, required: true,
                            errors: errors, autocomplete: "current-password"),
                        FormViews.textField(
                            "code", label: "Code uit uw authenticator-app", value: nil, required: true, errors: errors,
                            autocomplete: "one-time-code")
                    )),
                FormViews.textArea("toelichting", label: "Toelichting", value: nil, errors: errors),
                .button(.type(.submit), .class("button"), .text("Status wijzigen"))
            )
        )
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
