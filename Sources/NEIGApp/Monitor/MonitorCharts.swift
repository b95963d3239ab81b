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
            canvas.text(SVGCanvas.number(value), x: left - 6, y: y + 4, anchor: .end, size: 13)
        }
        let asOf = model.progress.asOf
        let running = asOf.year == model.year && !model.progress.isYearComplete ? asOf.month - 1 : nil
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
                CivilDate.dutchMonthAbbreviations[month] + (month == running ? "*" : ""), x: x + slot / 2,
                y: bottom + 18, anchor: .middle, size: 13, bold: month == running)
            if month == running {
                // The running month has only its first days: its bar is not comparable to a whole month yet.
                canvas.rect(
                    x: x + slot / 2, y: stackTop, width: slot / 2 - 6, height: bottom - stackTop,
                    fill: "rgba(255,255,255,0.55)",
                    tooltip: "\(CivilDate.dutchMonths[month]) \(model.year): lopende maand, t/m \(asOf.dutch)")
            }
        }
        canvas.line(x1: left, y1: bottom, x2: 750, y2: bottom, stroke: "#1a1a1a")
        if let running {
            canvas.text(
                "* \(CivilDate.dutchMonths[running]) loopt nog: t/m \(asOf.dutch)", x: 750, y: top - 4, anchor: .end,
                size: 13)
        }
        var legendX = left
        for (label, colour) in [("\(model.year - 1)", ChartColours.previousYear)]
            + TargetType.allCases.map({ ("\($0.label) \(model.year)", ChartColours.target($0.rawValue)) })
        {
            canvas.rect(x: legendX, y: 282, width: 12, height: 12, fill: colour)
            canvas.text(label, x: legendX + 16, y: 292, size: 13)
            legendX += Double(label.count) * 8 + 34
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
            Double(
                max(
                    progress.previousYearTotal, progress.projectionInterval?.upperBound ?? 0, progress.yearToDate, 1))
            * 1.08
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
        if let interval = progress.projectionInterval, interval.count > 1 {
            // The 95 % range of the projection as a whisker, so a projection just past the target is not read as
            // a miss.
            let low = left + Double(interval.lowerBound) * scale, high = left + Double(interval.upperBound) * scale
            canvas.line(x1: low, y1: 43, x2: high, y2: 43, stroke: "#1a1a1a", width: 2)
            canvas.line(x1: low, y1: 37, x2: low, y2: 49, stroke: "#1a1a1a", width: 2)
            canvas.line(x1: high, y1: 37, x2: high, y2: 49, stroke: "#1a1a1a", width: 2)
        }
        let targetX = left + Double(progress.targetMaximum) * scale
        canvas.line(x1: targetX, y1: 18, x2: targetX, y2: 68, stroke: "#b00020", width: 2)
        canvas.text(
            "Doel: ten hoogste \(progress.targetMaximum.dutch)", x: targetX, y: 14, anchor: .middle, size: 14,
            fill: "#b00020", bold: true)
        let previousX = left + Double(progress.previousYearTotal) * scale
        canvas.line(x1: previousX, y1: 24, x2: previousX, y2: 62, stroke: "#1a1a1a", dashed: true)
        canvas.text(
            "\(progress.year - 1): \(progress.previousYearTotal.dutch)", x: previousX, y: 82, anchor: .middle, size: 14)
        canvas.text("Tot nu toe: \(progress.yearToDate.dutch)", x: left, y: 100, size: 14)
        return canvas.render(
            title:
                "Voortgang \(progress.year) ten opzichte van het doel van ten hoogste \(progress.targetMaximum.dutch) aanslagen",
            id: "grafiek-doel")
    }

    /// The top of an axis with four whole-numbered steps, as close above `value` as a round step allows: 201
    /// gets 240 (steps of 60), not 400.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 4 else { return 4 }
        let quarter = Double(value) / 4
        let magnitude = pow(10.0, floor(log10(quarter)))
        for factor in [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10] {
            let step = factor * magnitude
            if step >= quarter, step == step.rounded() { return Int(step) * 4 }
        }
        return Int(10 * magnitude) * 4
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
