import Foundation
import NEIGCore
import Plot

struct AnalyseView {
    let context: PageContext
    let request: AnalyseRequest
    let municipalities: [Municipality]
    let allowNational: Bool
    let results: AnalyseResults?
    var registry: MunicipalityRegistry = .bundled

    var areaName: String { request.municipality.map { "gemeente \($0.displayName)" } ?? "heel Nederland" }

    var document: HTML {
        Layout(
            title: "Near-repeatanalyse", context: context,
            content: .div(
                .h1(.text("Near-repeatanalyse")),
                .p(
                    .class("lead"),
                    .text(
                        "Vallen aanslagen dichter bij elkaar in ruimte en tijd dan bij toeval? De tabel vergelijkt paren van aanslagen per afstand en termijn met \(request.permutations) willekeurige herverdelingen van de data over dezelfde locaties (Knox-methode, zoals de Near Repeat Calculator van Ratcliffe)."
                    )),
                .explanation(.knox),
                .explanation(.permutations),
                FormViews.errorSummary(request.errors),
                form,
                .unwrap(results) { results in .group(summary(results), matrix(results), hotspots(results)) }
            )
        ).document
    }

    var form: Node<HTML.BodyContext> {
        var options: [(value: String, label: String)] = allowNational ? [("", "Heel Nederland")] : []
        options += municipalities.map { ($0.code, $0.displayName) }
        return .form(
            .method(.get), .action(SiteURL.analyse.path), .class("filters"),
            FormViews.select(
                "gemeente", label: "Gebied", options: options, selected: request.municipality?.code ?? "", errors: []),
            FormViews.textField(
                "van", label: "Van", value: request.from.iso, type: .date, required: true, errors: request.errors),
            FormViews.textField(
                "tot", label: "Tot en met", value: request.to.iso, type: .date, required: true, errors: request.errors),
            FormViews.textField(
                "afstanden", label: "Afstandsgrenzen (m)", value: request.distanceText,
                hint: "Oplopend, gescheiden door komma’s.", required: true, errors: request.errors),
            FormViews.textField(
                "dagen", label: "Termijngrenzen (dagen)", value: request.daysText,
                hint: "Oplopend, gescheiden door komma’s.", required: true, errors: request.errors),
            FormViews.select(
                "permutaties", label: "Permutaties",
                options: AnalyseRequest.permutationChoices.map { (String($0), String($0)) },
                selected: String(request.permutations), errors: []),
            .button(.type(.submit), .class("button"), .text("Analyseren"))
        )
    }

    func summary(_ results: AnalyseResults) -> Node<HTML.BodyContext> {
        let knox = results.knox
        let significant = (knox.pValue ?? 1) <= 0.05 && Double(knox.observed) > knox.expected
        return .section(
            .h2(.text("Uitkomst voor \(areaName)")),
            .p(
                .text(
                    "\(results.input.events.count.counted(.attack)) van \(request.from.dutch) tot en met \(request.to.dutch)."
                )
            ),
            .div(
                .class("notice"), .attribute(named: "role", value: "status"),
                .h3(.text(significant ? "Er is een near-repeatpatroon" : "Geen duidelijk near-repeatpatroon")),
                .p(
                    .text(
                        "Binnen \(Int(knox.distance)) m en \(knox.days) dagen van elkaar: \(knox.observed) paren van aanslagen, "
                            + "bij toeval verwacht \(knox.expected.dutchDecimal(1)) (p = \((knox.pValue ?? 1).dutchDecimal(3)))."
                    )),
                .ul(.forEach(results.matrix.summary.prefix(6)) { .li(.text($0)) })
            )
        )
    }

    /// Ratio classes for the cell colours; the text in the cell carries the same information.
    static func ratioClass(_ cell: NearRepeatCell, bands: NearRepeatBands) -> String {
        // The "more than" row and column only complete the table; their counts mirror the close cells.
        guard let ratio = cell.ratio, cell.isElevated, cell.timeBand < bands.days.count,
            cell.distanceBand <= bands.distances.count
        else {
            return "nr-none"
        }
        switch ratio {
        case ..<1.5: return "nr-1"
        case ..<2: return "nr-2"
        case ..<4: return "nr-3"
        default: return "nr-4"
        }
    }

    func matrix(_ results: AnalyseResults) -> Node<HTML.BodyContext> {
        let cells = results.matrix.cells
        guard let bands = request.bands else { return .empty }
        let timeBands = Array(Set(cells.map(\.timeBand))).sorted()
        let distanceBands = Array(Set(cells.map(\.distanceBand))).sorted()
        func cell(_ distance: Int, _ time: Int) -> NearRepeatCell? {
            cells.first { $0.distanceBand == distance && $0.timeBand == time }
        }
        return .section(
            .h2(.text("Near-repeatmatrix")),
            .p(
                .text(
                    "Per cel: verhouding waargenomen ÷ verwacht en, tussen haakjes, het aantal paren. Gekleurd en met * gemarkeerd: significant meer dan bij toeval (p ≤ 0,05)."
                )),
            .scrollingTable(
                "Near-repeatmatrix",
                .class("data nr-matrix"),
                .caption(.text("Paren van aanslagen naar afstand (rijen) en termijn (kolommen), \(areaName)")),
                .thead(
                    .tr(
                        .th(.attribute(named: "scope", value: "col"), .text("Afstand")),
                        .forEach(timeBands) { band in
                            .th(.attribute(named: "scope", value: "col"), .text(cell(0, band)?.timeLabel ?? ""))
                        })),
                .tbody(
                    .forEach(distanceBands) { distance in
                        .tr(
                            .th(
                                .attribute(named: "scope", value: "row"),
                                .text(cell(distance, 0)?.distanceLabel ?? "")),
                            .forEach(timeBands) { time in
                                let value = cell(distance, time)!
                                let ratio = value.ratio.map { $0.dutchDecimal(2) } ?? "–"
                                let marked = Self.ratioClass(value, bands: bands) != "nr-none"
                                return .td(
                                    .class(Self.ratioClass(value, bands: bands)),
                                    .text("\(ratio)\(marked ? "*" : "") (\(value.observed))"))
                            })
                    })
            ),
            .p(.a(.href(SiteURL.analyseMatrixCSV(query: request.query).path), .text("Matrix downloaden (CSV)")))
        )
    }

    func hotspots(_ results: AnalyseResults) -> Node<HTML.BodyContext> {
        let grid = results.grid
        // Those who may not see locations get the places in words only: a marker on the densest cell would show
        // where a lone attack was.
        let canvas = HotspotMap.canvas(
            grid, events: results.input.events, showPoints: results.showPoints,
            peaks: results.showPoints ? results.hotspots : [], registry: registry)
        return .section(
            .h2(.text("Hotspots")),
            .explanation(.kernel),
            .p(
                .text(
                    "Dichtheid van aanslagen (quartic kernel, bandbreedte \(Int(AnalyseResults.bandwidth)) m, cellen van \(Int(grid.cellSize)) m)."
                        + (results.showPoints
                            ? " Zwarte punten zijn de aanslagen."
                            : " Losse aanslagen en straten worden alleen getoond aan wie de locaties mag zien; "
                                + "gekleurd is alleen waar minstens \(HotspotMap.minimumSupport) aanslagen bijdragen."))
            ),
            .if(
                !results.hotspots.isEmpty,
                .group(
                    .h3(.id("hotspots-lijst"), .text("De dichtste plekken")),
                    .ol(
                        .forEach(results.hotspots) { hotspot in
                            .li(
                                .strong(.text(hotspot.place)),
                                .text(" — \(max(0, hotspot.density).dutchDecimal(1)) aanslagen per km²"))
                        }))),
            .unwrap(canvas) { canvas in
                .map(
                    MapFigure(
                        canvas: canvas, name: "Kaart van de dichtheid van aanslagen in \(areaName)",
                        id: "kaart-hotspots",
                        caption: results.showPoints ? "De nummers horen bij de lijst van dichtste plekken" : nil,
                        alternative: .p(
                            .class("muted"),
                            .text(
                                results.hotspots.isEmpty
                                    ? "Geen aanslagen in deze selectie."
                                    : "De dichtste plekken staan in de genummerde lijst boven de kaart."))),
                    enhancement: context.mapEnhancement)
            })
    }
}
