import Fluent
import NEIGCore

/// What the monitor page reads from the database for one scope (national or one municipality), year
/// and day. It is the same for every viewer, so it is cached per register version; who sees which
/// repeat address is decided afterwards, in `MonitorPageModel`.
struct MonitorAggregates: Codable, Sendable {
    /// The page shows at most this many repeat addresses.
    static let repeatRowsShown = 50

    struct RepeatRow: Codable, Sendable {
        let address: String
        let municipalityCode: String
        let dates: [CivilDate]
    }

    var years: [Int]
    var counts: [IncidentCount]
    var profileCounts: [IncidentCount]
    var yearToDate: Int
    var previousSamePeriod: Int
    /// The first rows overall and the first rows of every municipality, most hits first.
    var repeatRows: [RepeatRow]
    var repeatCountByMunicipality: [String: Int]

    static func load(
        year: Int, municipality code: String?, asOf: CivilDate, on db: any Database,
        memo: CacheMemo
    ) async throws -> MonitorAggregates {
        let key = "monitor|\(code ?? "NL")|\(year)|\(asOf.iso)"
        let version = try await RegisterVersion.current(on: db)
        return try await CacheStore.value(MonitorAggregates.self, key: key, version: version, on: db, memo: memo) {
            try await compute(year: year, municipality: code, asOf: asOf, on: db)
        }
    }

    static func compute(year: Int, municipality code: String?, asOf: CivilDate, on db: any Database) async throws
        -> MonitorAggregates
    {
        let years = try await IncidentStore.years(on: db)
        let counts = try await IncidentStore.counts(years: (year - 4)...year, municipality: code, on: db)
        let samePeriodLastYear = CivilDate(
            year: year, month: asOf.month,
            day: min(asOf.day, CivilDate.daysIn(month: asOf.month, year: year)))!.sameDayPreviousYear
        let yearToDate =
            asOf.year < year
            ? 0
            : try await IncidentStore.count(
                from: CivilDate(year: year, month: 1, day: 1)!, through: asOf, municipality: code, on: db)
        let previousSamePeriod = try await IncidentStore.count(
            from: CivilDate(year: year - 1, month: 1, day: 1)!, through: samePeriodLastYear, municipality: code, on: db)
        // The seasonal profile comes from national figures: one municipality has too few attacks for a shape.
        let profileCounts = code == nil ? [] : try await IncidentStore.counts(years: (year - 4)...(year - 1), on: db)

        let window = CivilDate(year: year, month: 1, day: 1)!...CivilDate(year: year, month: 12, day: 31)!
        let hits = try await IncidentStore.repeatAddressHits(
            since: CivilDate(year: year - 1, month: 1, day: 1)!,
            through: window.upperBound, municipality: code, on: db)
        let repeats = RepeatAddress.find(in: hits, window: window)
        var shown: [RepeatRow] = []
        var perMunicipality: [String: Int] = [:]
        for (index, repeatAddress) in repeats.enumerated() {
            let seen = perMunicipality[repeatAddress.municipalityCode, default: 0]
            perMunicipality[repeatAddress.municipalityCode] = seen + 1
            guard index < repeatRowsShown || seen < repeatRowsShown else { continue }
            let address = [repeatAddress.address, repeatAddress.postcode].compactMap { $0 }.joined(separator: ", ")
            shown.append(
                RepeatRow(
                    address: address, municipalityCode: repeatAddress.municipalityCode, dates: repeatAddress.dates))
        }
        return MonitorAggregates(
            years: years, counts: counts, profileCounts: profileCounts, yearToDate: yearToDate,
            previousSamePeriod: previousSamePeriod, repeatRows: shown, repeatCountByMunicipality: perMunicipality)
    }
}
