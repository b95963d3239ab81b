import NEIGCore
import Plot

extension MonitorView {
    /// The country, coloured by attacks per municipality; for visitors by the open-data figures.
    var nationalMapSection: Node<HTML.BodyContext> {
        guard let canvas = model.maps.nationalCanvas else { return .empty }
        let ranked = model.maps.ranked
        let alternative: Node<HTML.BodyContext> =
            model.isPublic
            ? .p(
                .class("muted"), .text("Dezelfde aantallen, met ‘<5’ voor kleine aantallen, staan in de "),
                .a(.href(SiteURL.openData.path), .text("open data")), .text("."))
            : .details(
                .summary(.text("De kaart als tabel (\(ranked.count.counted(.municipality)) met aanslagen)")),
                countTable(
                    "Tabel bij de kaart: aanslagen per gemeente",
                    caption: "Aanslagen per gemeente in \(model.year); alle andere gemeenten: 0", rows: ranked))
        return .section(
            .attribute(named: "aria-labelledby", value: "kop-kaart"),
            .h2(.id("kop-kaart"), .text("Kaart: aanslagen per gemeente")),
            .map(
                MapFigure(
                    canvas: canvas, name: "Kaart van Nederland: aanslagen per gemeente in \(model.year)",
                    id: "kaart-nederland",
                    caption: model.isPublic
                        ? "Jaartotalen zoals in de open data; onder de 5 staat ‘<5’"
                        : "Aantal aanslagen per gemeente in \(model.year) tot en met vandaag",
                    alternative: alternative), enhancement: context.mapEnhancement))
    }

    /// The municipality and its neighbours; its attacks as points or, for those who may not see locations, as density.
    var municipalityMapSection: Node<HTML.BodyContext> {
        guard let municipality = model.municipality, let canvas = model.maps.municipalityCanvas else { return .empty }
        let rows = model.maps.neighbourRows
        return .section(
            .attribute(named: "aria-labelledby", value: "kop-kaart"),
            .h2(.id("kop-kaart"), .text("Kaart van \(municipality.displayName) en omgeving")),
            .map(
                MapFigure(
                    canvas: canvas, name: "Kaart van \(municipality.displayName) met de aanslagen in \(model.year)",
                    id: "kaart-gemeente",
                    caption: "Buurgemeenten: " + rows.dropFirst().map(\.name).joined(separator: ", "),
                    alternative: .details(
                        .summary(.text("De kaart als tabel")),
                        countTable(
                            "Tabel bij de kaart: aanslagen in \(municipality.displayName) en de buurgemeenten",
                            caption: "Aanslagen in \(model.year)", rows: rows))), enhancement: context.mapEnhancement))
    }

    /// Municipalities with their count of attacks, each linked to its own monitor page.
    func countTable<Context: HTML.BodyContext>(
        _ label: String, caption: String, rows: [(name: String, code: String, count: Int)]
    ) -> Node<Context> {
        .scrollingTable(
            label, .caption(.text(caption)),
            .thead(
                .tr(
                    .th(.attribute(named: "scope", value: "col"), .text("Gemeente")),
                    .th(.class("num"), .attribute(named: "scope", value: "col"), .text("Aanslagen")))),
            .tbody(
                .forEach(rows) { row in
                    .tr(
                        .th(
                            .attribute(named: "scope", value: "row"),
                            .a(
                                .href(SiteURL.monitorMunicipality(code: row.code, year: model.year).path),
                                .text(row.name))),
                        .td(.class("num"), .text(row.count.dutch)))
                }))
    }
}
