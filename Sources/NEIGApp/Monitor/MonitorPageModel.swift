import Fluent
import NEIGCore
import Vapor

/// Everything the monitor page shows to one viewer.
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

    /// A visitor who is not logged in: sees national counts only.
    var isPublic: Bool { viewer == nil }
    let viewer: Actor?
    /// For a visitor: whether this year's national count and last year's total pass the open-data rule
    /// (`SmallCountSuppression`): published together with the open data, neither may pin down a count below 5.
    var publishable = true
    var maps = MonitorMaps()

    static func load(year requested: Int?, municipality: Municipality?, actor: Actor?, on req: Request) async throws
        -> MonitorPageModel
    {
        let today = req.application.neig.clock.today
        let year = requested ?? today.year
        let asOf = year < today.year ? CivilDate(year: year, month: 12, day: 31)! : today
        let aggregates = try await MonitorAggregates.load(
            year: year, municipality: municipality?.code, asOf: asOf, on: req.db,
            memo: req.application.neig.cacheMemo)
        var model = MonitorPageModel(
            year: year, asOf: asOf, today: today, municipality: municipality, aggregates: aggregates,
            actor: actor, registry: req.application.neig.municipalities)
        let registry = req.application.neig.municipalities
        if let actor {
            if let municipality {
                model.maps = try await .municipality(
                    municipality, year: year, totals: try await MonitorMaps.totals(year: year, on: req.db),
                    actor: actor, registry: registry, on: req.db)
            } else {
                model.maps = .national(
                    totals: MonitorMaps.totals(of: aggregates.counts, year: year), registry: registry)
            }
        } else {
            var publishable = true
            for shown in [year, year - 1] {
                let table = try await OpenDataTable.load(year: shown, today: today, on: req.db, registry: registry)
                publishable = publishable && table.nationalTotal != nil
                if shown == year { model.maps = .published(table, registry: registry) }
            }
            model.publishable = publishable
        }
        return model
    }

    init(
        year: Int, asOf: CivilDate, today: CivilDate, municipality: Municipality?, aggregates: MonitorAggregates,
        actor: Actor?,
        registry: MunicipalityRegistry
    ) {
        viewer = actor
        let counts = aggregates.counts
        let years = Set(aggregates.years)
        self.year = year
        self.municipality = municipality
        availableYears = Array(years.union([today.year])).sorted(by: >)
        report = MonitorReport(
            year: year, counts: counts, registry: registry, hasPreviousYear: years.contains(year - 1), topLimit: 10)
        previousReport = MonitorReport(
            year: year - 1, counts: counts, registry: registry,
            hasPreviousYear: years.contains(year - 2), topLimit: 0)
        var monthly = Dictionary(uniqueKeysWithValues: TargetType.allCases.map { ($0, Array(repeating: 0, count: 12)) })
        for count in counts where count.year == year { monthly[count.target]![count.month - 1] += count.count }
        monthlyByTarget = monthly

        let profileSource = municipality == nil ? counts : aggregates.profileCounts
        let profile = ((year - 3)...(year - 1)).filter(years.contains).map { y in
            MonitorReport(year: y, counts: profileSource, registry: registry, hasPreviousYear: false, topLimit: 0)
                .byMonth
        }
        progress = TargetProgress(
            year: year, asOf: asOf, yearToDate: aggregates.yearToDate,
            previousYearSamePeriod: aggregates.previousSamePeriod,
            previousYearTotal: previousReport.total, profileMonths: profile)
        topMunicipalities = report.topMunicipalities.map {
            MonitorReport.MunicipalityCount(
                code: $0.code, name: registry[$0.code]?.displayName ?? $0.name, count: $0.count)
        }

        let visible = aggregates.repeatRows.filter { row in
            actor.map { AccessPolicy.canSeeLocation($0, municipalityCode: row.municipalityCode) } ?? false
        }
        repeatAddresses = visible.prefix(MonitorAggregates.repeatRowsShown).map {
            RepeatRow(
                address: $0.address,
                municipalityName: registry[$0.municipalityCode]?.displayName ?? $0.municipalityCode,
                dates: $0.dates)
        }
        let total = aggregates.repeatCountByMunicipality.values.reduce(0, +)
        let visibleTotal = aggregates.repeatCountByMunicipality
            .filter { entry in actor.map { AccessPolicy.canSeeLocation($0, municipalityCode: entry.key) } ?? false }
            .values.reduce(0, +)
        hiddenRepeatAddressCount = total - visibleTotal
    }
}
