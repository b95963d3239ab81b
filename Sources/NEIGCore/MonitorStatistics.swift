/// One cell of the aggregated incident table: how many attacks of one target type happened in one
/// municipality in one month. Databases produce these with a single GROUP BY.
public struct IncidentCount: Sendable, Equatable, Codable {
    public let year: Int
    public let month: Int
    public let target: TargetType
    public let municipalityCode: String
    public let count: Int

    public init(year: Int, month: Int, target: TargetType, municipalityCode: String, count: Int) {
        self.year = year
        self.month = month
        self.target = target
        self.municipalityCode = municipalityCode
        self.count = count
    }
}

/// The year figures of `neig monitor` and `/api/v1/monitor`.
public struct MonitorReport: Sendable, Equatable, Codable {
    public struct MunicipalityCount: Sendable, Equatable, Codable {
        public let code: String
        public let name: String
        public let count: Int

        public init(code: String, name: String, count: Int) {
            self.code = code
            self.name = name
            self.count = count
        }
    }

    public let year: Int
    public let total: Int
    /// Always holds all four target types, zeros included.
    public let byTarget: [String: Int]
    /// Twelve counts, January first.
    public let byMonth: [Int]
    public let previousYearTotal: Int?
    /// (total − previous) / previous × 100, unrounded; nil without a previous year.
    public let changePct: Double?
    public let topMunicipalities: [MunicipalityCount]

    enum CodingKeys: String, CodingKey {
        case year, total
        case byTarget = "by_target"
        case byMonth = "by_month"
        case previousYearTotal = "previous_year_total"
        case changePct = "change_pct"
        case topMunicipalities = "top_municipalities"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(year, forKey: .year)
        try container.encode(total, forKey: .total)
        try container.encode(byTarget, forKey: .byTarget)
        try container.encode(byMonth, forKey: .byMonth)
        // Explicit nulls: API consumers should not have to guess whether a key is missing or empty.
        try container.encode(previousYearTotal, forKey: .previousYearTotal)
        try container.encode(changePct, forKey: .changePct)
        try container.encode(topMunicipalities, forKey: .topMunicipalities)
    }

    /// - Parameter hasPreviousYear: whether the register holds any data for the year before; a year with no
    ///   data at all has no meaningful change percentage.
    public init(
        year: Int, counts: [IncidentCount], registry: MunicipalityRegistry, hasPreviousYear: Bool, topLimit: Int = 5
    ) {
        self.year = year
        var byTarget = Dictionary(uniqueKeysWithValues: TargetType.allCases.map { ($0.rawValue, 0) })
        var byMonth = Array(repeating: 0, count: 12)
        var byMunicipality: [String: Int] = [:]
        var previous = 0
        for count in counts {
            if count.year == year {
                byTarget[count.target.rawValue, default: 0] += count.count
                byMonth[count.month - 1] += count.count
                byMunicipality[count.municipalityCode, default: 0] += count.count
            } else if count.year == year - 1 {
                previous += count.count
            }
        }
        self.total = byMonth.reduce(0, +)
        self.byTarget = byTarget
        self.byMonth = byMonth
        self.previousYearTotal = hasPreviousYear ? previous : nil
        if hasPreviousYear, previous > 0 {
            self.changePct = Double(total - previous) / Double(previous) * 100
        } else {
            self.changePct = nil
        }
        self.topMunicipalities =
            byMunicipality
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(topLimit)
            .map { MunicipalityCount(code: $0.key, name: registry[$0.key]?.officialName ?? $0.key, count: $0.value) }
    }
}
