import Foundation
import NEIGCore
import Plot

enum InterventionParts {

    static func progressText(_ outputs: [InterventionOutput]) -> String {
        outputs.map { "\($0.label) \($0.realised.dutch)/\($0.planned.dutch)" }.joined(separator: "; ")
    }

    static func resultSection(
        _ result: EffectEvaluation.Result, intervention: Intervention, registry: MunicipalityRegistry
    ) -> Node<HTML.BodyContext> {
        let name: (String) -> String = { registry[$0]?.displayName ?? $0 }
        let controlsLabel = result.controlsProposed ? "Vergelijkingsgebieden (voorgesteld)" : "Vergelijkingsgebieden"
        // Percentages are rounded to a tenth already; a real minus sign reads better than a hyphen.
        let dutch: (Double) -> String = { $0.dutchDecimal(1).replacingOccurrences(of: "-", with: "−") }
        let pText =
            (result.pValue.map { $0.dutchDecimal(3) } ?? "—")
            + " over \(result.placebos) placebo’s (gebieden en eerdere startdata)"
        let facts: [(String, String)] = [
            ("Interventiegebied", result.treated.map(name).joined(separator: ", ")),
            (controlsLabel, result.controls.map(name).joined(separator: ", ")),
            ("Periode", "\(result.monthsBefore) maanden vóór en \(result.monthsAfter) na \(result.start)"),
            ("Aanslagen interventiegebied", "\(result.treatedBefore) vóór, \(result.treatedAfter) na"),
            ("Aanslagen vergelijkingsgebieden", "\(result.controlBefore) vóór, \(result.controlAfter) na"),
            (
                "Effect",
                "\(dutch(result.effectPct)) % (90 %-interval \(dutch(result.ciLow)) tot \(dutch(result.ciHigh)) %)"
            ),
            ("p-waarde", pText)
        ]
        return .div(
            .ul(.forEach(result.warnings) { .li(.class("warning"), .text($0)) }),
            .chart(
                InterventionCharts.evaluation(result, name: intervention.name), label: "Grafiek: aanslagen per maand"),
            .dl(.class("facts"), .forEach(facts) { fact in .group(.dt(.text(fact.0)), .dd(.text(fact.1))) }),
            .explanation(.placebos),
            .scrollingTable(
                "Aanslagen per maand",
                .caption(.text("Aanslagen per maand")),
                .thead(
                    .tr(
                        .th(.text("Maand")), .th(.text("Interventiegebied")), .th(.text("Vergelijking (zelfde niveau)"))
                    )),
                .tbody(
                    .forEach(result.series) { point in
                        .tr(
                            .td(.text(CivilDate.shortMonthName(isoMonth: point.month))),
                            .td(.text(String(point.treated))),
                            .td(.text(point.comparison.dutchDecimal(1))))
                    }))
        )
    }
}
