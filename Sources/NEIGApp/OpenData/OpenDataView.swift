import NEIGCore
import Plot
import Vapor

struct OpenDataView {
    let table: OpenDataTable
    let years: [Int]
    let context: PageContext

    var document: HTML {
        Layout(
            title: "Open data \(table.year)", context: context,
            content: .div(
                .h1(.text("Open data: aanslagen per gemeente per maand, \(table.year)")),
                .p(
                    .class("lead"),
                    .text(
                        "Aantallen door de politie bevestigde aanslagen met explosieven. Om slachtoffers te beschermen "
                            + "staat elk aantal onder de \(table.suppressionThreshold) als ‘<\(table.suppressionThreshold)’. Er staan nooit adressen of coördinaten in."
                    )),
                .p(
                    .text(
                        "Zo rekent niemand een klein aantal terug: het jaartotaal van een gemeente is exact als geen enkele maand is afgeschermd. "
                            + "Met afgeschermde maanden staat er ‘<\(table.suppressionThreshold)’ als het hele jaar onder de \(table.suppressionThreshold) blijft, en anders ‘≥’ "
                            + "met de som van de getoonde maanden (ten minste \(table.suppressionThreshold)). Maanden die nog moeten komen staan als ‘–’. Het landelijk totaal wordt weggelaten als het de afgeschermde maanden zou verraden."
                    )),
                .p(
                    .text(
                        "Landelijk totaal \(table.year): \(table.nationalTotal.map(\.dutch) ?? "niet gepubliceerd"). Machineleesbaar: "
                    ),
                    .a(.href(SiteURL.openDataAPI(year: table.year).path), .text("JSON"))),
                .form(
                    .method(.get), .class("inline-form"),
                    .label(.for("jaar"), .text("Jaar ")),
                    selectElement(
                        name: "jaar", id: "jaar", options: years.map { (String($0), String($0)) },
                        selected: String(table.year)),
                    .button(.type(.submit), .class("button secondary"), .text("Toon"))),
                .scrollingTable(
                    "Tabel aanslagen per gemeente, horizontaal scrollbaar",
                    .caption(.text("Aanslagen per gemeente per maand in \(table.year)")),
                    .thead(
                        .tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Gemeente")),
                            .forEach(CivilDate.dutchMonthAbbreviations) {
                                .th(.attribute(named: "scope", value: "col"), .text($0))
                            },
                            .th(.attribute(named: "scope", value: "col"), .text("Totaal")))),
                    .tbody(
                        .forEach(table.municipalities) { row in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(row.name)),
                                .forEach(row.months) { .td(.class("num"), .text($0)) },
                                .td(.class("num"), .text(row.total)))
                        })
                )
            ),
        ).document
    }
}
