import NEIGCore

/// RD New metres onto an SVG drawing, north up, one scale for both axes (RD is conformal, so shapes keep theirs).
struct MapFrame: Sendable, Hashable {
    let bounds: RDBounds
    let width: Double
    var scale: Double { width / max(bounds.width, 1) }
    var height: Double { bounds.height * scale }

    /// `bounds` grown to a height / width ratio between the two aspects, so a long, thin area is neither a sliver
    /// nor a tower on the page.
    init(bounds: RDBounds, width: Double, minimumAspect: Double = 0, maximumAspect: Double = .infinity) {
        var frame = bounds
        if minimumAspect > 0, frame.height < frame.width * minimumAspect {
            let grow = (frame.width * minimumAspect - frame.height) / 2
            frame = RDBounds(minX: frame.minX, minY: frame.minY - grow, maxX: frame.maxX, maxY: frame.maxY + grow)
        }
        if maximumAspect.isFinite, frame.height > frame.width * maximumAspect {
            let grow = (frame.height / maximumAspect - frame.width) / 2
            frame = RDBounds(minX: frame.minX - grow, minY: frame.minY, maxX: frame.maxX + grow, maxY: frame.maxY)
        }
        self.bounds = frame
        self.width = width
    }

    func x(_ point: RDPoint) -> Double { (point.x - bounds.minX) * scale }
    func y(_ point: RDPoint) -> Double { (bounds.maxY - point.y) * scale }
    func project(_ point: RDPoint) -> (Double, Double) { (x(point), y(point)) }

    /// The path of the rings in tenths of a unit, relative after the first point, so a country fits in ~100 kB;
    /// rounding happens on the absolute positions, so the path does not drift.
    func path(_ rings: [[RDPoint]]) -> String {
        var out = ""
        out.reserveCapacity(rings.reduce(0) { $0 + $1.count } * 8)
        for ring in rings where ring.count >= 3 {
            var previous: (Int, Int)?
            var wroteLine = false
            for point in ring {
                let current = (Int((x(point) * 10).rounded()), Int((y(point) * 10).rounded()))
                guard let last = previous else {
                    out += "M\(Self.tenths(current.0)) \(Self.tenths(current.1))"
                    previous = current
                    continue
                }
                let dx = current.0 - last.0, dy = current.1 - last.1
                if dx == 0, dy == 0 { continue }
                out += wroteLine ? " " : "l"
                out += Self.tenths(dx)
                out += dy < 0 ? Self.tenths(dy) : " " + Self.tenths(dy)
                wroteLine = true
                previous = current
            }
            out += "z"
        }
        return out
    }

    /// "12.3", "-4", ".5", "-.5": the shortest form SVG path syntax accepts.
    static func tenths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let whole = magnitude / 10, fraction = magnitude % 10
        if fraction == 0 { return sign + String(whole) }
        return sign + (whole == 0 ? "" : String(whole)) + "." + String(fraction)
    }

    /// "minX minY maxX maxY" in whole metres, for the zoomable map to open on the same view.
    var rdBounds: String {
        [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY].map { String(Int($0.rounded())) }.joined(separator: " ")
    }

    /// Metres on the ground of one unit of the drawing, for the tolerance of simplification.
    var metresPerUnit: Double { 1 / scale }
}

/// The SVG of one map: layers in drawing order, then scale bar, north arrow and source. The legend is kept for the
/// HTML around the map (`MapFigure`), where it stays readable on a phone.
struct MapCanvas {
    let frame: MapFrame
    /// Space below the map for the scale bar and the source.
    static let footer = 26.0
    private var layers: [String] = []
    private(set) var legend: [MapLegendItem] = []

    init(frame: MapFrame) { self.frame = frame }

    static func escape(_ text: String) -> String { AttributeValue.escape(text) }
    static func n(_ value: Double) -> String { SVGCanvas.number(value) }

    /// A municipality: its code on `data-gemeente`, its name and value in the tooltip and for screen readers.
    mutating func area(
        code: String, path: String, fill: String, title: String, stroke: String = "#ffffff", strokeWidth: Double = 0.6
    ) {
        layers.append(
            "<path d=\"\(path)\" data-gemeente=\"\(Self.escape(code))\" fill=\"\(fill)\" stroke=\"\(stroke)\" "
                + "stroke-width=\"\(Self.n(strokeWidth))\" stroke-linejoin=\"round\">"
                + "<title>\(Self.escape(title))</title></path>")
    }

    mutating func outline(_ path: String, stroke: String, width: Double, dashed: Bool = false) {
        layers.append(
            "<path d=\"\(path)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" "
                + "stroke-linejoin=\"round\"\(dashed ? " stroke-dasharray=\"5 3\"" : "")/>")
    }

    /// A circle of `radiusMetres` on the ground, or of `radius` units on the drawing.
    /// `kind` names what the circle stands for (`aanslag`, `zone` …); with its RD position (and radius in metres)
    /// it lets the zoomable map draw the same circle over the streets.
    mutating func circle(
        _ centre: RDPoint, radiusMetres: Double? = nil, radius: Double = 3, fill: String, fillOpacity: Double = 1,
        stroke: String? = nil, dashed: Bool = false, title: String? = nil, kind: String
    ) {
        let r = radiusMetres.map { max(1.5, $0 * frame.scale) } ?? radius
        var attributes =
            " data-kind=\"\(Self.escape(kind))\" data-rd=\"\(Int(centre.x.rounded())) \(Int(centre.y.rounded()))\""
        if let radiusMetres { attributes += " data-radius=\"\(Int(radiusMetres.rounded()))\"" }
        attributes += stroke.map { " stroke=\"\($0)\" stroke-width=\"1.2\"" } ?? ""
        if dashed { attributes += " stroke-dasharray=\"4 3\"" }
        let tooltip = title.map { "<title>\(Self.escape($0))</title>" } ?? ""
        layers.append(
            "<circle cx=\"\(Self.n(frame.x(centre)))\" cy=\"\(Self.n(frame.y(centre)))\" r=\"\(Self.n(r))\" "
                + "fill=\"\(fill)\" fill-opacity=\"\(Self.n(fillOpacity))\"\(attributes)>\(tooltip)</circle>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String) {
        layers.append(
            "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"\(fill)\"/>"
        )
    }

    /// A place name with a white halo, readable over any fill; left out when it falls outside the frame.
    mutating func label(_ text: String, at point: RDPoint, size: Double = 12, bold: Bool = false) {
        let x = frame.x(point), y = frame.y(point)
        guard x >= 8, x <= frame.width - 8, y >= 10, y <= frame.height - 4 else { return }
        layers.append(
            "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"middle\" font-size=\"\(Self.n(size))\" "
                + "fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" "
                + "stroke-linejoin=\"round\"\(bold ? " font-weight=\"bold\"" : "")>\(Self.escape(text))</text>")
    }

    /// Ready-made SVG (a clipped density layer); the caller escapes what it contains.
    mutating func raw(_ svg: String) { layers.append(svg) }

    mutating func addLegend(_ label: String, fill: String, stroke: String? = nil, shape: MapLegendItem.Shape = .square)
    {
        legend.append(MapLegendItem(label: label, fill: fill, stroke: stroke, shape: shape))
    }

    /// The full SVG. `name` starts with "Kaart" (the accessible name); `description` says where the same numbers are.
    func render(name: String, id: String, description: String) -> String {
        let id = Self.escape(id)
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(frame.width)) \(Self.n(frame.height + Self.footer))\" "
            + "role=\"img\" aria-labelledby=\"\(id)\" aria-describedby=\"\(id)-uitleg\" class=\"map\" data-bounds=\"\(frame.rdBounds)\" "
            + "font-family=\"system-ui, sans-serif\">"
            + "<title id=\"\(id)\">\(Self.escape(name))</title><desc id=\"\(id)-uitleg\">\(Self.escape(description))</desc>"
            + "<rect width=\"\(Self.n(frame.width))\" height=\"\(Self.n(frame.height))\" fill=\"#e8eef3\"/>"
            + layers.joined() + furniture() + "</svg>"
    }

    /// Scale bar and source below the map, north arrow in its top right corner (RD is north up).
    private func furniture() -> String {
        let baseline = frame.height + Self.footer - 8
        let metres = Self.niceDistance(frame.bounds.width / 5)
        let length = metres * frame.scale
        let north = frame.width - 16
        return
            "<path d=\"M6 \(Self.n(baseline - 5))v5h\(Self.n(length))v-5\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"/>"
            + "<text x=\"\(Self.n(12 + length))\" y=\"\(Self.n(baseline))\" font-size=\"13\" fill=\"#1a1a1a\">\(Self.distanceLabel(metres))</text>"
            + "<text x=\"\(Self.n(frame.width - 6))\" y=\"\(Self.n(baseline))\" text-anchor=\"end\" font-size=\"12\" fill=\"#4a4a4a\">\(MunicipalBoundaries.attribution)</text>"
            + "<path d=\"M\(Self.n(north)) 8l6 14h-12z\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
            + "<text x=\"\(Self.n(north))\" y=\"36\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" "
            + "fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">N</text>"
    }

    static func niceDistance(_ approximate: Double) -> Double {
        [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000, 100_000].last {
            $0 <= approximate
        } ?? 50
    }

    static func distanceLabel(_ metres: Double) -> String {
        metres >= 1000 ? "\(Int(metres / 1000)) km" : "\(Int(metres)) m"
    }
}

struct MapLegendItem: Sendable {
    enum Shape: Sendable { case square, dot, ring }
    let label: String
    let fill: String
    let stroke: String?
    let shape: Shape
}
