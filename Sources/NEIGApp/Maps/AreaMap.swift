import NEIGCore

/// A map of part of the country: the municipalities in view as context, one or more of them outlined, with place
/// names. The municipality map, the risk-zone map, the locator and the hotspot map all start from it.
struct AreaMap {
    let registry: MunicipalityRegistry
    let boundaries: MunicipalBoundaries
    let frame: MapFrame
    var canvas: MapCanvas
    /// Municipalities drawn, by code.
    private(set) var shown: [String] = []

    /// A frame around `focus` with `margin` metres on every side (at least a tenth of its size).
    init?(registry: MunicipalityRegistry, focus: RDBounds, margin: Double, width: Double = 640, aspect: Double = 0.62) {
        guard let boundaries = registry.boundaries else { return nil }
        self.registry = registry
        self.boundaries = boundaries
        let grow = max(margin, max(focus.width, focus.height) * 0.1)
        frame = MapFrame(bounds: focus.expanded(by: grow), width: width, minimumAspect: aspect, maximumAspect: 1.1)
        canvas = MapCanvas(frame: frame)
    }

    var tolerance: Double { frame.metresPerUnit * 0.4 }

    func name(_ code: String) -> String { registry[code]?.displayName ?? boundaries[code]?.name ?? code }

    /// Every municipality that reaches into the frame, light, with its name (and `values`) in its tooltip.
    mutating func drawContext(
        highlight: Set<String>, values: [String: String] = [:], fill: String = "#f4f4f1",
        highlightFill: String = "#ffffff"
    ) {
        for shape in boundaries.shapes where shape.bounds.intersects(frame.bounds) {
            let path = frame.path(boundaries.rings(of: shape.code, tolerance: tolerance))
            let value = values[shape.code].map { ": \($0)" } ?? ""
            let isHighlighted = highlight.contains(shape.code)
            canvas.area(
                code: shape.code, path: path, fill: isHighlighted ? highlightFill : fill,
                title: name(shape.code) + value, stroke: "#9aa5ae", strokeWidth: 0.8)
            shown.append(shape.code)
        }
        for code in highlight {
            canvas.outline(frame.path(boundaries.rings(of: code, tolerance: tolerance)), stroke: "#1a1a1a", width: 2.2)
        }
    }

    /// Names of the municipalities in view: at their interior point when it is in the frame, otherwise at the middle
    /// of their visible part, so a neighbour that reaches in only at the edge is still named.
    /// A name that would overlap one already placed is left out (the outlined municipalities go first); the
    /// tooltip and the table still name it.
    mutating func drawNames(bold: Set<String> = [], only: Set<String>? = nil, size: Double = 12) {
        var placed: [(x: Double, y: Double, halfWidth: Double)] = []
        let order = shown.filter { bold.contains($0) } + shown.filter { !bold.contains($0) }
        for code in order where only?.contains(code) ?? true {
            guard let point = labelPoint(code) else { continue }
            let labelSize = bold.contains(code) ? size + 2 : size
            let text = name(code)
            // An estimate of the text box: system fonts average a little over half the size per character.
            let halfWidth = Double(text.count) * labelSize * 0.29 + 3
            let x = frame.x(point), y = frame.y(point)
            let overlaps = placed.contains { abs($0.x - x) < $0.halfWidth + halfWidth && abs($0.y - y) < labelSize + 2 }
            guard !overlaps, x - halfWidth >= 2, x + halfWidth <= frame.width - 2 else { continue }
            placed.append((x, y, halfWidth))
            canvas.label(text, at: point, size: labelSize, bold: bold.contains(code))
        }
    }

    func labelPoint(_ code: String) -> RDPoint? {
        let inner = frame.bounds.expanded(by: -frame.metresPerUnit * 24)
        if let point = registry[code]?.centroid, inner.contains(point) { return point }
        // Otherwise the point of a grid over the visible part that lies deepest inside the municipality.
        guard let shape = boundaries[code], inner.width > 0, inner.height > 0 else { return nil }
        let rings = boundaries.rings(of: code, tolerance: tolerance)
        var best: (point: RDPoint, depth: Double)?
        let steps = 14
        for i in 0...steps {
            for j in 0...steps {
                let candidate = RDPoint(
                    x: inner.minX + inner.width * Double(i) / Double(steps),
                    y: inner.minY + inner.height * Double(j) / Double(steps))
                guard shape.bounds.contains(candidate), PlanarGeometry.contains(rings, candidate) else { continue }
                let depth = PlanarGeometry.distanceToEdges(rings, candidate)
                if depth > best?.depth ?? 0 { best = (candidate, depth) }
            }
        }
        // Too shallow to hold a name without covering its neighbour.
        guard let best, best.depth * frame.scale >= 8 else { return nil }
        return best.point
    }

    /// The neighbours of `code` that are in view, by name.
    func neighbourNames(of code: String) -> [String] {
        boundaries.neighbours(of: code).map(name).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }
}

extension RDBounds {
    /// A square of `radius` around a point.
    init(around point: RDPoint, radius: Double) {
        self.init(minX: point.x - radius, minY: point.y - radius, maxX: point.x + radius, maxY: point.y + radius)
    }
}
