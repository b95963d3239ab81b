import Foundation
import NEIGCore

/// The evaluation's monthly series and the national picture, as SVG; each page has the numbers in a table too.
enum InterventionCharts {
    /// Attacks per month in the intervention area and in the comparison (scaled to the same level before the start).
    static func evaluation(_ result: EffectEvaluation.Result, name: String) -> String {
        var canvas = SVGCanvas(width: 760, height: 320)
        let left = 44.0, right = 750.0, bottom = 250.0, top = 20.0
        let points = result.series
        guard points.count > 1 else { return canvas.render(title: "Geen reeks", id: "grafiek-evaluatie") }
        let maximum = MonitorCharts.niceCeiling(
            Int((points.map { max(Double($0.treated), $0.comparison) }.max() ?? 1).rounded(.up)))
        let scale = (bottom - top) / Double(maximum), step = (right - left) / Double(points.count - 1)
        for tick in 0...4 {
            let value = Double(maximum) * Double(tick) / 4, y = bottom - value * scale
            canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: "#d0d0d0")
            canvas.text(SVGCanvas.number(value), x: left - 6, y: y + 4, anchor: .end, size: 13)
        }
        let startIndex = Double(result.monthsBefore) - 0.5
        let startX = left + startIndex * step
        canvas.line(x1: startX, y1: top, x2: startX, y2: bottom, stroke: "#b00020", width: 2, dashed: true)
        canvas.text("Start \(result.start)", x: startX + 4, y: top + 10, size: 13, fill: "#b00020", bold: true)
        canvas.polyline(
            points.enumerated().map { (left + Double($0.offset) * step, bottom - $0.element.comparison * scale) },
            stroke: "#767676", dashed: true)
        canvas.polyline(
            points.enumerated().map { (left + Double($0.offset) * step, bottom - Double($0.element.treated) * scale) },
            stroke: "#1f4e79")
        for (index, point) in points.enumerated() where index % 6 == 0 {
            canvas.text(
                CivilDate.shortMonthName(isoMonth: point.month), x: left + Double(index) * step, y: bottom + 18,
                anchor: .middle, size: 13)
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#1a1a1a")
        canvas.line(x1: left, y1: 282, x2: left + 24, y2: 282, stroke: "#1f4e79", width: 2)
        canvas.text("Interventiegebied", x: left + 30, y: 287, size: 13)
        canvas.line(x1: left, y1: 304, x2: left + 24, y2: 304, stroke: "#767676", width: 2, dashed: true)
        canvas.text("Vergelijkingsgebieden (op hetzelfde niveau gebracht)", x: left + 30, y: 309, size: 13)
        return canvas.render(
            title: "Aanslagen per maand: \(name) tegenover vergelijkbare gemeenten, met de start gemarkeerd",
            id: "grafiek-evaluatie")
    }

    /// National attacks per month over the last three years, the monthly share of the 10 % target, and when
    /// interventions started.
    static func national(
        _ counts: [Int: Int], today: CivilDate, previousYear: Int, starts: [(name: String, month: Int)]
    ) -> String {
        var canvas = SVGCanvas(width: 760, height: 360)
        let left = 44.0, right = 750.0, bottom = 260.0, top = 30.0
        let last = MonthIndex.of(today) - 1, months = Array((last - 35)...last)
        let target = Double(previousYear) * (1 - TargetProgress.reductionTarget) / 12
        let maximum = MonitorCharts.niceCeiling(
            max(Int(target.rounded(.up)), months.map { counts[$0] ?? 0 }.max() ?? 1))
        let scale = (bottom - top) / Double(maximum), slot = (right - left) / Double(months.count)
        for tick in 0...4 {
            let value = Double(maximum) * Double(tick) / 4, y = bottom - value * scale
            canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: "#d0d0d0")
            canvas.text(SVGCanvas.number(value), x: left - 6, y: y + 4, anchor: .end, size: 13)
        }
        for (index, month) in months.enumerated() {
            let value = Double(counts[month] ?? 0)
            canvas.rect(
                x: left + Double(index) * slot + 2, y: bottom - value * scale, width: slot - 4, height: value * scale,
                fill: "#1f4e79",
                tooltip: "\(MonthIndex.dutchLabel(month)): \(Int(value))")
            if index % 6 == 0 {
                canvas.text(
                    MonthIndex.dutchLabel(month), x: left + Double(index) * slot + slot / 2, y: bottom + 18,
                    anchor: .middle,
                    size: 13)
            }
        }
        let targetY = bottom - target * scale
        canvas.line(x1: left, y1: targetY, x2: right, y2: targetY, stroke: "#b00020", width: 2, dashed: true)
        // Starts in the same month share one line; their numbers stand side by side above it, not on each other.
        let startsByMonth = Dictionary(
            grouping: starts.enumerated().filter { months.contains($0.element.month) }, by: \.element.month)
        for (month, group) in startsByMonth.sorted(by: { $0.key < $1.key }) {
            let x = left + Double(month - months[0]) * slot + slot / 2
            canvas.line(x1: x, y1: top - 10, x2: x, y2: bottom, stroke: "#a64d00", width: 1.5)
            canvas.text(
                group.map { String($0.offset + 1) }.joined(separator: ", "), x: x, y: top - 14, anchor: .middle,
                size: 13, fill: "#a64d00", bold: true)
        }
        canvas.rect(x: left, y: 292, width: 12, height: 12, fill: "#1f4e79")
        canvas.text("Aanslagen per maand (heel Nederland)", x: left + 30, y: 303, size: 13)
        canvas.line(x1: left + 330, y1: 298, x2: left + 354, y2: 298, stroke: "#a64d00", width: 1.5)
        canvas.text("Start van interventie nr.", x: left + 360, y: 303, size: 13)
        canvas.line(x1: left, y1: 324, x2: left + 24, y2: 324, stroke: "#b00020", width: 2, dashed: true)
        canvas.text(
            "Doel \(today.year): gemiddeld ten hoogste \(Int(target.rounded(.down))) per maand", x: left + 30, y: 329,
            size: 13, fill: "#b00020")
        return canvas.render(
            title: "Aanslagen per maand in Nederland tegenover het doel, met de start van interventies",
            id: "grafiek-landelijk")
    }
}
