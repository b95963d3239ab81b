import Testing

@testable import NEIGCore

@Suite struct MonitorStatisticsTests {
    @Test func reportCountsTargetsMonthsAndRanksTiesByCode() {
        let counts = [
            IncidentCount(year: 2024, month: 1, target: .woning, municipalityCode: "GM0599", count: 3),
            IncidentCount(year: 2024, month: 12, target: .voertuig, municipalityCode: "GM0363", count: 3),
            IncidentCount(year: 2024, month: 5, target: .bedrijf, municipalityCode: "GM0518", count: 1),
            IncidentCount(year: 2023, month: 5, target: .bedrijf, municipalityCode: "GM0518", count: 5)
        ]
        let report = MonitorReport(year: 2024, counts: counts, registry: .bundled, hasPreviousYear: true)
        #expect(report.total == 7)
        #expect(report.byTarget == ["woning": 3, "bedrijf": 1, "voertuig": 3, "overig": 0])
        #expect(report.byMonth == [3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3])
        #expect(report.previousYearTotal == 5)
        #expect(report.changePct == 40)
        #expect(report.topMunicipalities.map(\.code) == ["GM0363", "GM0599", "GM0518"])
        #expect(report.topMunicipalities[2].name == "'s-Gravenhage")
    }

    @Test func noPreviousYearMeansNullChange() {
        let report = MonitorReport(year: 2023, counts: [], registry: .bundled, hasPreviousYear: false)
        #expect(report.changePct == nil)
        #expect(report.previousYearTotal == nil)
        #expect(report.byMonth.count == 12)
    }

    @Test func projectionFollowsTheEarlierYearsProfile() {
        // Half of the attacks fall in January in earlier years: by 31 January half the year is done.
        let profile = [[50, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 5]]
        let progress = TargetProgress(
            year: 2025, asOf: CivilDate(year: 2025, month: 1, day: 31)!, yearToDate: 600,
            previousYearSamePeriod: 700, previousYearTotal: 1543, profileMonths: profile)
        #expect(progress.targetMaximum == 1388)
        #expect(abs(progress.expectedShare - 0.5) < 1e-9)
        #expect(progress.projectedTotal == 1200)
        // 600 more expected: sd = √(600 + 600²/600) ≈ 34.6, so 1.200 ± 68.
        #expect(progress.projectionInterval == 1132...1268)
        #expect(progress.outlook == .belowTarget)
    }

    @Test func aProjectionCloseToTheTargetIsNotYetAVerdict() {
        let profile = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]
        func progress(_ yearToDate: Int, asOf: CivilDate) -> TargetProgress {
            TargetProgress(
                year: 2025, asOf: asOf, yearToDate: yearToDate, previousYearSamePeriod: 0, previousYearTotal: 1310,
                profileMonths: profile)
        }
        let november = CivilDate(year: 2025, month: 11, day: 30)!
        // Target 1.179; 1.081 by the end of November projects to about 1.179–1.180: too close to call.
        let close = progress(1081, asOf: november)
        #expect(close.targetMaximum == 1179)
        #expect(close.outlook == .undecided)
        #expect(close.projectionInterval.map { $0.contains(close.targetMaximum) } == true)
        #expect(progress(1300, asOf: november).outlook == .aboveTarget)
        #expect(progress(900, asOf: november).outlook == .belowTarget)
        let finished = progress(1180, asOf: CivilDate(year: 2025, month: 12, day: 31)!)
        #expect(finished.projectionInterval == 1180...1180)
        #expect(finished.outlook == .aboveTarget)
    }

    @Test func repeatAddressesNeedTwoAttacksWithinAYear() {
        func hit(_ key: String, _ date: String) -> RepeatAddress.Hit {
            RepeatAddress.Hit(
                key: key, address: key, postcode: nil, municipalityCode: "GM0363", date: CivilDate(parsing: date)!)
        }
        let hits = [
            hit("a", "2024-01-10"), hit("a", "2025-01-10"), hit("b", "2024-01-10"), hit("b", "2025-01-11"),
            hit("c", "2025-03-01")
        ]
        let window = CivilDate(year: 2024, month: 1, day: 1)!...CivilDate(year: 2025, month: 12, day: 31)!
        #expect(RepeatAddress.find(in: hits, window: window).map(\.key) == ["a"])
    }
}

@Suite struct DemoDataTests {
    @Test func demoYearsMatchThePublishedTotalsAndTopFive() {
        let demo = DemoData(registry: .bundled, today: CivilDate(year: 2026, month: 11, day: 23)!)
        let incidents = demo.incidents()
        let byYear = Dictionary(grouping: incidents, by: \.date.year).mapValues(\.count)
        #expect(byYear[2023] == 901)
        #expect(byYear[2024] == 1543)
        let in2024 = incidents.filter { $0.date.year == 2024 }
        #expect(in2024.filter { $0.target == .woning }.count == 1119)
        #expect(in2024.filter { $0.target == .bedrijf }.count == 230)
        #expect(in2024.filter { $0.target == .voertuig }.count == 154)
        let ranking = Dictionary(grouping: in2024, by: \.municipalityCode).mapValues(\.count)
            .sorted { $0.value > $1.value }.prefix(5).map(\.key)
        #expect(ranking == ["GM0363", "GM0599", "GM0518", "GM0034", "GM0796"])
        #expect(
            incidents.allSatisfy { $0.date <= demo.today && $0.rd.isInNetherlands && $0.sourceID.hasPrefix("DEMO-") })
        #expect(Set(incidents.map(\.sourceID)).count == incidents.count)
    }
}
