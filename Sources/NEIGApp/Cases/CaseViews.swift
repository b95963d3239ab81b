import Foundation
import NEIGCore
import Plot

struct CaseListView {
    let context: PageContext
    let cases: [CaseFile]
    let today: CivilDate

    var document: HTML {
        Layout(title: "Zaken", context: context, content: .div(
            .h1(.text("Zaken")),
            .p(.class("lead"), .text("Een zaak per adres of persoon in gevaar, door de fasen van het handelingskader: dreiging, explosie en nazorg.")),
            .p(.a(.class("button"), .href("/zaken/nieuw"), .text("Nieuwe zaak"))),
            cases.isEmpty ? .p(.text("Uw gemeente heeft nog geen zaken.")) : .div(
                .class("table-scroll"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                .attribute(named: "aria-label", value: "Zaken"),
                .table(
                    .class("data"),
                    .caption(.text("Zaken van uw gemeente, nieuwste eerst")),
                    .thead(.tr(.forEach(["Zaak", "Fase", "Sinds", "Behandelen vóór", "Behandelaar"]) {
                        .th(.attribute(named: "scope", value: "col"), .text($0))
                    })),
                    .tbody(.forEach(cases) { caseFile in
                        let overdue = caseFile.phase != .gesloten && caseFile.handleBefore < today.iso
                        return .tr(
                            .td(.a(.href("/zaken/\(caseFile.id?.uuidString.lowercased() ?? "")"), .text(caseFile.title))),
                            .td(.text(caseFile.phase.label)),
                            .td(.text(CivilDate.dutch(iso: caseFile.phaseStartedOn))),
                            .td(.text(CivilDate.dutch(iso: caseFile.handleBefore)), .if(overdue, .strong(.text(" — termijn verstreken")))),
                            .td(.text(caseFile.responsible ?? "—"))
                        )
                    })
                )
            )
        )).document
    }
}

struct CaseFormView {
    let context: PageContext
    let values: [String: String]
    let errors: [FormViews.FieldError]

    var document: HTML {
        Layout(title: "Nieuwe zaak", context: context, content: .div(
            .class("narrow"),
            .h1(.text("Nieuwe zaak")),
            FormViews.errorSummary(errors),
            .form(
                .method(.post), .action("/zaken"), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.textField("titel", label: "Naam van de zaak", value: values["titel"], hint: "Bijvoorbeeld het adres of een omschrijving zonder namen.",
                                    required: true, errors: errors),
                FormViews.textField("adres", label: "Adres", value: values["adres"], errors: errors),
                FormViews.select("fase", label: "Beginfase", options: [CasePhase.dreiging, .explosie].map { ($0.rawValue, $0.label) },
                                 selected: values["fase"], errors: errors),
                FormViews.select("vertrouwelijkheid", label: "Vertrouwelijkheid",
                                 options: CaseConfidentiality.allCases.map { ($0.rawValue, $0.label) }, selected: values["vertrouwelijkheid"], errors: errors),
                FormViews.textField("termijn", label: "Behandeltermijn (dagen)", value: values["termijn"], type: .number,
                                    hint: "Vanaf vandaag; standaard 56 dagen (8 weken).", required: true, errors: errors),
                FormViews.textField("behandelaar", label: "Behandelaar", value: values["behandelaar"], hint: "Leeg: uzelf.", errors: errors),
                .button(.type(.submit), .class("button"), .text("Zaak openen"))
            )
        )).document
    }
}

struct CaseDetailView {
    let context: PageContext
    let caseFile: CaseFile
    let events: [CaseEvent]
    let error: String?
    let today: CivilDate

    static let timeFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = NEIGClock.amsterdam
        formatter.dateFormat = "d MMMM yyyy HH:mm"
        return formatter
    }()

    var document: HTML {
        let errors = error.map { [FormViews.FieldError(field: "fase", message: $0)] } ?? []
        let id = caseFile.id?.uuidString.lowercased() ?? ""
        return Layout(title: caseFile.title, context: context, content: .div(
            .h1(.text(caseFile.title)),
            FormViews.errorSummary(errors),
            .dl(
                .class("facts"),
                .dt(.text("Fase")), .dd(.text("\(caseFile.phase.label), sinds \(CivilDate.dutch(iso: caseFile.phaseStartedOn))")),
                .dt(.text("Adres")), .dd(.text(caseFile.address ?? "—")),
                .dt(.text("Vertrouwelijkheid")), .dd(.text(caseFile.confidentiality.label)),
                .dt(.text("Geopend")), .dd(.text(CivilDate.dutch(iso: caseFile.openedOn))),
                .dt(.text("Behandelen vóór")), .dd(.text(CivilDate.dutch(iso: caseFile.handleBefore)),
                    .if(caseFile.phase != .gesloten && caseFile.handleBefore < today.iso, .strong(.text(" — termijn verstreken")))),
                .dt(.text("Behandelaar")), .dd(.text(caseFile.responsible ?? "—"))
            ),
            .h2(.text("Fase wijzigen")),
            .form(
                .method(.post), .action("/zaken/\(id)/fase"), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.select("fase", label: "Naar fase", options: caseFile.phase.allowedNext.map { ($0.rawValue, $0.label) },
                                 selected: nil, errors: errors),
                FormViews.textArea("toelichting", label: "Toelichting", value: nil, errors: errors),
                .button(.type(.submit), .class("button"), .text("Fase wijzigen"))
            ),
            .h2(.text("Verloop")),
            .ol(.class("timeline"), .attribute(named: "reversed", value: "reversed"), .forEach(events) { event in
                .li(.strong(.text(Self.timeFormat.string(from: event.occurredAt))), .text(" — \(event.actorName): "),
                    .text(Self.describe(event)), .unwrap(event.text) { .p(.text($0)) })
            })
        )).document
    }

    static func describe(_ event: CaseEvent) -> String {
        let to = event.toPhase.flatMap(CasePhase.init(rawValue:))?.label.lowercased() ?? "?"
        switch event.kind {
        case "geopend": return "zaak geopend in fase \(to)"
        case "fase": return "fase van \(event.fromPhase.flatMap(CasePhase.init(rawValue:))?.label.lowercased() ?? "?") naar \(to)"
        default: return event.kind
        }
    }
}
