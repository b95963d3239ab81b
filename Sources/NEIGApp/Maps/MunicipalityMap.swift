import NEIGCore

/// One municipality with its neighbours named, and its attacks: as points for those who may see locations, as a
/// smoothed density for everyone else (a point would give an address away).
enum MunicipalityMap {
    struct Attack: Sendable {
        let point: RDPoint
        /// Date and, for those who may see it, the address.
        let label: String
    }

    static let pointColour = "#b3260b"

    static func canvas(
        code: String, registry: MunicipalityRegistry, attacks: [Attack], showPoints: Bool, counts: [String: Int]
    ) -> MapCanvas? {
        guard let shape = registry.boundaries?[code],
            var map = AreaMap(registry: registry, focus: shape.bounds, margin: 1_500)
        else { return nil }
        let values = counts.mapValues { $0.counted(.attack) }
        map.drawContext(highlight: [code], values: values)
        if showPoints {
            for attack in attacks {
                map.canvas.circle(
                    attack.point, radius: 4, fill: pointColour, stroke: "#ffffff", title: attack.label, kind: "aanslag")
            }
            map.canvas.addLegend("aanslag", fill: pointColour, stroke: "#ffffff", shape: .dot)
        } else if attacks.count >= HotspotMap.minimumSupport {
            drawDensity(attacks.map(\.point), map: &map, clip: code)
        }
        map.drawNames(bold: [code])
        map.canvas.addLegend(map.name(code), fill: "#ffffff", stroke: "#1a1a1a")
        map.canvas.addLegend("buurgemeenten", fill: "#f4f4f1", stroke: "#9aa5ae")
        return map.canvas
    }

    static let densityRamp = ["#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#ef8a62", "#e36a4a"]

    /// A quartic kernel of 1 km on 250 m cells, inside the municipality's outline only, coloured only where at least
    /// five attacks lie within the kilometre.
    static func drawDensity(_ points: [RDPoint], map: inout AreaMap, clip code: String) {
        guard
            let grid = try? DensityGrid.quartic(
                x: points.map(\.x), y: points.map(\.y), bandwidth: 1_000, cellSize: 250),
            grid.maximum > 0
        else { return }
        let frame = map.frame
        let support = grid.support(x: points.map(\.x), y: points.map(\.y))
        let clipID = "clip-\(code)"
        var cells = ""
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                let value = grid.value(column: column, row: row) / grid.maximum
                // No coloured cell may stand for fewer than five attacks: it would show where they were.
                guard value >= 0.1, support[row * grid.columns + column] >= HotspotMap.minimumSupport else { continue }
                let step = min(densityRamp.count - 1, Int(value * Double(densityRamp.count)))
                let corner = RDPoint(
                    x: grid.originX + Double(column) * grid.cellSize, y: grid.originY + Double(row + 1) * grid.cellSize)
                let size = grid.cellSize * frame.scale
                cells +=
                    "<rect x=\"\(MapCanvas.n(frame.x(corner)))\" y=\"\(MapCanvas.n(frame.y(corner)))\" "
                    + "width=\"\(MapCanvas.n(size + 0.2))\" height=\"\(MapCanvas.n(size + 0.2))\" fill=\"\(densityRamp[step])\"/>"
            }
        }
        let outline = frame.path(map.boundaries.rings(of: code, tolerance: map.tolerance))
        map.canvas.raw(
            "<clipPath id=\"\(MapCanvas.escape(clipID))\"><path d=\"\(outline)\"/></clipPath>"
                + "<g clip-path=\"url(#\(MapCanvas.escape(clipID)))\">\(cells)</g>")
        map.canvas.outline(outline, stroke: "#1a1a1a", width: 2.2)
        map.canvas.addLegend("meer aanslagen in de omgeving (dichtheid)", fill: densityRamp[4])
    }
}
