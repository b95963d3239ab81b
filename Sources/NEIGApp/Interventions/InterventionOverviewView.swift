import Foundation
import NEIGCore
import Plot

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
                .chart(
                    InterventionCharts.national(national, today: today, previousYear: previousYear, starts: starts),
                    label: "Grafiek: aanslagen per maand in Nederland"),
                .forEach(ApproachLine.allCases) { line in
                    let items = numbered.filter { $0.item.line == line }
                    return .if(
                        !items.isEmpty,
                        .section(
                            .h2(.text(line.label)),
                            .scrollingTable(
                                "Interventies",
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
