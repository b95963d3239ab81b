import Fluent
import NEIGCore
import Vapor

/// Everything the monitor page shows, read from the database in a handful of aggregate queries.
struct MonitorPageModel: Sendable {
    struct RepeatRow: Sendable {
        let address: String?
        let municipalityName: String
        let dates: [CivilDate]
    }

    let year: Int
    let availableYears: [Int]
    let municipality: Municipality?
    let report: MonitorReport
    let previousReport: MonitorReport
    /// Counts per target type per month of the selected year.
    let monthlyByTarget: [TargetType: [Int]]
    let progress: TargetProgress
    let topMunicipalities: [MonitorReport.MunicipalityCount]
    let repeatAddresses: [RepeatRow]
    /// Repeat addresses the viewer may not see, counted only.
    let hiddenRepeatAddressCount: Int

    static func load(year requested: Int?, municipality: Municipality?, actor: Actor, on req: Request) async throws -> MonitorPageModel {
        let db = req.db
        let registry = req.application.neig.municipalities
        let today = req.application.neig.clock.today
        let years = try await IncidentStore.years(on: db)
        let year = requested ?? today.year
        let code = municipality?.code
        let counts = try await IncidentStore.counts(years: (year - 4)...year, municipality: code, on: db)
        let yearsWithData = Set(counts.map(\.year))
        let hasPrevious = years.contains(year - 1)
        let report = MonitorReport(year: year, counts: counts, registry: registry, hasPreviousYear: hasPrevious, topLimit: 10)
        let previousReport = MonitorReport(year: year - 1, counts: counts, registry: registry,
                                           hasPreviousYear: years.contains(year - 2), topLimit: 0)
        var monthlyByTarget = Dictionary(uniqueKeysWithValues: TargetType.allCases.map { ($0, Array(repeating: 0, count: 12)) })
        for count in counts where count.year == year { monthlyByTarget[count.target]![count.month - 1] += count.count }

        let asOf = year < today.year ? CivilDate(year: year, month: 12, day: 31)! : today
        let samePeriodLastYear = CivilDate(year: year - 1, month: asOf.month, day: min(asOf.day, CivilDate.daysIn(month: asOf.month, year: year - 1)))!
        let yearToDate = year > today.year ? 0 : try await IncidentStore.count(
            from: CivilDate(year: year, month: 1, day: 1)!, through: asOf, municipality: code, on: db)
        let previousSamePeriod = try await IncidentStore.count(
            from: CivilDate(year: year - 1, month: 1, day: 1)!, through: samePeriodLastYear, municipality: code, on: db)
        // The seasonal profile comes from complete earlier years, nationally: one municipality has too few attacks.
        let profileCounts = code == nil ? counts : try await IncidentStore.counts(years: (year - 4)...(year - 1), on: db)
        let profileYears = ((year - 3)...(year - 1)).filter { yearsWithData.contains($0) || code != nil }
        let profile = profileYears.map { y in
            MonitorReport(year: y, counts: profileCounts, registry: registry, hasPreviousYear: false, topLimit: 0).byMonth
        }
        let progress = TargetProgress(year: year, asOf: asOf, yearToDate: yearToDate, previousYearSamePeriod: previousSamePeriod,
                                      previousYearTotal: previousReport.total, profileMonths: profile)

        let window = CivilDate(year: year, month: 1, day: 1)!...CivilDate(year: year, month: 12, day: 31)!
        let hits = try await IncidentStore.repeatAddressHits(since: CivilDate(year: year - 1, month: 1, day: 1)!,
                                                             municipality: code, on: db)
        let repeats = RepeatAddress.find(in: hits.filter { $0.date <= window.upperBound }, window: window)
        let visible = repeats.filter { AccessPolicy.canSeeLocation(actor, municipalityCode: $0.municipalityCode) }
        let rows = visible.prefix(50).map { repeatAddress in
            RepeatRow(address: [repeatAddress.address, repeatAddress.postcode].compactMap { $0 }.joined(separator: ", "),
                      municipalityName: registry[repeatAddress.municipalityCode]?.displayName ?? repeatAddress.municipalityCode,
                      dates: repeatAddress.dates)
        }
        return MonitorPageModel(
            year: year, availableYears: Array(Set(years + [today.year])).sorted(by: >), municipality: municipality,
            report: report, previousReport: previousReport, monthlyByTarget: monthlyByTarget, progress: progress,
            topMunicipalities: report.topMunicipalities.map {
                MonitorReport.MunicipalityCount(code: $0.code, name: registry[$0.code]?.displayName ?? $0.name, count: $0.count)
            },
            repeatAddresses: Array(rows),
            hiddenRepeatAddressCount: repeats.count - visible.count)
    }
}
