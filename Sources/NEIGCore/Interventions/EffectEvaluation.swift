import Foundation

/// Did attacks fall where an intervention ran, compared with similar places? A difference in differences on monthly
/// counts: the ratio after/before in the intervention area divided by the same ratio in the comparison areas
/// (multiplicative, as suits counts; half a count is added to each total so that a zero does not divide).
///
/// Uncertainty comes from two places. A placebo test pretends, in turn, that comparison municipalities got the
/// intervention, and that it started on earlier dates; the p-value is the share of those placebo effects at least as
/// large as the real one. A bootstrap over months gives the 90 % interval. The verdict calls an effect only when
/// both agree (p ≤ 0.10 and an interval without zero), so about one evaluation in ten without any real effect
/// would claim one — the stated error rate.
public enum EffectEvaluation {
    public static let alpha = 0.10
    public static let proposedControlCount = 20

    public struct Input: Sendable {
        /// Attacks per municipality per month (`MonthIndex`).
        public var counts: [String: [Int: Int]]
        /// Every municipality that could serve as comparison, also those without attacks.
        public var universe: [String]
        public var treated: [String]
        public var start: CivilDate
        /// Chosen comparison municipalities; nil proposes them (similar attack levels before the start).
        public var controls: [String]?
        public var monthsBefore: Int
        public var monthsAfter: Int
        /// First and last month for which the counts are complete.
        public var dataStart: Int
        public var dataEnd: Int
        public var seed: UInt64
        public var bootstrapSamples: Int
        /// Said before the evaluation's own warnings (e.g. attacks that could not be placed in an area).
        public var notes: [String] = []

        public init(
            counts: [String: [Int: Int]], universe: [String], treated: [String], start: CivilDate, controls: [String]?,
            monthsBefore: Int = 24, monthsAfter: Int = 12, dataStart: Int, dataEnd: Int, seed: UInt64,
            bootstrapSamples: Int = 2000
        ) {
            self.counts = counts
            self.universe = universe
            self.treated = treated
            self.start = start
            self.controls = controls
            self.monthsBefore = monthsBefore
            self.monthsAfter = monthsAfter
            self.dataStart = dataStart
            self.dataEnd = dataEnd
            self.seed = seed
            self.bootstrapSamples = bootstrapSamples
        }
    }

    public struct Point: Codable, Sendable, Equatable {
        public let month: String
        public let treated: Int
        /// The comparison areas' count scaled to the intervention area's level before the start.
        public let comparison: Double
    }

    public struct Result: Codable, Sendable, Equatable {
        public let effectPct: Double
        public let ciLow: Double
        public let ciHigh: Double
        public let pValue: Double?
        public let pValueAreas: Double?
        public let pValueDates: Double?
        public let placebos: Int
        public let controls: [String]
        public let controlsProposed: Bool
        public let treated: [String]
        public let start: String
        public let monthsBefore: Int
        public let monthsAfter: Int
        public let treatedBefore: Int
        public let treatedAfter: Int
        public let controlBefore: Int
        public let controlAfter: Int
        public let sparse: Bool
        public let significant: Bool
        public let warnings: [String]
        public let verdict: String
        public let series: [Point]

        enum CodingKeys: String, CodingKey {
            case effectPct = "effect_pct", ciLow = "ci_low", ciHigh = "ci_high", pValue = "p_value", pValueAreas =
                "p_value_areas"
            case pValueDates = "p_value_dates", placebos, controls, controlsProposed = "controls_proposed", treated,
                start
            case monthsBefore = "months_before", monthsAfter = "months_after", treatedBefore = "treated_before"
            case treatedAfter = "treated_after", controlBefore = "control_before", controlAfter = "control_after",
                sparse, significant
            case warnings, verdict, series
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noTreated, treatedAsControl(String), noControls, noMonthsAfter, noMonthsBefore

        public var description: String {
            switch self {
            case .noTreated: "geen interventiegebied (gemeentecode) opgegeven"
            case .treatedAsControl(let code): "\(code) is zowel interventie- als vergelijkingsgebied"
            case .noControls: "geen vergelijkingsgebieden beschikbaar"
            case .noMonthsAfter: "er zijn nog geen volledige maanden na de start"
            case .noMonthsBefore: "er zijn geen gegevens van vóór de start"
            }
        }
    }

    public static func evaluate(_ input: Input) -> Swift.Result<Result, Failure> {
        let treated = Array(Set(input.treated)).sorted()
        guard !treated.isEmpty else { return .failure(.noTreated) }
        if let overlap = input.controls?.first(where: treated.contains) { return .failure(.treatedAsControl(overlap)) }
        let startMonth = MonthIndex.of(input.start)
        var warnings = input.notes
        let monthsAfter = min(input.monthsAfter, input.dataEnd - startMonth + 1)
        guard monthsAfter >= 1 else { return .failure(.noMonthsAfter) }
        if monthsAfter < input.monthsAfter {
            warnings.append(
                "Pas \(monthsAfter) van de gevraagde \(input.monthsAfter) maanden na de start zijn voorbij.")
        }
        let monthsBefore = min(input.monthsBefore, startMonth - input.dataStart)
        guard monthsBefore >= 1 else { return .failure(.noMonthsBefore) }
        if monthsBefore < input.monthsBefore {
            warnings.append("Er zijn maar \(monthsBefore) maanden gegevens vóór de start.")
        }
        let before = (startMonth - monthsBefore)..<startMonth, after = startMonth..<(startMonth + monthsAfter)

        func total(_ codes: [String], _ months: Range<Int>) -> Int {
            codes.reduce(0) { sum, code in sum + months.reduce(0) { $0 + (input.counts[code]?[$1] ?? 0) } }
        }
        let proposed = input.controls == nil
        let controls =
            (input.controls.map { Array(Set($0)).sorted() } ?? propose(input, treated: treated, before: before))
        guard !controls.isEmpty else { return .failure(.noControls) }

        let treatedBefore = total(treated, before), treatedAfter = total(treated, after)
        let controlBefore = total(controls, before), controlAfter = total(controls, after)
        let observed = ratio(treatedBefore, treatedAfter, controlBefore, controlAfter)

        // Placebo areas: groups of comparison municipalities as large as the intervention area.
        var generator = SeededGenerator(seed: input.seed)
        var areaPlacebos: [Double] = []
        if controls.count > treated.count {
            let groups = placeboGroups(controls, size: treated.count, limit: 200, using: &generator)
            for group in groups {
                let rest = controls.filter { !group.contains($0) }
                areaPlacebos.append(
                    ratio(total(group, before), total(group, after), total(rest, before), total(rest, after)))
            }
        }
        // Placebo dates: the same windows, ending before the real start, as far back as the data go.
        var datePlacebos: [Double] = []
        var fakeStart = startMonth - monthsAfter
        while fakeStart - monthsBefore >= input.dataStart && datePlacebos.count < 24 {
            let fakeBefore = (fakeStart - monthsBefore)..<fakeStart, fakeAfter = fakeStart..<(fakeStart + monthsAfter)
            datePlacebos.append(
                ratio(
                    total(treated, fakeBefore), total(treated, fakeAfter), total(controls, fakeBefore),
                    total(controls, fakeAfter)))
            fakeStart -= 1
        }
        let pAreas = pValue(observed, placebos: areaPlacebos), pDates = pValue(observed, placebos: datePlacebos)
        let pooled = pValue(observed, placebos: areaPlacebos + datePlacebos)

        // Bootstrap over months, the same months for both areas so that shared ups and downs stay shared.
        var effects: [Double] = []
        effects.reserveCapacity(input.bootstrapSamples)
        let beforeMonths = Array(before), afterMonths = Array(after)
        let treatedMonthly = Dictionary(
            uniqueKeysWithValues: (beforeMonths + afterMonths).map { ($0, total(treated, $0..<($0 + 1))) })
        let controlMonthly = Dictionary(
            uniqueKeysWithValues: (beforeMonths + afterMonths).map { ($0, total(controls, $0..<($0 + 1))) })
        for _ in 0..<max(input.bootstrapSamples, 0) {
            var tb = 0, ta = 0, cb = 0, ca = 0
            for _ in beforeMonths.indices {
                let month = beforeMonths[Int.random(in: 0..<beforeMonths.count, using: &generator)]
                tb += treatedMonthly[month]!
                cb += controlMonthly[month]!
            }
            for _ in afterMonths.indices {
                let month = afterMonths[Int.random(in: 0..<afterMonths.count, using: &generator)]
                ta += treatedMonthly[month]!
                ca += controlMonthly[month]!
            }
            effects.append(ratio(tb, ta, cb, ca))
        }
        effects.sort()
        let low = effects.isEmpty ? observed : quantile(effects, alpha / 2)
        let high = effects.isEmpty ? observed : quantile(effects, 1 - alpha / 2)

        var sparseReasons: [String] = []
        if treatedBefore < 10 {
            sparseReasons.append(
                "\(treatedBefore) aanslagen in het interventiegebied vóór de start (minstens 10 nodig)")
        }
        if treatedBefore + treatedAfter < 15 {
            sparseReasons.append("\(treatedBefore + treatedAfter) aanslagen in het interventiegebied in totaal")
        }
        if controls.count < 5 { sparseReasons.append("\(controls.count.counted(.comparisonArea)) (minstens 5 nodig)") }
        if areaPlacebos.count + datePlacebos.count < 9 {
            sparseReasons.append("\(areaPlacebos.count + datePlacebos.count) placebo-vergelijkingen (minstens 9 nodig)")
        }
        if monthsAfter < 3 { sparseReasons.append("\(monthsAfter) maanden na de start (minstens 3 nodig)") }
        let sparse = !sparseReasons.isEmpty
        warnings += sparseReasons.map { "Te weinig gegevens: \($0)." }
        let significant = !sparse && (pooled ?? 1) <= alpha && (high < 0 || low > 0)

        let scale = controlBefore > 0 ? Double(treatedBefore) / Double(controlBefore) : 0
        let series = ((startMonth - monthsBefore)..<(startMonth + monthsAfter)).map { month in
            Point(
                month: MonthIndex.label(month), treated: treatedMonthly[month] ?? 0,
                comparison: Double(controlMonthly[month] ?? 0) * scale)
        }
        let result = Result(
            effectPct: percent(observed), ciLow: percent(low), ciHigh: percent(high), pValue: pooled,
            pValueAreas: pAreas, pValueDates: pDates,
            placebos: areaPlacebos.count + datePlacebos.count, controls: controls, controlsProposed: proposed,
            treated: treated,
            start: MonthIndex.label(startMonth), monthsBefore: monthsBefore, monthsAfter: monthsAfter,
            treatedBefore: treatedBefore,
            treatedAfter: treatedAfter, controlBefore: controlBefore, controlAfter: controlAfter, sparse: sparse,
            significant: significant,
            warnings: warnings,
            verdict: verdict(
                effect: percent(observed), low: percent(low), high: percent(high), p: pooled, sparse: sparse,
                significant: significant),
            series: series)
        return .success(result)
    }

    /// (after/before in the area) / (after/before in the comparison) − 1, with half a count added to each total.
    static func ratio(_ treatedBefore: Int, _ treatedAfter: Int, _ controlBefore: Int, _ controlAfter: Int) -> Double {
        (Double(treatedAfter) + 0.5) * (Double(controlBefore) + 0.5)
            / ((Double(treatedBefore) + 0.5) * (Double(controlAfter) + 0.5)) - 1
    }

    static func percent(_ value: Double) -> Double { (value * 1000).rounded() / 10 }

    /// Two-sided on the log scale, where a halving and a doubling are equally far from nothing.
    static func pValue(_ observed: Double, placebos: [Double]) -> Double? {
        guard !placebos.isEmpty else { return nil }
        let size = abs(log1p(observed))
        let asLarge = placebos.filter { abs(log1p($0)) >= size - 1e-12 }.count
        return Double(1 + asLarge) / Double(1 + placebos.count)
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// Every single comparison municipality when the area is one municipality; random distinct groups otherwise.
    static func placeboGroups(_ controls: [String], size: Int, limit: Int, using generator: inout SeededGenerator)
        -> [[String]]
    {
        if size == 1 { return controls.map { [$0] } }
        var groups = Set<[String]>()
        var attempts = 0
        while groups.count < limit && attempts < limit * 20 {
            groups.insert(Array(controls.shuffled(using: &generator).prefix(size)).sorted())
            attempts += 1
        }
        return groups.sorted { $0.joined() < $1.joined() }
    }

    /// The municipalities whose attack count before the start is closest to the intervention area's average.
    static func propose(_ input: Input, treated: [String], before: Range<Int>) -> [String] {
        func total(_ code: String) -> Int { before.reduce(0) { $0 + (input.counts[code]?[$1] ?? 0) } }
        let level = Double(treated.reduce(0) { $0 + total($1) }) / Double(treated.count)
        return input.universe.filter { !treated.contains($0) }
            .map { (code: $0, distance: abs(Double(total($0)) - level)) }
            .sorted { ($0.distance, $0.code) < ($1.distance, $1.code) }
            .prefix(proposedControlCount).map(\.code).sorted()
    }

    static func verdict(effect: Double, low: Double, high: Double, p: Double?, sparse: Bool, significant: Bool)
        -> String
    {
        let pText = p.map { ", p = " + $0.dutchDecimal(2) } ?? ""
        if sparse {
            return
                "Te weinig gegevens om iets te concluderen (geschat \(signed(effect)) %, 90 %-interval \(signed(low)) tot \(signed(high)) %\(pText))."
        }
        guard significant else {
            return
                "Geen aantoonbaar effect (geschat \(signed(effect)) %, 90 %-interval \(signed(low)) tot \(signed(high)) %\(pText))."
        }
        if effect < 0 {
            return "Daling van ~\(whole(-effect)) % (90 %-interval \(whole(-high))–\(whole(-low)) %\(pText))."
        }
        return "Stijging van ~\(whole(effect)) % (90 %-interval \(whole(low))–\(whole(high)) %\(pText))."
    }

    static func whole(_ value: Double) -> String { String(Int(value.rounded())) }
    static func signed(_ value: Double) -> String {
        value > 0 ? "+\(whole(value))" : value < 0 ? "−\(whole(-value))" : "0"
    }
}

/// Months as one number (year × 12 + month − 1), so windows are plain ranges.
public enum MonthIndex {
    public static func of(_ date: CivilDate) -> Int { date.year * 12 + date.month - 1 }
    public static func label(_ index: Int) -> String { String(format: "%04d-%02d", index / 12, index % 12 + 1) }
    /// "jun 2024", for people; `label` is for files and the API.
    public static func dutchLabel(_ index: Int) -> String {
        CivilDate.shortMonthName(year: index / 12, month: index % 12 + 1)
    }
    public static func firstDay(_ index: Int) -> CivilDate {
        CivilDate(year: index / 12, month: index % 12 + 1, day: 1)!
    }

    /// Counts per municipality per month from incident dates.
    public static func counts(_ incidents: [(municipality: String, date: CivilDate)]) -> [String: [Int: Int]] {
        var counts: [String: [Int: Int]] = [:]
        for incident in incidents { counts[incident.municipality, default: [:]][of(incident.date), default: 0] += 1 }
        return counts
    }
}
