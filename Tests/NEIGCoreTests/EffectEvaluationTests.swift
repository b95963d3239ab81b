import Foundation
import Testing

@testable import NEIGCore

/// The effect evaluation on synthetic data: it finds an effect that was planted, and finds none where none was, about
/// as often as it says it would.
@Suite struct EffectEvaluationTests {
    static let firstMonth = MonthIndex.of(CivilDate(year: 2021, month: 1, day: 1)!)
    static let start = CivilDate(year: 2024, month: 1, day: 1)!

    static func poisson(_ lambda: Double, using generator: inout SeededGenerator) -> Int {
        let limit = exp(-lambda)
        var product = Double.random(in: 0..<1, using: &generator), count = 0
        while product > limit {
            product *= Double.random(in: 0..<1, using: &generator)
            count += 1
        }
        return count
    }

    /// 40 municipalities with 1 to 12 attacks a month for four years; GM9000 gets the intervention in 2024, which
    /// multiplies its rate by `factor` from then on.
    static func data(seed: UInt64, factor: Double, treatedRate: Double = 8) -> EffectEvaluation.Input {
        var generator = SeededGenerator(seed: seed)
        var counts: [String: [Int: Int]] = [:]
        let codes = (0..<40).map { String(format: "GM%04d", 9000 + $0) }
        let startMonth = MonthIndex.of(start)
        for (index, code) in codes.enumerated() {
            let rate = index == 0 ? treatedRate : 1 + Double(index % 12)
            for month in firstMonth..<(firstMonth + 48) {
                counts[code, default: [:]][month] = poisson(
                    rate * (index == 0 && month >= startMonth ? factor : 1), using: &generator)
            }
        }
        return EffectEvaluation.Input(
            counts: counts, universe: codes, treated: ["GM9000"], start: start, controls: nil, monthsBefore: 24,
            monthsAfter: 12, dataStart: firstMonth, dataEnd: firstMonth + 47, seed: seed, bootstrapSamples: 500)
    }

    @Test func recoversAPlantedHalving() throws {
        var found = 0, estimates: [Double] = []
        for seed in 1...40 as ClosedRange<UInt64> {
            let result = try EffectEvaluation.evaluate(Self.data(seed: seed, factor: 0.5)).get()
            estimates.append(result.effectPct)
            if result.significant && result.effectPct < 0 { found += 1 }
            #expect(result.ciLow <= result.effectPct && result.effectPct <= result.ciHigh)
        }
        #expect(found >= 32, "a halving was found in \(found) of 40 runs")
        let mean = estimates.reduce(0, +) / Double(estimates.count)
        #expect((-60.0 ... -40.0).contains(mean), "mean estimate \(mean) %")
    }

    @Test func findsNoEffectWhereNoneWasPlantedAtAboutTheStatedRate() throws {
        var claimed = 0
        for seed in 1...200 as ClosedRange<UInt64> {
            if try EffectEvaluation.evaluate(Self.data(seed: seed + 1000, factor: 1)).get().significant { claimed += 1 }
        }
        // The stated error rate is 10 %; 30 of 200 is well beyond chance for it (binomial p < 0.02).
        #expect(claimed <= 30, "an effect was claimed in \(claimed) of 200 runs without one")
    }

    @Test func sparseDataAreFlaggedAndNeverCalledAnEffect() throws {
        let result = try EffectEvaluation.evaluate(Self.data(seed: 7, factor: 0.2, treatedRate: 0.2)).get()
        #expect(result.sparse && !result.significant)
        #expect(result.verdict.hasPrefix("Te weinig gegevens om iets te concluderen"))
        #expect(result.warnings.contains { $0.contains("vóór de start (minstens 10 nodig)") })
    }

    @Test func proposesComparisonAreasWithSimilarLevelsAndRespectsAChoice() throws {
        var input = Self.data(seed: 3, factor: 1)
        let proposed = try EffectEvaluation.evaluate(input).get()
        #expect(proposed.controlsProposed && proposed.controls.count == EffectEvaluation.proposedControlCount)
        #expect(!proposed.controls.contains("GM9000"))
        // Rates 1 + index % 12: the twenty chosen centre on the intervention area's 8 a month; the quietest are left out.
        let rates = proposed.controls.map { Double(1 + Int($0.dropFirst(2))! % 12) }
        #expect(rates.allSatisfy { $0 >= 4 }, "\(rates)")
        #expect((6.5...9.5).contains(rates.reduce(0, +) / Double(rates.count)), "\(rates)")
        input.controls = ["GM9001", "GM9002"]
        let chosen = try EffectEvaluation.evaluate(input).get()
        #expect(chosen.controls == ["GM9001", "GM9002"] && !chosen.controlsProposed && chosen.sparse)
        input.controls = ["GM9000"]
        #expect(throws: EffectEvaluation.Failure.treatedAsControl("GM9000")) {
            try EffectEvaluation.evaluate(input).get()
        }
    }

    @Test func windowsAreCutToTheDataWithAWarning() throws {
        var input = Self.data(seed: 5, factor: 1)
        input.dataEnd = MonthIndex.of(Self.start) + 5
        let result = try EffectEvaluation.evaluate(input).get()
        #expect(result.monthsAfter == 6 && result.series.count == 30 && result.series.first?.month == "2022-01")
        #expect(result.warnings.contains("Pas 6 van de gevraagde 12 maanden na de start zijn voorbij."))
        input.dataEnd = MonthIndex.of(Self.start) - 1
        #expect(throws: EffectEvaluation.Failure.noMonthsAfter) { try EffectEvaluation.evaluate(input).get() }
    }

    @Test func theSameSeedGivesTheSameResult() throws {
        let first = try EffectEvaluation.evaluate(Self.data(seed: 11, factor: 0.7)).get()
        let second = try EffectEvaluation.evaluate(Self.data(seed: 11, factor: 0.7)).get()
        #expect(first == second)
    }

    @Test func verdictsReadAsPlainDutch() {
        #expect(
            EffectEvaluation.verdict(effect: -30.2, low: -45.4, high: -10.1, p: 0.04, sparse: false, significant: true)
                == "Daling van ~30 % (90 %-interval 10–45 %, p = 0,04).")
        #expect(
            EffectEvaluation.verdict(effect: -12, low: -40, high: 25, p: 0.34, sparse: false, significant: false)
                == "Geen aantoonbaar effect (geschat −12 %, 90 %-interval −40 tot +25 %, p = 0,34).")
    }
}
