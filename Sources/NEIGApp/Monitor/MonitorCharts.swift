import Foundation
import NEIGCore

/// The monitor's charts as SVG strings; the page puts a data table next to each.
enum MonitorCharts {
    /// Per month: last year's total as a grey bar, this year's bar stacked by target type.
    static func monthly(model: MonitorPageModel) -> String {
        var canvas = SVGCanvas(width: 760, height: 300)
        let left = 44.0, bottom = 260.0, top = 20.0
        let slot = (760 - left - 10) / 12
        let maximum = max(1, zip(model.report.byMonth, model.previousReport.byMonth).map { max($0, $1) }.max() ?? 1)
        let scale = (bottom - top) / Double(niceCeiling(maximum))
        for step in 0...4 {
            let value = Double(niceCeiling(maximum)) * Double(step) / 4
            let y = bottom - value * scale
            canvas.line(x1: left, y1: y, x2: 750, y2: y, stroke: "#d0d0d0")
            canvas.text(SVGCanvas.number(value), x: left - 6, y: y + 4, anchor: .end, size: 11)
        }
        for month in 0..<12 {
            let x = left + Double(month) * slot
            let previous = Double(model.previousReport.byMonth[month])
            canvas.rect(
                x: x + 4, y: bottom - previous * scale, width: slot / 2 - 6, height: previous * scale,
                fill: ChartColours.previousYear,
                tooltip: "\(CivilDate.dutchMonths[month]) \(model.year - 1): \(Int(previous))")
            var stackTop = bottom
            for target in TargetType.allCases {
                let value = Double(model.monthlyByTarget[target]?[month] ?? 0)
                guard value > 0 else { continue }
                stackTop -= value * scale
                canvas.rect(
                    x: x + slot / 2, y: stackTop, width: slot / 2 - 6, height: value * scale,
                    fill: ChartColours.target(target.rawValue),
                    tooltip:
                        "\(CivilDate.dutchMonths[month]) \(model.year), \(target.label.lowercased()): \(Int(value))")
            }
            canvas.text(
                CivilDate.dutchMonthAbbreviations[month], x: x + slot / 2, y: bottom + 16, anchor: .middle, size: 11)
        }
        canvas.line(x1: left, y1: bottom, x2: 750, y2: bottom, stroke: "#1a1a1a")
        var legendX = left
        for (label, colour) in [("\(model.year - 1)", ChartColours.previousYear)]
            + TargetType.allCases.map({ ("\($0.label) \(model.year)", ChartColours.target($0.rawValue)) })
        {
            canvas.rect(x: legendX, y: 282, width: 12, height: 12, fill: colour)
            canvas.text(label, x: legendX + 16, y: 292, size: 11)
            legendX += Double(label.count) * 6.5 + 34
        }
        return canvas.render(
            title: "Aanslagen per maand in \(model.year) naar doelwit, naast het totaal van \(model.year - 1)",
            id: "grafiek-maanden")
    }

    /// Year to date, projection and the target maximum on one horizontal scale.
    static func progress(_ progress: TargetProgress) -> String {
        var canvas = SVGCanvas(width: 760, height: 110)
        let left = 10.0, right = 750.0
        let maximum =
            Double(max(progress.previousYearTotal, progress.projectedTotal ?? 0, progress.yearToDate, 1)) * 1.08
        let scale = (right - left) / maximum
        canvas.rect(x: left, y: 30, width: right - left, height: 26, fill: "#eef2f6")
        canvas.rect(
            x: left, y: 30, width: Double(progress.yearToDate) * scale, height: 26, fill: "#1f4e79",
            tooltip: "Tot nu toe: \(progress.yearToDate)")
        if let projected = progress.projectedTotal, !progress.isYearComplete {
            canvas.rect(
                x: left + Double(progress.yearToDate) * scale, y: 36,
                width: Double(max(0, projected - progress.yearToDate)) * scale, height: 14, fill: "#7a9cc0",
                tooltip: "Prognose: \(projected)")
        }
        let targetX = left + Double(progress.targetMaximum) * scale
        canvas.line(x1: targetX, y1: 18, x2: targetX, y2: 68, stroke: "#b00020", width: 2)
        canvas.text(
            "Doel: ten hoogste \(progress.targetMaximum.dutch)", x: targetX, y: 14, anchor: .middle, size: 12,
            fill: "#b00020", bold: true)
        let previousX = left + Double(progress.previousYearTotal) * scale
        canvas.line(x1: previousX, y1: 24, x2: previousX, y2: 62, stroke: "#1a1a1a", dashed: true)
        canvas.text(
            "\(progress.year - 1): \(progress.previousYearTotal.dutch)", x: previousX, y: 82, anchor: .middle, size: 12)
        canvas.text("Tot nu toe: \(progress.yearToDate.dutch)", x: left, y: 100, size: 12)
        return canvas.render(
            title:
                "Voortgang \(progress.year) ten opzichte van het doel van ten hoogste \(progress.targetMaximum.dutch) aanslagen",
            id: "grafiek-doel")
    }

    static func niceCeiling(_ value: Int) -> Int {
        guard value > 4 else { return 4 }
        let magnitude = Int(pow(10.0, floor(log10(Double(value)))))
        for factor in [1, 2, 4, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }
}

extension Int {
    /// 1543 → "1.543", as Dutch readers expect.
    var dutch: String {
        let digits = String(abs(self))
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(".") }
            result.append(character)
        }
        return (self < 0 ? "-" : "") + result
    }
}

extension Double {
    /// A percentage with a decimal comma and an explicit sign: "+71,3 %".
    var dutchPercent: String {
        let rounded = (self * 10).rounded() / 10
        let text = abs(rounded).dutchDecimal(1)
        return (rounded > 0 ? "+" : rounded < 0 ? "−" : "") + text + " %"
    }
}
