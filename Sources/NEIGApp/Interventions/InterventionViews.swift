import Foundation
import NEIGCore
import Plot

enum InterventionParts {

    static func progressText(_ outputs: [InterventionOutput]) -> String {
        outputs.map { "\($0.label) \($0.realised.dutch)/\($0.planned.dutch)" }.joined(separator: "; ")
    }

    static func resultSection(
        _ result: EffectEvaluation.Result, intervention: Intervention, registry: MunicipalityRegistry
    ) -> Node<HTML.BodyContext> {
        let name: (String) -> String = { registry[$0]?.displayName ?? $0 }
        let controlsLabel = result.controlsProposed ? "Vergelijkingsgebieden (voorgesteld)" : "Vergelijkingsgebieden"
        // Percentages are rounded to a tenth already; a real minus sign reads better than a hyphen.
        let dutch: (Double) -> String = { $0.dutchDecimal(1).replacingOccurrences(of: "-", with: "−") }
        let pText =
            (result.pValue.map { $0.dutchDecimal(3) } ?? "—")
            + " over \(result.placebos) placebo’s (gebieden en eerdere startdata)"
        let facts: [(String, String)] = [
            ("Interventiegebied", result.treated.map(name).joined(separator: ", ")),
            (controlsLabel, result.controls.map(name).joined(separator: ", ")),
            ("Periode", "\(result.monthsBefore) maanden vóór en \(result.monthsAfter) na \(result.start)"),
            ("Aanslagen interventiegebied", "\(result.treatedBefore) vóór, \(result.treatedAfter) na"),
            ("Aanslagen vergelijkingsgebieden", "\(result.controlBefore) vóór, \(result.controlAfter) na"),
            (
                "Effect",
                "\(dutch(result.effectPct)) % (90 %-interval \(dutch(result.ciLow)) tot \(dutch(result.ciHigh)) %)"
            ),
            ("p-waarde", pText)
        ]
        return .div(
            .ul(.forEach(result.warnings) { .li(.class("warning"), .text($0)) }),
            .div(.class("chart-wrap"), .raw(InterventionCharts.evaluation(result, name: intervention.name))),
            .dl(.class("facts"), .forEach(facts) { fact in .group(.dt(.text(fact.0)), .dd(.text(fact.1))) }),
            .table(
                .caption(.text("Aanslagen per maand")),
                .thead(
                    .tr(
                        .th(.text("Maand")), .th(.text("Interventiegebied")), .th(.text("Vergelijking (zelfde niveau)"))
                    )),
                .tbody(
                    .forEach(result.series) { point in
                        .tr(
                            .td(.text(point.month)), .td(.text(String(point.treated))),
                            .td(.text(point.comparison.dutchDecimal(1))))
                    }))
        )
    }
}

struct InterventionOverviewView {
    let context: PageContext
    let interventions: [Intervention]
    let outputs: [UUID: [InterventionOutput]]
    let latest: [UUID: EvaluationSnapshot]
    let decisions: [UUID: InterventionDecision]
    let national: [Int: Int]
    let today: CivilDate
    let previousYear: Int
    let canRegister: Bool

    var document: HTML {
        let numbered = interventions.enumerated().map { (number: $0.offset + 1, item: $0.element) }
        let starts = numbered.compactMap { entry in
            entry.item.start.map { (name: entry.item.name, month: MonthIndex.of($0)) }
        }
        return Layout(
            title: "Interventies", context: context,
            content: .div(
                .h1(.text("Interventies: wat werkt?")),
                .p(
                    .class("lead"),
                    .text(
                        "Wat werkt, wordt voortgezet; wat niet werkt, wordt gestopt of bijgesteld. Per interventie: voortgang, "
                            + "het effect op het aantal aanslagen tegenover vergelijkbare gemeenten, en het besluit.")),
                .if(
                    canRegister,
                    .p(
                        .a(.class("button"), .href(SiteURL.newIntervention.path), .text("Interventie registreren")),
                        .text(" "),
                        .a(.href(SiteURL.interventionsCSV.path), .text("Alles als CSV")))),
                .h2(.text("Landelijk beeld")),
                .div(
                    .class("chart-wrap"),
                    .raw(
                        InterventionCharts.national(national, today: today, previousYear: previousYear, starts: starts))
                ),
                .forEach(ApproachLine.allCases) { line in
                    let items = numbered.filter { $0.item.line == line }
                    return .if(
                        !items.isEmpty,
                        .section(
                            .h2(.text(line.label)),
                            .table(
                                .thead(
                                    .tr(
                                        .th(.text("Nr.")), .th(.text("Interventie")), .th(.text("Status")),
                                        .th(.text("Output")), .th(.text("Laatste evaluatie")),
                                        .th(.text("Besluit")))),
                                .tbody(
                                    .forEach(items) { entry in
                                        let id = entry.item.id!
                                        return .tr(
                                            .td(.text(String(entry.number))),
                                            .td(
                                                .a(
                                                    .href(SiteURL.intervention(id: entry.item.id!).path),
                                                    .text(entry.item.name)), .br(),
                                                .span(.class("muted"), .text(entry.item.ownerName))),
                                            .td(.text(entry.item.status.label)),
                                            .td(.text(InterventionParts.progressText(outputs[id] ?? []))),
                                            .td(.text(latest[id]?.verdict ?? "Nog niet geëvalueerd")),
                                            .td(
                                                .text(
                                                    decisions[id].map {
                                                        "\($0.decision.label) (\(CivilDate.dutch(iso: $0.decidedOn)))"
                                                    } ?? "—")))
                                    }))
                        ))
                },
                .if(interventions.isEmpty, .p(.text("Er zijn nog geen interventies geregistreerd.")))
            )
        ).document
    }
}

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

struct InterventionDetailView {
    let context: PageContext
    let intervention: Intervention
    let outputs: [InterventionOutput]
    let milestones: [InterventionMilestone]
    let snapshots: [EvaluationSnapshot]
    let decisions: [InterventionDecision]
    let documents: [LibraryDocument]
    let canEdit: Bool
    let today: CivilDate
    let errors: [FormViews.FieldError]
    let values: [String: String]
    var registry: MunicipalityRegistry = .bundled

    var document: HTML {
        get throws {
            let id = intervention.id!
            let places = try intervention.municipalityCodes.map { registry[$0]?.displayName ?? $0 }.joined(
                separator: ", ")
            let areas = try intervention.postcodeAreaList
            let day = intervention.start.map { today.dayNumber - $0.dayNumber + 1 }
            return Layout(
                title: intervention.name, context: context,
                content: .div(
                    .h1(.text(intervention.name)),
                    .p(
                        .class("muted"),
                        .text("\(intervention.line.label) · \(intervention.ownerName) · \(intervention.status.label)"),
                        .if(
                            canEdit,
                            .group(
                                .text(" · "),
                                .a(.href(SiteURL.intervention(id: id, .bewerken).path), .text("Gegevens bewerken"))))),
                    FormViews.errorSummary(errors),
                    .dl(
                        .class("facts"),
                        .dt(.text("Waar")),
                        .dd(
                            .text(
                                places
                                    + (areas.isEmpty ? "" : " (postcodegebieden \(areas.joined(separator: ", ")))"))),
                        .dt(.text("Wanneer")),
                        .dd(
                            .text(
                                CivilDate.dutch(iso: intervention.startsOn)
                                    + (intervention.endsOn.map { " tot \(CivilDate.dutch(iso: $0))" } ?? ""))),
                        .dt(.text("Partners")), .dd(.text(intervention.partners.isEmpty ? "—" : intervention.partners)),
                        .dt(.text("Doelgroep")),
                        .dd(.text(intervention.targetGroup.isEmpty ? "—" : intervention.targetGroup)),
                        .dt(.text("Kosten")), .dd(.text(intervention.costEuros.map { "€ \($0.dutch)" } ?? "—"))),
                    .if(!intervention.description.isEmpty, .p(.class("prewrap"), .text(intervention.description))),
                    .if(
                        !documents.isEmpty,
                        .p(
                            .text("In de kennisbank: "),
                            .forEach(documents) {
                                .group(
                                    .a(.href(SiteURL.document(id: $0.id!).path), .text($0.title)), .text(" ")
                                )
                            })),

                    .h2(.text("Voortgang")),
                    outputs.isEmpty
                        ? .p(.text("Nog geen output vastgelegd."))
                        : .ul(
                            .class("outputs"),
                            .forEach(outputs) { output in
                                .li(
                                    .label(
                                        .for("output-\(output.id!.uuidString.lowercased())"),
                                        .text("\(output.label): \(output.realised.dutch) van \(output.planned.dutch)")),
                                    .text(" "),
                                    .element(
                                        named: "progress",
                                        nodes: [
                                            .id("output-\(output.id!.uuidString.lowercased())"),
                                            .attribute(named: "max", value: String(output.planned)),
                                            .attribute(
                                                named: "value", value: String(min(output.realised, output.planned)))
                                        ]))
                            }),
                    .if(
                        canEdit,
                        .form(
                            .method(.post), .action(SiteURL.intervention(id: id, .voortgang).path),
                            .attribute(named: "novalidate"),
                            FormViews.csrf(context.csrfToken),
                            FormViews.select(
                                "status", label: "Status",
                                options: InterventionStatus.allCases.map { ($0.rawValue, $0.label) },
                                selected: intervention.status.rawValue, errors: errors),
                            .forEach(outputs) { output in
                                FormViews.textField(
                                    "realised[\(output.id!.uuidString)]",
                                    label: "Gerealiseerd: \(output.label) (gepland \(output.planned.dutch))",
                                    value: String(output.realised), type: .number, errors: errors)
                            },
                            FormViews.textField(
                                "nieuw_label", label: "Nieuwe output (omschrijving)", value: nil, errors: errors),
                            FormViews.textField(
                                "nieuw_gepland", label: "Nieuwe output: gepland aantal", value: nil, type: .number,
                                errors: errors),
                            .button(.type(.submit), .class("button secondary"), .text("Voortgang opslaan"))
                        )),

                    .if(
                        intervention.sprint || !milestones.isEmpty,
                        .section(
                            .h2(.text("Plan van 100 dagen")),
                            .unwrap(day) { day in
                                .p(
                                    .text(
                                        day < 1
                                            ? "Begint over \(1 - day) dagen."
                                            : day > 100 ? "De 100 dagen zijn voorbij." : "Dag \(day) van 100."))
                            },
                            .ul(
                                .forEach(milestones) { milestone in
                                    .li(
                                        .text("\(CivilDate.dutch(iso: milestone.dueOn)): \(milestone.title) — "),
                                        milestone.doneOn.map { .strong(.text("gereed \(CivilDate.dutch(iso: $0))")) }
                                            ?? (milestone.dueOn < today.iso
                                                ? .strong(.class("overdue"), .text("te laat")) : .text("open")),
                                        .if(
                                            canEdit && milestone.doneOn == nil,
                                            .form(
                                                .class("inline"), .method(.post),
                                                .action(
                                                    SiteURL.interventionMilestoneDone(id: id, milestone: milestone.id!)
                                                        .path
                                                ),
                                                FormViews.csrf(context.csrfToken),
                                                .button(.type(.submit), .class("link-button"), .text("Gereed melden"))))
                                    )
                                }),
                            .if(
                                canEdit,
                                .form(
                                    .method(.post), .action(SiteURL.intervention(id: id, .mijlpalen).path),
                                    .attribute(named: "novalidate"),
                                    FormViews.csrf(context.csrfToken),
                                    FormViews.textField(
                                        "titel", label: "Mijlpaal", value: values["titel"], errors: errors),
                                    FormViews.textField(
                                        "datum", label: "Datum", value: values["datum"], type: .date, errors: errors),
                                    .button(.type(.submit), .class("button secondary"), .text("Mijlpaal toevoegen"))))
                        )),

                    .h2(.text("Effect op aanslagen")),
                    .unwrap(snapshots.first) { latest in
                        .div(
                            .p(.strong(.text(latest.verdict))),
                            .p(
                                .a(
                                    .href(SiteURL.interventionSnapshot(id: id, snapshot: latest.id!).path),
                                    .text(
                                        "Evaluatie van \(CaseDetailView.timeFormat.string(from: latest.createdAt)) met grafiek en cijfers"
                                    ))))
                    },
                    .if(snapshots.isEmpty, .p(.text("Nog niet geëvalueerd."))),
                    .if(
                        canEdit,
                        .form(
                            .method(.post), .action(SiteURL.intervention(id: id, .evaluaties).path),
                            .attribute(named: "novalidate"),
                            FormViews.csrf(context.csrfToken),
                            areas.isEmpty
                                ? FormViews.textField(
                                    "vergelijking", label: "Vergelijkingsgemeenten", value: values["vergelijking"],
                                    hint:
                                        "Leeg: neig kiest twintig gemeenten met een vergelijkbaar aantal aanslagen vóór de start.",
                                    errors: errors)
                                : FormViews.textField(
                                    "vergelijking", label: "Vergelijkingsgebieden (postcodes van vier cijfers)",
                                    value: values["vergelijking"],
                                    hint:
                                        "Deze interventie loopt in postcodegebieden. Leeg: neig kiest twintig postcodegebieden met een vergelijkbaar aantal aanslagen vóór de start.",
                                    errors: errors),
                            FormViews.textField(
                                "maanden_voor", label: "Maanden vóór de start", value: values["maanden_voor"] ?? "24",
                                type: .number, errors: errors),
                            FormViews.textField(
                                "maanden_na", label: "Maanden na de start", value: values["maanden_na"] ?? "12",
                                type: .number, errors: errors),
                            .button(.type(.submit), .class("button secondary"), .text("Effect berekenen en vastleggen"))
                        )),

                    .h2(.id("besluiten"), .text("Besluiten")),
                    decisions.isEmpty
                        ? .p(.text("Nog geen besluit."))
                        : .table(
                            .thead(
                                .tr(
                                    .th(.text("Datum")), .th(.text("Besluit")), .th(.text("Door")),
                                    .th(.text("Motivering")), .th(.text("Onderbouwing")))),
                            .tbody(
                                .forEach(decisions) { decision in
                                    .tr(
                                        .td(.text(CivilDate.dutch(iso: decision.decidedOn))),
                                        .td(.text(decision.decision.label)), .td(.text(decision.decidedBy)),
                                        .td(.class("prewrap"), .text(decision.rationale)),
                                        .td(
                                            decision.snapshotID.map {
                                                .a(
                                                    .href(SiteURL.interventionSnapshot(id: id, snapshot: $0).path),
                                                    .text("evaluatie"))
                                            } ?? .text("—")))
                                })),
                    .if(
                        canEdit && !snapshots.isEmpty,
                        .form(
                            .method(.post), .action(SiteURL.intervention(id: id, .besluiten).path),
                            .attribute(named: "novalidate"),
                            FormViews.csrf(context.csrfToken),
                            FormViews.select(
                                "besluit", label: "Besluit",
                                options: InterventionDecisionKind.allCases.map { ($0.rawValue, $0.label) },
                                selected: values["besluit"], errors: errors),
                            FormViews.textField(
                                "datum", label: "Datum van het besluit", value: values["datum"] ?? today.iso,
                                type: .date,
                                required: true, errors: errors),
                            FormViews.select(
                                "evaluatie", label: "Op grond van de evaluatie",
                                options: snapshots.map {
                                    (
                                        $0.id!.uuidString.lowercased(),
                                        "\(CaseDetailView.timeFormat.string(from: $0.createdAt)): \($0.verdict)"
                                    )
                                }, selected: nil, errors: errors),
                            FormViews.textArea(
                                "toelichting", label: "Motivering", value: values["toelichting"], errors: errors,
                                required: true),
                            .button(.type(.submit), .class("button"), .text("Besluit vastleggen"))
                        ))
                ), breadcrumbs: [("Interventies", SiteURL.interventions.path)]
            ).document
        }
    }
}

struct EvaluationSnapshotView {
    let context: PageContext
    let intervention: Intervention
    let snapshot: EvaluationSnapshot
    let registry: MunicipalityRegistry

    var document: HTML {
        let result = snapshot.result
        return Layout(
            title: "Evaluatie \(intervention.name)", context: context,
            content: .div(
                .h1(.text("Evaluatie: \(intervention.name)")),
                .p(
                    .class("muted"),
                    .text(
                        "Vastgelegd \(CaseDetailView.timeFormat.string(from: snapshot.createdAt)) door \(snapshot.createdBy); deze uitkomst verandert niet meer."
                    )),
                .p(.class("lead"), .strong(.text(snapshot.verdict))),
                .unwrap(result) { InterventionParts.resultSection($0, intervention: intervention, registry: registry) },
                .p(.a(.href(SiteURL.intervention(id: intervention.id!).path), .text("Terug naar de interventie")))
            ),
            breadcrumbs: [
                ("Interventies", SiteURL.interventions.path),
                (intervention.name, SiteURL.intervention(id: intervention.id!).path)
            ]
        ).document
    }
}
