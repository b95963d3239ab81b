import NEIGCore

/// The density grid over the municipal boundaries, with place names, the attacks for those who may see them, and
/// the densest places numbered as in the list beside the map.
public enum HotspotMap {
    /// Light to dark: low to high density; the darkest steps keep 3:1 contrast against white.
    static let ramp = ["#fff3b0", "#fdd17a", "#f9a24b", "#e8702a", "#c4451c", "#8c1c13"]

    /// The SVG alone, as `neig analyse hotspots --format svg` writes it.
    public static func svg(
        _ grid: DensityGrid, events: SpaceTimeEvents, title: String, registry: MunicipalityRegistry = .bundled
    ) -> String {
        let peaks = grid.peaks(limit: 5, separation: 4 * grid.bandwidth).enumerated().map {
            HotspotDescription(rank: $0.offset + 1, point: $0.element.point, density: $0.element.density, place: "")
        }
        guard let canvas = canvas(grid, events: events, showPoints: true, peaks: peaks, registry: registry) else {
            var empty = SVGCanvas(width: 640, height: 80)
            empty.text("Geen aanslagen in deze selectie.", x: 16, y: 44, size: 14)
            return empty.render(title: title, id: "hotspot-titel")
        }
        return canvas.render(name: title, id: "kaart-hotspots", description: "Dichtheid van aanslagen per km².")
    }

    /// A cell is coloured for those who may not see locations only when this many attacks lie within its bandwidth.
    static let minimumSupport = 5

    /// `showPoints`: the reader may see where each attack was; otherwise no points, and only cells that
    /// `minimumSupport` attacks contribute to.
    static func canvas(
        _ grid: DensityGrid, events: SpaceTimeEvents, showPoints: Bool, peaks: [HotspotDescription],
        registry: MunicipalityRegistry
    ) -> MapCanvas? {
        let spanX = Double(grid.columns) * grid.cellSize, spanY = Double(grid.rows) * grid.cellSize
        guard spanX > 0, spanY > 0 else { return nil }
        let extent = RDBounds(
            minX: grid.originX, minY: grid.originY, maxX: grid.originX + spanX, maxY: grid.originY + spanY)
        guard var map = AreaMap(registry: registry, focus: extent, margin: 0, width: 640, aspect: 0.6) else {
            return nil
        }
        map.drawContext(highlight: [])
        let support = showPoints ? nil : grid.support(x: events.x, y: events.y)
        drawDensity(grid, support: support, on: &map)
        // Outlines again over the density, so a hotspot can be placed in its municipality.
        for code in map.shown {
            map.canvas.outline(
                map.frame.path(map.boundaries.rings(of: code, tolerance: map.tolerance)), stroke: "#6b7780", width: 0.8)
        }
        for index in 0..<(showPoints ? events.count : 0) {
            map.canvas.circle(
                RDPoint(x: events.x[index], y: events.y[index]), radius: 2.2, fill: "#1a1a1a", fillOpacity: 0.8,
                kind: "aanslag")
        }
        map.drawNames(size: 11)
        for peak in peaks {
            map.canvas.circle(
                peak.point, radius: 9, fill: "#ffffff", stroke: "#1a1a1a", title: peak.place, kind: "hotspot")
            map.canvas.label(
                "\(peak.rank)", at: RDPoint(x: peak.point.x, y: peak.point.y - 4 * map.frame.metresPerUnit), size: 11,
                bold: true)
        }
        for (index, colour) in ramp.enumerated() where index % 2 == 1 {
            map.canvas.addLegend(["", "lage dichtheid", "", "middel", "", "hoogste dichtheid"][index], fill: colour)
        }
        if showPoints, events.count > 0 { map.canvas.addLegend("aanslag", fill: "#1a1a1a", shape: .dot) }
        if !peaks.isEmpty {
            map.canvas.addLegend("genummerde hotspot (zie lijst)", fill: "#ffffff", stroke: "#1a1a1a", shape: .dot)
        }
        return map.canvas
    }

    static func drawDensity(_ grid: DensityGrid, support: [Int]?, on map: inout AreaMap) {
        let maximum = grid.maximum
        guard maximum > 0 else { return }
        let frame = map.frame
        func step(_ column: Int, _ row: Int) -> Int? {
            let value = grid.value(column: column, row: row)
            guard value >= maximum * 0.05 else { return nil }
            if let support, support[row * grid.columns + column] < minimumSupport { return nil }
            return min(ramp.count - 1, Int(value / maximum * Double(ramp.count)))
        }
        for row in 0..<grid.rows {
            var column = 0
            // One rectangle per run of equally coloured cells keeps the SVG small.
            while column < grid.columns {
                guard let colour = step(column, row) else {
                    column += 1
                    continue
                }
                let start = column
                while column < grid.columns, step(column, row) == colour { column += 1 }
                let corner = RDPoint(
                    x: grid.originX + Double(start) * grid.cellSize, y: grid.originY + Double(row + 1) * grid.cellSize)
                map.canvas.rect(
                    x: frame.x(corner), y: frame.y(corner),
                    width: Double(column - start) * grid.cellSize * frame.scale + 0.3,
                    height: grid.cellSize * frame.scale + 0.3, fill: ramp[colour])
            }
        }
    }
}
