/// Progress of a year towards the national target (Offensief Tegen Explosies: at least 10 % fewer
/// attacks than the year before), with a projection for the whole year.
public struct TargetProgress: Sendable, Equatable {
    public static let reductionTarget = 0.10

    public let year: Int
    public let asOf: CivilDate
    public let yearToDate: Int
    public let previousYearSamePeriod: Int
    public let previousYearTotal: Int
    /// At most this many attacks in the whole year meets the target.
    public let targetMaximum: Int
    /// Expected share of a year's attacks that has happened by `asOf`, from earlier years' monthly profile.
    public let expectedShare: Double
    public let projectedTotal: Int?

    public var isYearComplete: Bool { asOf.month == 12 && asOf.day == 31 }

    /// Whether the year is heading for the target, judged by the 95 % prediction interval of the projection, so
    /// that a projection of 1.181 against a target of 1.179 does not read as failing.
    public enum Outlook: String, Sendable {
        /// The whole interval is at or below the target (or, for a finished year, the total is).
        case belowTarget
        /// The whole interval is above the target.
        case aboveTarget
        /// The interval holds the target: it can still go either way.
        case undecided
    }

    public var outlook: Outlook? {
        guard let interval = projectionInterval else { return nil }
        if interval.upperBound <= targetMaximum { return .belowTarget }
        if interval.lowerBound > targetMaximum { return .aboveTarget }
        return .undecided
    }

    /// The range the whole year's count falls in with 95 % probability. The rest of the year is a Poisson count
    /// whose rate is itself estimated from the attacks so far, so both variances add:
    /// Var = λ + λ² / yearToDate with λ the expected remaining attacks. A finished year is its own total.
    public var projectionInterval: ClosedRange<Int>? {
        guard let projectedTotal else { return nil }
        if expectedShare >= 1 || isYearComplete { return projectedTotal...projectedTotal }
        let remaining = Double(projectedTotal - yearToDate)
        let variance = remaining + (yearToDate > 0 ? remaining * remaining / Double(yearToDate) : remaining)
        let margin = 1.96 * variance.squareRoot()
        let lower = max(yearToDate, Int((Double(projectedTotal) - margin).rounded(.down)))
        let upper = max(lower, Int((Double(projectedTotal) + margin).rounded(.up)))
        return lower...upper
    }
    public var changeSamePeriodPct: Double? {
        previousYearSamePeriod > 0
            ? Double(yearToDate - previousYearSamePeriod) / Double(previousYearSamePeriod) * 100 : nil
    }

    /// - Parameters:
    ///   - profileMonths: monthly totals of earlier complete years (12 each); their average shape
    ///     spreads a year over its months. Explosions peak around New Year, so a flat profile would mislead.
    public init(
        year: Int, asOf: CivilDate, yearToDate: Int, previousYearSamePeriod: Int, previousYearTotal: Int,
        profileMonths: [[Int]]
    ) {
        self.year = year
        self.asOf = asOf
        self.yearToDate = yearToDate
        self.previousYearSamePeriod = previousYearSamePeriod
        self.previousYearTotal = previousYearTotal
        self.targetMaximum = Int((Double(previousYearTotal) * (1 - Self.reductionTarget)).rounded(.down))
        let share = Self.expectedShare(asOf: asOf, profileMonths: profileMonths)
        self.expectedShare = share
        if share >= 1 {
            projectedTotal = yearToDate
        } else if share > 0.05 {
            projectedTotal = Int((Double(yearToDate) / share).rounded())
        } else {
            projectedTotal = nil // too early in the year to say anything
        }
    }

    static func expectedShare(asOf: CivilDate, profileMonths: [[Int]]) -> Double {
        var profile = Array(repeating: 0.0, count: 12)
        for months in profileMonths where months.count == 12 {
            let total = Double(months.reduce(0, +))
            guard total > 0 else { continue }
            for (i, value) in months.enumerated() { profile[i] += Double(value) / total }
        }
        let sum = profile.reduce(0, +)
        profile = sum > 0 ? profile.map { $0 / sum } : Array(repeating: 1.0 / 12, count: 12)
        let before = profile.prefix(asOf.month - 1).reduce(0, +)
        let daysInMonth = Double(CivilDate.daysIn(month: asOf.month, year: asOf.year))
        return min(1, before + profile[asOf.month - 1] * Double(asOf.day) / daysInMonth)
    }
}

/// An address hit at least twice within twelve months.
public struct RepeatAddress: Sendable, Equatable {
    public let key: String
    public let address: String
    public let postcode: String?
    public let municipalityCode: String
    public let dates: [CivilDate]

    public struct Hit: Sendable {
        public let key: String
        public let address: String
        public let postcode: String?
        public let municipalityCode: String
        public let date: CivilDate
        public init(key: String, address: String, postcode: String?, municipalityCode: String, date: CivilDate) {
            self.key = key
            self.address = address
            self.postcode = postcode
            self.municipalityCode = municipalityCode
            self.date = date
        }
    }

    /// Keeps addresses where two consecutive attacks are at most one calendar year apart, and at
    /// least one attack of such a pair lies in `window`.
    public static func find(in hits: [Hit], window: ClosedRange<CivilDate>) -> [RepeatAddress] {
        let grouped = Dictionary(grouping: hits, by: \.key)
        var result: [RepeatAddress] = []
        for (key, group) in grouped where group.count >= 2 {
            let dates = group.map(\.date).sorted()
            var qualifies = false
            for (a, b) in zip(dates, dates.dropFirst()) where b <= a.addingYear() {
                if window.contains(a) || window.contains(b) {
                    qualifies = true
                    break
                }
            }
            guard qualifies, let first = group.first else { continue }
            result.append(
                RepeatAddress(
                    key: key, address: first.address, postcode: first.postcode,
                    municipalityCode: first.municipalityCode, dates: dates))
        }
        return result.sorted { ($0.dates.count, $0.dates.last!, $1.key) > ($1.dates.count, $1.dates.last!, $0.key) }
    }
}

extension CivilDate {
    /// The same calendar date a year earlier (29 February → 28 February): "the same period last year".
    public var sameDayPreviousYear: CivilDate {
        CivilDate(year: year - 1, month: month, day: min(day, CivilDate.daysIn(month: month, year: year - 1)))!
    }

    /// The same calendar date a year later (29 February → 28 February).
    public func addingYear() -> CivilDate {
        CivilDate(year: year + 1, month: month, day: day) ?? CivilDate(year: year + 1, month: month, day: day - 1)!
    }
}
