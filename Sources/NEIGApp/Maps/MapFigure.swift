import NEIGCore
import Plot

/// A map as it appears on a page: the SVG, its legend and source in HTML (readable at any width, printed with it),
/// and the same numbers as text for those who cannot see the map.
struct MapFigure {
    let canvas: MapCanvas
    /// The accessible name; begins with "Kaart".
    let name: String
    let id: String
    /// What the map is for, in one sentence under it.
    var caption: String?
    /// The same numbers as text: a table, or, where the page has one already, a sentence that points to it.
    var alternative: Node<HTML.BodyContext> = .empty
    /// A locator beside the facts rather than a map to study.
    var small = false

    static let sourceNote = MunicipalBoundaries.attribution + " (CC BY 4.0)"
}

extension Node where Context == HTML.BodyContext {
    /// With `enhancement`, the map offers to become zoomable over the background map (`neig-kaart.js`); without
    /// JavaScript, or when the tiles do not load, the SVG stays as it is.
    static func map(_ figure: MapFigure, enhancement: MapEnhancement?) -> Node {
        let svg = figure.canvas.render(
            name: figure.name, id: figure.id,
            description: "De legenda en dezelfde gegevens in tekst staan onder de kaart.")
        var attributes: [Node] = [.class(figure.small ? "map-figure small" : "map-figure"), .id("figuur-\(figure.id)")]
        if let enhancement {
            attributes += [
                .attribute(named: "data-tiles", value: enhancement.template),
                .attribute(named: "data-tiles-attribution", value: enhancement.attribution),
                .attribute(named: "data-origin", value: "\(MapTiles.origin.x) \(MapTiles.origin.y)"),
                .attribute(
                    named: "data-resolutions", value: MapTiles.resolutions.map { String($0) }.joined(separator: " ")),
                .attribute(named: "data-boundaries", value: SiteURL.municipalBoundaries.path),
                .attribute(named: "data-leaflet", value: SiteURL.leafletAsset(.script).path),
                .attribute(named: "data-leaflet-css", value: SiteURL.leafletAsset(.stylesheet).path)
            ]
        }
        return .element(
            named: "figure",
            nodes: attributes + [
                .div(.class("map-frame"), .raw(svg)),
                .element(
                    named: "figcaption",
                    nodes: [
                        .ul(
                            .class("map-legend"), .attribute(named: "aria-label", value: "Legenda"),
                            .forEach(figure.canvas.legend) { item in
                                .li(.raw(swatch(item)), .text(item.label))
                            }),
                        .p(
                            .class("map-source"),
                            .text([figure.caption, MapFigure.sourceNote].compactMap { $0 }.joined(separator: " · ")))
                    ]),
                figure.alternative,
                enhancement == nil
                    ? .empty
                    : .script(.src(SiteURL.mapScript.path), .attribute(named: "defer", value: "defer"))
            ])
    }

    private static func swatch(_ item: MapLegendItem) -> String {
        let fill = AttributeValue.escape(item.fill)
        let stroke = AttributeValue.escape(item.stroke ?? "#767676")
        let shape: String
        switch item.shape {
        case .square: shape = "<rect x=\"1\" y=\"1\" width=\"12\" height=\"12\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
        case .dot: shape = "<circle cx=\"7\" cy=\"7\" r=\"4.5\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
        case .ring:
            shape =
                "<circle cx=\"7\" cy=\"7\" r=\"5.5\" fill=\"\(fill)\" fill-opacity=\".25\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>"
        }
        return
            "<svg class=\"swatch\" viewBox=\"0 0 14 14\" width=\"14\" height=\"14\" aria-hidden=\"true\">\(shape)</svg>"
    }
}
