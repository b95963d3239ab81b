import Foundation
import NEIGCore
import Plot

/// Coordinators: business signals per sector, counts only (the action plan's sector overview).
struct SectorOverviewView {
    let context: PageContext
    let signals: [RiskSignal]

    var document: HTML {
        let bySector = Dictionary(grouping: signals) { $0.sector ?? .other }
        return Layout(
            title: "Signalen per sector", context: context,
            content: .div(
                .h1(.text("Signalen van ondernemers per sector")),
                .p(
                    .class("lead"),
                    .text(
                        "Aantallen signalen uit het bedrijfsleven, landelijk. Inhoud en adressen blijven bij de gemeente."
                    )),
                .scrollingTable(
                    "Signalen per sector",
                    .class("data"),
                    .caption(.text("Signalen per sector en soort risico")),
                    .thead(
                        .tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Sector")),
                            .th(.attribute(named: "scope", value: "col"), .class("num"), .text("Totaal")),
                            .forEach(SignalKind.allCases) {
                                .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0.label))
                            })),
                    .tbody(
                        .forEach(BusinessSector.allCases) { sector in
                            let rows = bySector[sector] ?? []
                            return .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(sector.label)),
                                .td(.class("num"), .text(String(rows.count))),
                                .forEach(SignalKind.allCases) { kind in
                                    .td(.class("num"), .text(String(rows.filter { $0.kind == kind }.count)))
                                })
                        })
                )
            )
        ).document
    }
}
