import Foundation
import NEIGCore

/// The evaluation's monthly series and the national picture, as SVG; each page has the numbers in a table too.
enum InterventionCharts {
    /// Attacks per month in the intervention area and in the comparison (scaled to the same level before the start).
    static func evaluation(_ result: EffectEvaluation.Result, name: String) -> String {
        var canvas = SVGCanvas(width: 760, height: 300)
        let left = 44.0, right = 750.0, bottom = 250.0, top = 20.0
        let points = result.series
        guard points.count > 1 else { return canvas.render(title: "Geen reeks", id: "grafiek-evaluatie") }
        let maximum = MonitorCharts.niceCeiling(
            Int((points.map { max(Double($0.treated), $0.comparison) }.max() ?? 1).rounded(.up)))
        let scale = (bottom - top) / Double(maximum), step = (right - left) / Double(points.count - 1)
        for tick in 0...4 {
            let value = Double(maximum) * Double(tick) / 4, y = bottom - value * scale
            canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: "#d0d0d0")
            canvas.text(SVGCanvas.number(value), x: left - 6, y: y + 4, anchor: .end, size: 11)
        }
        let startIndex = Double(result.monthsBefore) - 0.5
        let startX = left + startIndex * step
        canvas.line(x1: startX, y1: top, x2: startX, y2: bottom, stroke: "#b00020", width: 2, dashed: true)
        canvas.text("Start \(result.start)", x: startX + 4, y: top + 10, size: 11, fill: "#b00020", bold: true)
        canvas.polyline(
            points.enumerated().map { (left + Double($0.offset) * step, bottom - $0.element.comparison * scale) },
            stroke: "#767676", dashed: true)
        canvas.polyline(
            points.enumerated().map { (left + Double($0.offset) * step, bottom - Double($0.element.treated) * scale) },
            stroke: "#1f4e79")
        for (index, point) in points.enumerated() where index % 6 == 0 {
            canvas.text(point.month, x: left + Double(index) * step, y: bottom + 16, anchor: .middle, size: 10)
        }
        canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#1a1a1a")
        canvas.line(x1: left, y1: 284, x2: left + 24, y2: 284, stroke: "#1f4e79", width: 2)
        canvas.text("Interventiegebied", x: left + 30, y: 288, size: 11)
        canvas.line(x1: left + 170, y1: 284, x2: left + 194, y2: 284, stroke: "#767676", width: 2, dashed: true)
        canvas.text("Vergelijkingsgebieden (op hetzelfde niveau gebracht)", x: left + 200, y: 288, size: 11)
        return canvas.render(
            title: "Aanslagen per maand: \(name) tegenover vergelijkbare gemeenten, met de start gemarkeerd",
            id: "grafiek-evaluatie")
    }

    /// National attacks per month over the last three years, the monthly share of the 10 % target, and when
    /// interventions started.
    static func national(
        _ counts: [Int: Int], today: CivilDate, previousYear: Int, starts: [(name: String, month: Int)]
    ) -> String {
        var canvas = SVGCanvas(width: 760, height: 320)
        let left = 44.0, right = 750.0, bottom = 260.0, top = 30.0
        let last = MonthIndex.of(today) - 1, months = Array((last - 35)...last)
        let target = Double(previousYear) * (1 - TargetProgress.reductionTarget) / 12
        let maximum = MonitorCharts.niceCeiling(
            max(Int(target.rounded(.up)), months.map { counts[$0] ?? 0 }.max() ?? 1))
        let scale = (bottom - top) / Double(maximum), slot = (right - left) / Double(months.count)
        for tick in 0...4 {
            let value = Double(maximum) * Double(tick) / 4, y = bottom - value * scale
            canvas.line(x1: left, y1: y, x2: right, y2: y, stroke: "#d0d0d0")
            canvas.text(SVGCanvas.number(value), x: left - 6, y: y + 4, anchor: .end, size: 11)
        }
        for (index, month) in months.enumerated() {
            let value = Double(counts[month] ?? 0)
            canvas.rect(
                x: left + Double(index) * slot + 2, y: bottom - value * scale, width: slot - 4, height: value * scale,
                fill: "#1f4e79",
                tooltip: "\(MonthIndex.label(month)): \(Int(value))")
            if index % 6 == 0 {
                canvas.text(
                    MonthIndex.label(month), x: left + Double(index) * slot + slot / 2, y: bottom + 16, anchor: .middle,
                    size: 10)
            }
        }
        let targetY = bottom - target * scale
        canvas.line(x1: left, y1: targetY, x2: right, y2: targetY, stroke: "#b00020", width: 2, dashed: true)
        for (number, start) in starts.enumerated() where months.contains(start.month) {
            let x = left + Double(start.month - months[0]) * slot + slot / 2
            canvas.line(x1: x, y1: top - 10, x2: x, y2: bottom, stroke: "#a64d00", width: 1.5)
            canvas.text(String(number + 1), x: x, y: top - 14, anchor: .middle, size: 10, fill: "#a64d00", bold: true)
        }
        canvas.rect(x: left, y: 290, width: 12, height: 12, fill: "#1f4e79")
        canvas.text("Aanslagen per maand (heel Nederland)", x: left + 16, y: 300, size: 11)
        canvas.line(x1: left + 240, y1: 296, x2: left + 264, y2: 296, stroke: "#a64d00", width: 1.5)
        canvas.text("Start van interventie nr.", x: left + 270, y: 300, size: 11)
        canvas.line(x1: left + 420, y1: 296, x2: left + 444, y2: 296, stroke: "#b00020", width: 2, dashed: true)
        canvas.text(
            "Doel \(today.year): gemiddeld ten hoogste \(Int(target.rounded(.down))) per maand", x: left + 450, y: 300,
            size: 11, fill: "#b00020")
        return canvas.render(
            title: "Aanslagen per maand in Nederland tegenover het doel, met de start van interventies",
            id: "grafiek-landelijk")
    }
}
