import NEIGCore

/// The density grid and the incidents on RD coordinates as an SVG map (north up, one scale for x and y).
public enum HotspotMap {
    /// Light to dark: low to high density; the darkest steps keep 3:1 contrast against white.
    static let ramp = ["#fff3b0", "#fdd17a", "#f9a24b", "#e8702a", "#c4451c", "#8c1c13"]

    public static func svg(_ grid: DensityGrid, events: SpaceTimeEvents, title: String, width: Double = 640) -> String {
        let spanX = Double(grid.columns) * grid.cellSize, spanY = Double(grid.rows) * grid.cellSize
        guard spanX > 0, spanY > 0 else {
            var empty = SVGCanvas(width: width, height: 80)
            empty.text("Geen aanslagen in deze selectie.", x: 16, y: 44, size: 14)
            return empty.render(title: title, id: "hotspot-titel")
        }
        let scale = width / spanX
        let height = spanY * scale + 40
        var canvas = SVGCanvas(width: width, height: height)
        canvas.rect(x: 0, y: 0, width: width, height: spanY * scale, fill: "#f4f6f8")
        let maximum = grid.maximum
        func step(_ column: Int, _ row: Int) -> Int? {
            let value = grid.value(column: column, row: row)
            guard maximum > 0, value >= maximum * 0.05 else { return nil }
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
                canvas.rect(
                    x: Double(start) * grid.cellSize * scale, y: (spanY - Double(row + 1) * grid.cellSize) * scale,
                    width: Double(column - start) * grid.cellSize * scale + 0.3, height: grid.cellSize * scale + 0.3,
                    fill: ramp[colour])
            }
        }
        for index in 0..<events.count {
            canvas.circle(
                x: (events.x[index] - grid.originX) * scale, y: (spanY - (events.y[index] - grid.originY)) * scale,
                radius: 2.2, fill: "#1a1a1a", opacity: 0.8)
        }
        // Legend and scale bar.
        let legendY = spanY * scale + 12
        for (index, colour) in ramp.enumerated() {
            canvas.rect(x: 8 + Double(index) * 22, y: legendY, width: 22, height: 12, fill: colour)
        }
        canvas.text(
            "laag → hoog (max \(Int(maximum.rounded())) per km²)", x: 8 + Double(ramp.count) * 22 + 8, y: legendY + 11,
            size: 12)
        let barMetres = niceScaleBar(spanX / 4)
        canvas.line(
            x1: width - 16 - barMetres * scale, y1: legendY + 6, x2: width - 16, y2: legendY + 6, stroke: "#1a1a1a",
            width: 2)
        canvas.text(
            barMetres >= 1000 ? "\(Int(barMetres / 1000)) km" : "\(Int(barMetres)) m",
            x: width - 16 - barMetres * scale / 2, y: legendY + 22, anchor: .middle, size: 11)
        return canvas.render(title: title, id: "hotspot-titel")
    }

    static func niceScaleBar(_ approximate: Double) -> Double {
        [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000].last { $0 <= approximate } ?? 100
    }
}
