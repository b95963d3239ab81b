import Foundation
import NEIGCore
import Plot
import Vapor

struct OpenDataView {
    let table: OpenDataTable
    let years: [Int]
    let search: String
    let order: OpenDataRoutes.Order
    let context: PageContext
    let registry: MunicipalityRegistry

    static let chartSize = 15

    var rows: [OpenDataTable.Row] {
        let needle = Self.folded(search)
        let found = table.municipalities.filter { row in
            needle.isEmpty || Self.folded(row.displayName).contains(needle) || Self.folded(row.name).contains(needle)
                || row.code.lowercased().contains(needle)
        }
        switch order {
        case .name: return found.sorted { Self.folded($0.displayName) < Self.folded($1.displayName) }
        case .total:
            return found.sorted {
                ($0.sortValue, Self.folded($1.displayName)) > ($1.sortValue, Self.folded($0.displayName))
            }
        }
    }

    static func folded(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl_NL"))
    }

    var document: HTML {
        let rows = rows
        let threshold = table.suppressionThreshold
        return Layout(
            title: "Open data \(table.year)", context: context,
            content: .div(
                .h1(.text("Open data: aanslagen per gemeente per maand, \(table.year)")),
                .p(
                    .class("lead"),
                    .text(
                        "Aantallen door de politie bevestigde aanslagen met explosieven, vrij te gebruiken. "
                            + "Er staan nooit adressen of coördinaten in.")),
                .details(
                    .summary(.text("Wat betekent ‘<\(threshold)’?")),
                    .p(
                        .text(
                            "Een klein aantal kan iemand herkenbaar maken. Daarom staat elk aantal onder de \(threshold) "
                                + "als ‘<\(threshold)’, ook nul. Een jaartotaal met ‘≥’ ervoor is de som van de getoonde "
                                + "maanden: het echte totaal is minstens zo hoog. Maanden die nog moeten komen staan als ‘–’. "
                                + "Het landelijk totaal ontbreekt als het een afgeschermd aantal zou verraden."))),
                .p(
                    .text(
                        "Landelijk totaal \(table.year): \(table.nationalTotal.map(\.dutch) ?? "niet gepubliceerd"). ")),
                .p(
                    .text("Downloaden: "),
                    .a(.href(SiteURL.openDataCSV(year: table.year).path), .text("CSV voor Excel")), .text(" · "),
                    .a(.href(SiteURL.openDataAPI(year: table.year).path), .text("JSON"))),
                map,
                filters,
                chart,
                .p(
                    .attribute(named: "role", value: "status"),
                    .text(
                        search.isEmpty
                            ? "\(rows.count.dutch) gemeenten"
                            : "\(rows.count.dutch) \(rows.count == 1 ? "gemeente" : "gemeenten") gevonden voor ‘\(search)’"
                    )),
                .div(
                    .id("tabel-open-data"),
                    .scrollingTable(
                        "Tabel aanslagen per gemeente, horizontaal scrollbaar",
                        .caption(.text("Aanslagen per gemeente per maand in \(table.year)")),
                        .thead(
                            .tr(
                                .th(.attribute(named: "scope", value: "col"), .text("Gemeente")),
                                .forEach(CivilDate.dutchMonthAbbreviations) {
                                    .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0))
                                },
                                .th(.attribute(named: "scope", value: "col"), .class("num"), .text("Totaal")))),
                        .tbody(
                            .forEach(rows) { row in
                                .tr(
                                    .th(.attribute(named: "scope", value: "row"), .text(row.displayName)),
                                    .forEach(row.months) { .td(.class("num"), .text($0)) },
                                    .td(.class("num"), .text(row.total)))
                            })
                    ))
            )
        ).document
    }

    var filters: Node<HTML.BodyContext> {
        .form(
            .method(.get), .action(SiteURL.openData.path), .class("filters"),
            .div(
                .class("field"), .label(.for("veld-zoek"), .text("Zoek een gemeente")),
                .input(
                    .type(.search), .name("zoek"), .id("veld-zoek"), .value(search),
                    .attribute(named: "autocomplete", value: "off"))),
            .div(
                .class("field"), .label(.for("veld-sorteer"), .text("Volgorde")),
                selectElement(
                    name: "sorteer", id: "veld-sorteer",
                    options: OpenDataRoutes.Order.allCases.map { ($0.rawValue, $0.label) }, selected: order.rawValue)),
            .div(
                .class("field"), .label(.for("veld-jaar"), .text("Jaar")),
                selectElement(
                    name: "jaar", id: "veld-jaar", options: years.map { (String($0), String($0)) },
                    selected: String(table.year))),
            .button(.type(.submit), .class("button secondary"), .text("Toon")))
    }

    /// Every municipality coloured by its published total: the same text as the table's Totaal column, so a count
    /// below the threshold is `<5` here too, and `≥ N` is coloured as N.
    var map: Node<HTML.BodyContext> {
        guard let canvas = MonitorMaps.published(table, registry: registry).nationalCanvas else { return .empty }
        return .section(
            .attribute(named: "aria-labelledby", value: "kop-kaart"),
            .h2(.id("kop-kaart"), .text("Kaart: aanslagen per gemeente in \(table.year)")),
            .map(
                MapFigure(
                    canvas: canvas, name: "Kaart van Nederland: aanslagen per gemeente in \(table.year)",
                    id: "kaart-open-data",
                    caption:
                        "Per gemeente het jaartotaal uit de tabel; onder de \(table.suppressionThreshold) staat ‘<\(table.suppressionThreshold)’",
                    alternative: .p(
                        .class("muted"),
                        .text("Dezelfde aantallen staan per gemeente in de kolom Totaal van de "),
                        .a(.href("#tabel-open-data"), .text("tabel hieronder")), .text("."))),
                enhancement: context.mapEnhancement))
    }

    /// The municipalities with the highest published totals, from the published cells only.
    var chart: Node<HTML.BodyContext> {
        let top = table.municipalities.filter { $0.sortValue >= table.suppressionThreshold }
            .sorted { ($0.sortValue, $1.displayName) > ($1.sortValue, $0.displayName) }.prefix(Self.chartSize)
        guard let maximum = top.first?.sortValue else { return .empty }
        var canvas = SVGCanvas(width: 760, height: Double(top.count) * 26 + 20)
        let left = 190.0, right = 700.0
        for (index, row) in top.enumerated() {
            let y = 10 + Double(index) * 26
            let width = (right - left) * Double(row.sortValue) / Double(MonitorCharts.niceCeiling(maximum))
            canvas.text(row.displayName, x: left - 8, y: y + 15, anchor: .end, size: 13)
            canvas.rect(
                x: left, y: y + 2, width: width, height: 18, fill: "#1f4e79",
                tooltip: "\(row.displayName): \(row.total)")
            canvas.text(row.total, x: left + width + 6, y: y + 15, size: 13)
        }
        return .section(
            .attribute(named: "aria-labelledby", value: "kop-grafiek"),
            .h2(.id("kop-grafiek"), .text("De \(top.count) gemeenten met de meeste aanslagen in \(table.year)")),
            .chart(
                canvas.render(
                    title:
                        "Staafdiagram: de gemeenten met de meeste aanslagen in \(table.year); de cijfers staan ook in de tabel",
                    id: "grafiek-open-data"), label: "Grafiek: gemeenten met de meeste aanslagen"))
    }
}
