import Foundation

/// Synthetic incidents that match the published national figures, so a fresh neig shows realistic
/// numbers. Every record has source `demo`, a `DEMO-` id and a fictitious street name.
public struct DemoData: Sendable {
    public struct YearPlan: Sendable {
        public let year: Int
        public let byTarget: [TargetType: Int]
        public var total: Int { byTarget.values.reduce(0, +) }
    }

    /// 2023 and 2024 as published (police figures); 2024 by target as in the OTE letter (1,119 homes,
    /// 230 businesses, 154 vehicles, 40 other). 2025 is a synthetic year that meets the 10 % target.
    public static let yearPlans: [YearPlan] = [
        YearPlan(year: 2023, byTarget: [.woning: 653, .bedrijf: 134, .voertuig: 90, .overig: 24]),
        YearPlan(year: 2024, byTarget: [.woning: 1119, .bedrijf: 230, .voertuig: 154, .overig: 40]),
        YearPlan(year: 2025, byTarget: [.woning: 950, .bedrijf: 196, .voertuig: 131, .overig: 33])
    ]
    /// The current year runs at this pace for the whole year, cut off at "today".
    public static let currentYearPace: [TargetType: Int] = [.woning: 850, .bedrijf: 180, .voertuig: 120, .overig: 30]

    /// Relative weights; the 2024 top five (Amsterdam, Rotterdam, Den Haag, Almere, 's-Hertogenbosch)
    /// stays the top five in every year.
    public static let municipalityWeights: [(code: String, weight: Double)] = [
        ("GM0363", 230), ("GM0599", 200), ("GM0518", 170), ("GM0034", 95), ("GM0796", 72),
        ("GM0344", 60), ("GM0772", 55), ("GM0855", 50), ("GM0014", 40), ("GM0758", 40),
        ("GM0268", 35), ("GM0202", 35), ("GM0479", 35), ("GM0392", 30), ("GM0606", 30),
        ("GM0622", 28), ("GM0502", 28), ("GM0505", 28), ("GM0546", 25), ("GM0637", 25),
        ("GM0153", 25), ("GM0200", 22), ("GM0307", 22), ("GM0935", 22), ("GM0794", 20),
        ("GM1674", 20), ("GM1930", 20), ("GM0828", 18), ("GM0983", 18), ("GM0917", 18),
        ("GM0995", 15), ("GM0384", 14)
    ]

    /// Share of a year's attacks per month: peaks around New Year's Eve, when heavy fireworks circulate.
    public static let monthProfile: [Double] = [0.13, 0.08, 0.08, 0.07, 0.07, 0.07, 0.07, 0.07, 0.08, 0.08, 0.09, 0.11]

    static let streets = [
        "Voorbeeldstraat", "Proeflaan", "Demoweg", "Oefenplein", "Testkade", "Schetsgracht",
        "Modelstraat", "Fictiefhof", "Denkbeeldpad", "Verzinsingel"
    ]

    public let registry: MunicipalityRegistry
    public let today: CivilDate
    public let seed: UInt64

    public init(registry: MunicipalityRegistry, today: CivilDate, seed: UInt64 = 2024) {
        self.registry = registry
        self.today = today
        self.seed = seed
    }

    /// Complete years before today's, and today's year up to today at its planned pace.
    public func plans() -> [YearPlan] {
        guard let first = Self.yearPlans.first?.year, today.year >= first else { return [] }
        return (first...today.year).map { year in
            let plan = Self.yearPlans.first { $0.year == year } ?? YearPlan(year: year, byTarget: Self.currentYearPace)
            guard year == today.year else { return plan }
            let share = TargetProgress.expectedShare(
                asOf: today, profileMonths: [Self.monthProfile.map { Int($0 * 10_000) }])
            return YearPlan(year: year, byTarget: plan.byTarget.mapValues { Int((Double($0) * share).rounded()) })
        }
    }

    public func incidents() -> [IncidentRecord] {
        var random = SeededGenerator(seed: seed)
        var result: [IncidentRecord] = []
        for plan in plans() {
            result.append(contentsOf: incidents(for: plan, random: &random, earlier: result))
        }
        return result
    }

    func incidents(for plan: YearPlan, random: inout SeededGenerator, earlier: [IncidentRecord]) -> [IncidentRecord] {
        let codes = Self.municipalityWeights.map(\.code).filter { registry.contains($0) }
        let weights = Self.municipalityWeights.filter { registry.contains($0.code) }.map(\.weight)
        var municipalitySlots = zip(codes, Apportion.split(plan.total, weights: weights)).flatMap {
            Array(repeating: $0, count: $1)
        }
        var targetSlots = TargetType.allCases.flatMap { Array(repeating: $0, count: plan.byTarget[$0] ?? 0) }
        let lastMonth = plan.year == today.year ? today.month : 12
        let monthWeights = Self.monthProfile.enumerated().map { index, share -> Double in
            guard index + 1 <= lastMonth else { return 0 }
            if plan.year == today.year, index + 1 == today.month {
                return share * Double(today.day) / Double(CivilDate.daysIn(month: today.month, year: today.year))
            }
            return share
        }
        var monthSlots = Apportion.split(plan.total, weights: monthWeights).enumerated()
            .flatMap { Array(repeating: $0.offset + 1, count: $0.element) }
        municipalitySlots.shuffle(using: &random)
        targetSlots.shuffle(using: &random)
        monthSlots.shuffle(using: &random)

        var dated: [(CivilDate, String, TargetType)] = []
        for i in 0..<plan.total {
            let month = monthSlots[i]
            var lastDay = CivilDate.daysIn(month: month, year: plan.year)
            if plan.year == today.year, month == today.month { lastDay = today.day }
            let day = Int.random(in: 1...lastDay, using: &random)
            dated.append((CivilDate(year: plan.year, month: month, day: day)!, municipalitySlots[i], targetSlots[i]))
        }
        dated.sort { ($0.0, $0.1) < ($1.0, $1.1) }

        var produced: [IncidentRecord] = []
        var recentByMunicipality: [String: [IncidentRecord]] = [:]
        for earlierIncident in earlier.suffix(400) {
            recentByMunicipality[earlierIncident.municipalityCode, default: []].append(earlierIncident)
        }
        for (index, (date, code, target)) in dated.enumerated() {
            let municipality = registry[code]!
            let recent = (recentByMunicipality[code] ?? []).filter { date.dayNumber - $0.date.dayNumber <= 365 }
            let roll = Double.random(in: 0..<1, using: &random)
            var point: RDPoint
            var address: String
            var postcode: String
            // Synthetic BAG ids, numbered rather than drawn so the rest of the demo story stays as it was.
            var bagID = String(code.dropFirst(2)) + "01" + String(plan.year) + String(format6: index + 1)
            if roll < 0.05, let previous = recent.randomElement(using: &random), let previousAddress = previous.address
            {
                // A repeat attack on the same address.
                point = previous.rd
                address = previousAddress
                postcode = previous.postcode ?? Self.postcode(for: code, random: &random)
                bagID = previous.bagID ?? bagID
            } else {
                let nearby = recent.filter { date.dayNumber - $0.date.dayNumber <= 28 }
                if roll < 0.30, let previous = nearby.randomElement(using: &random) {
                    // Near repeat: within a few hundred metres of a recent attack.
                    let distance = Double.random(in: 30...350, using: &random)
                    let angle = Double.random(in: 0..<(2 * .pi), using: &random)
                    point = RDPoint(x: previous.rd.x + distance * cos(angle), y: previous.rd.y + distance * sin(angle))
                } else {
                    let spread = 2_500.0
                    point = RDPoint(
                        x: municipality.centroid.x + random.nextGaussian() * spread,
                        y: municipality.centroid.y + random.nextGaussian() * spread)
                    point = Self.inside(
                        municipality, registry: registry, first: point, spread: spread,
                        seed: plan.year * 100_000 + index)
                }
                point = RDPoint(x: (point.x * 10).rounded() / 10, y: (point.y * 10).rounded() / 10)
                let street = Self.streets.randomElement(using: &random)!
                address = "\(street) \(Int.random(in: 1...180, using: &random))"
                postcode = Self.postcode(for: code, random: &random)
            }
            let time = TimeOfDay(
                parsing: String(
                    format2: Int.random(in: 0...5, using: &random) == 0 ? 22 : Int.random(in: 0...4, using: &random))
                    + ":" + String(format2: Int.random(in: 0...59, using: &random)))
            let means: AttackMeans = {
                let r = Double.random(in: 0..<1, using: &random)
                return r < 0.55 ? .explosief : r < 0.85 ? .vuurwerk : r < 0.90 ? .handgranaat : .onbekend
            }()
            let record = IncidentRecord(
                sourceID: "DEMO-\(plan.year)-\(String(format6: index + 1))", source: "demo", date: date, time: time,
                municipalityCode: code, address: address, postcode: postcode, rd: point,
                wgs84: RDConversion.toWGS84(point),
                target: target, means: means, description: "Demogegevens (synthetisch) — geen echte aanslag",
                definitionVersion: "demo", bagID: bagID)
            produced.append(record)
            recentByMunicipality[code, default: []].append(record)
        }
        return produced
    }

    /// Demo attacks lie inside their municipality. Retries draw from a generator of their own, so the main
    /// sequence (dates, targets, addresses) is the same with or without boundaries.
    static func inside(
        _ municipality: Municipality, registry: MunicipalityRegistry, first: RDPoint, spread: Double, seed: Int
    ) -> RDPoint {
        guard let shape = registry.boundaries?[municipality.code], !shape.contains(first) else { return first }
        var retries = SeededGenerator(seed: UInt64(seed) &+ 0x9E37_79B9)
        let radius = min(spread, max(shape.bounds.width, shape.bounds.height) / 3)
        for _ in 0..<24 {
            let candidate = RDPoint(
                x: municipality.centroid.x + retries.nextGaussian() * radius,
                y: municipality.centroid.y + retries.nextGaussian() * radius)
            if shape.contains(candidate) { return candidate }
        }
        return municipality.centroid
    }

    static func postcode(for code: String, random: inout SeededGenerator) -> String {
        let base = (Int(code.dropFirst(2)) ?? 1000) % 9 + 1
        let letters = Array("ABCDEGHJKLMNPRSTVWXZ")
        return
            "\(base)\(Int.random(in: 100...999, using: &random))\(letters.randomElement(using: &random)!)\(letters.randomElement(using: &random)!)"
    }
}

extension String {
    init(format2 value: Int) { self = CivilDate.pad(value, 2) }
    init(format6 value: Int) { self = CivilDate.pad(value, 6) }
}
