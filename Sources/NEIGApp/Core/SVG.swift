/// A minimal SVG writer for charts drawn on the server. Every text is escaped; the chart gets
/// `role="img"` and a title so screen readers announce it (the data table next to it has the numbers).
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var parts: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The same escaping as every attribute value of the pages.
    static func escape(_ text: String) -> String { AttributeValue.escape(text) }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil) {
        let n = Self.number
        let title = tooltip.map { "<title>\(Self.escape($0))</title>" } ?? ""
        parts.append(
            "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\">\(title)</rect>"
        )
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false
    ) {
        let n = Self.number
        parts.append(
            "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashed ? " stroke-dasharray=\"4 3\"" : "")/>"
        )
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String, opacity: Double = 1) {
        let n = Self.number
        parts.append(
            "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" fill-opacity=\"\(opacity)\"/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dashed: Bool = false) {
        let data = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        parts.append(
            "<polyline points=\"\(data)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
        )
    }

    mutating func path(_ data: String, fill: String) {
        parts.append("<path d=\"\(Self.escape(data))\" fill=\"\(fill)\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
        fill: String = "#1a1a1a", bold: Bool = false
    ) {
        let n = Self.number
        parts.append(
            "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(n(size))\" fill=\"\(fill)\"\(bold ? " font-weight=\"bold\"" : "")>\(Self.escape(text))</text>"
        )
    }

    func render(title: String, id: String, className: String = "chart") -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "role=\"img\" aria-labelledby=\"\(id)\" class=\"\(className)\" font-family=\"system-ui, sans-serif\">"
            + "<title id=\"\(id)\">\(Self.escape(title))</title>" + parts.joined() + "</svg>"
    }
}

/// Colours per target type, each at least 3:1 against white (WCAG 1.4.11).
enum ChartColours {
    static let previousYear = "#767676"
    static func target(_ target: String) -> String {
        switch target {
        case "woning": "#1f4e79"
        case "bedrijf": "#a64d00"
        case "voertuig": "#2e6b30"
        default: "#6a1b9a"
        }
    }
}
