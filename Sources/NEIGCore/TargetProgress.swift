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
        public let bagID: String?
        public init(
            key: String, address: String, postcode: String?, municipalityCode: String, date: CivilDate,
            bagID: String? = nil
        ) {
            self.key = key
            self.bagID = bagID
            self.address = address
            self.postcode = postcode
            self.municipalityCode = municipalityCode
            self.date = date
        }
    }

    /// Keeps addresses where two consecutive attacks are at most one calendar year apart, and at
    /// least one attack of such a pair lies in `window`. Hits are one address when they share the written address or the BAG object ("Kerkstraat 1" and "Kerkstr. 1"
    /// with one BAG id are one address, and so is a third hit spelled as either without an id).
    public static func find(in hits: [Hit], window: ClosedRange<CivilDate>) -> [RepeatAddress] {
        var components = Components(hits)
        let grouped = Dictionary(grouping: hits, by: { components.root(Components.node($0)) })
        var result: [RepeatAddress] = []
        for group in grouped.values where group.count >= 2 {
            let key = group.map(\.key).min()!
            let dates = group.map(\.date).sorted()
            var qualifies = false
            for (a, b) in zip(dates, dates.dropFirst()) where b <= a.addingYear() {
                if window.contains(a) || window.contains(b) {
                    qualifies = true
                    break
                }
            }
            // The latest spelling that came with a BAG id is the register's own; without one, the first spelling.
            let ordered = group.sorted { ($0.date, $0.key) < ($1.date, $1.key) }
            guard qualifies, let first = ordered.last(where: { $0.bagID != nil }) ?? ordered.first else { continue }
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

extension RepeatAddress {
    /// Union-find over the hits' address keys and BAG ids, each within its municipality: a group never spans two, so
    /// a mistyped id cannot tie one municipality's attacks to another's address.
    struct Components {
        private var parent: [String: String] = [:]

        static func node(_ hit: Hit) -> String { hit.municipalityCode + "|" + hit.key }

        init(_ hits: [Hit]) {
            for hit in hits {
                _ = root(Self.node(hit))
                if let bagID = hit.bagID { union("bag:" + hit.municipalityCode + ":" + bagID, Self.node(hit)) }
            }
        }

        mutating func root(_ node: String) -> String {
            guard let up = parent[node] else {
                parent[node] = node
                return node
            }
            if up == node { return node }
            let top = root(up)
            parent[node] = top
            return top
        }

        mutating func union(_ a: String, _ b: String) {
            let (ra, rb) = (root(a), root(b))
            guard ra != rb else { return }
            // The smaller name wins, so the group's key does not depend on the order of the hits.
            if ra < rb { parent[rb] = ra } else { parent[ra] = rb }
        }
    }
}
