import Foundation
import NEIGCore
import Plot

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

                    .h2(.id("evaluaties"), .text("Effect op aanslagen")),
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
                            .button(
                                .type(.submit), .class("button secondary"),
                                .text("Effect berekenen (eerst een voorbeeld)"))
                        )),

                    .h2(.id("besluiten"), .text("Besluiten")),
                    decisions.isEmpty
                        ? .p(.text("Nog geen besluit."))
                        : .scrollingTable(
                            "Besluiten",
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
