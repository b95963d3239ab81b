import Foundation
import NEIGCore
import Plot

struct CaseListView {
    let context: PageContext
    let cases: [CaseFile]
    let today: CivilDate
    let canOpen: Bool
    let registry: MunicipalityRegistry

    var document: HTML {
        Layout(
            title: "Zaken", context: context,
            content: .div(
                .h1(.text("Zaken")),
                .p(
                    .class("lead"),
                    .text(
                        "Een zaak per adres of persoon in gevaar, door de fasen van het handelingskader: dreiging, explosie en nazorg."
                    )),
                .if(
                    canOpen,
                    .p(
                        .a(.class("button"), .href(SiteURL.newCase().path), .text("Nieuwe zaak")),
                        .text(" "), .a(.href(SiteURL.handelingskader.path), .text("Checklists van het handelingskader"))
                    )),
                .if(
                    !canOpen,
                    .p(
                        .text(
                            "U ziet de zaken die een gemeente met u heeft gedeeld, of waaraan u informatie heeft toegevoegd."
                        ))),
                cases.isEmpty
                    ? .p(.text(canOpen ? "Uw gemeente heeft nog geen zaken." : "Er zijn nog geen zaken met u gedeeld."))
                    : .scrollingTable(
                        "Zaken",
                        .class("data"),
                        .caption(
                            .text(
                                canOpen
                                    ? "Zaken van uw gemeente, nieuwste eerst"
                                    : "Zaken die met u zijn gedeeld, nieuwste eerst")),
                        .thead(
                            .tr(
                                .forEach(["Zaak", "Gemeente", "Fase", "Sinds", "Behandelen vóór", "Behandelaar"]) {
                                    .th(.attribute(named: "scope", value: "col"), .text($0))
                                })),
                        .tbody(
                            .forEach(cases) { caseFile in
                                let overdue = caseFile.phase != .gesloten && caseFile.handleBefore < today.iso
                                return .tr(
                                    .td(
                                        .a(
                                            .href(SiteURL.caseFile(id: caseFile.id!).path),
                                            .text(caseFile.title))),
                                    .td(
                                        .text(
                                            registry[caseFile.municipalityCode]?.displayName
                                                ?? caseFile.municipalityCode)),
                                    .td(.text(caseFile.phase.label)),
                                    .td(.text(CivilDate.dutch(iso: caseFile.phaseStartedOn))),
                                    .td(
                                        .text(CivilDate.dutch(iso: caseFile.handleBefore)),
                                        .if(overdue, .strong(.text(" — termijn verstreken")))),
                                    .td(.text(caseFile.responsible ?? "—"))
                                )
                            })
                    )
            )
        ).document
    }
}

struct CaseFormView {
    let context: PageContext
    let values: [String: String]
    let errors: [FormViews.FieldError]
    /// Opened from a risk area: its attacks are linked to the new case.
    var riskArea: (id: UUID, attacks: Int)?

    var document: HTML {
        Layout(
            title: "Nieuwe zaak", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Nieuwe zaak")),
                FormViews.errorSummary(errors),
                .unwrap(riskArea) { area in
                    .p(
                        .class("notice"),
                        .text(
                            "Vanuit een risicogebied: de \(area.attacks.counted(.attack)) in het gebied "
                                + "worden aan de zaak gekoppeld. Naam en adres zijn ingevuld met de laatste aanslag; pas ze aan waar nodig."
                        ))
                },
                .form(
                    .method(.post), .action(SiteURL.cases.path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    .unwrap(riskArea) {
                        .input(.type(.hidden), .name("risicogebied"), .value($0.id.uuidString.lowercased()))
                    },
                    AddressSearchField.node(.zaak, context: context),
                    FormViews.textField(
                        "titel", label: "Naam van de zaak", value: values["titel"],
                        hint: "Bijvoorbeeld het adres of een omschrijving zonder namen.",
                        required: true, errors: errors),
                    FormViews.textField("adres", label: "Adres", value: values["adres"], errors: errors),
                    FormViews.textField(
                        "bag_id", label: "BAG-id van het adres", value: values["bag_id"],
                        hint:
                            "16 cijfers; het adres zoeken vult het in. Zo herkent neig aanslagen en zaken op hetzelfde adres.",
                        errors: errors, autocomplete: "off"),
                    FormViews.select(
                        "fase", label: "Beginfase",
                        options: [CasePhase.dreiging, .explosie].map { ($0.rawValue, $0.label) },
                        selected: values["fase"], errors: errors),
                    FormViews.select(
                        "vertrouwelijkheid", label: "Vertrouwelijkheid",
                        options: CaseConfidentiality.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["vertrouwelijkheid"], errors: errors),
                    .explanation(.confidentiality),
                    FormViews.textField(
                        "termijn", label: "Behandeltermijn (dagen)", value: values["termijn"], type: .number,
                        hint: "Vanaf vandaag; standaard 56 dagen (8 weken).", required: true, errors: errors),
                    FormViews.textField(
                        "behandelaar", label: "Behandelaar", value: values["behandelaar"], hint: "Leeg: uzelf.",
                        errors: errors),
                    .button(.type(.submit), .class("button"), .text("Zaak openen"))
                )
            )
        ).document
    }
}

/// Coordinators' view: how many cases per municipality and phase, without any case itself.
struct CaseCountsView {
    let context: PageContext
    let rows: [CaseCounts.Row]

    var document: HTML {
        Layout(
            title: "Zaken", context: context,
            content: .div(
                .h1(.text("Zaken in het land")),
                .p(
                    .class("lead"),
                    .text(
                        "Aantallen zaken onder het handelingskader per gemeente en fase. Zaken zelf zijn alleen voor de gemeente."
                    )),
                rows.isEmpty
                    ? .p(.text("Er zijn nog geen zaken."))
                    : .scrollingTable(
                        "Aantallen zaken",
                        .class("data"),
                        .caption(.text("Zaken per gemeente en fase")),
                        .thead(
                            .tr(
                                .th(.attribute(named: "scope", value: "col"), .text("Gemeente")),
                                .forEach(CasePhase.allCases) {
                                    .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0.label))
                                })),
                        .tbody(
                            .forEach(rows) { row in
                                .tr(
                                    .th(.attribute(named: "scope", value: "row"), .text(row.municipality)),
                                    .forEach(CasePhase.allCases) {
                                        .td(.class("num"), .text(String(row.counts[$0] ?? 0)))
                                    })
                            })
                    ),
                .p(
                    .a(
                        .href(SiteURL.handelingskader.path),
                        .text("Landelijke checklists van het handelingskader beheren")))
            )
        ).document
    }
}
