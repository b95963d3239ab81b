import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct MonitorTests {
    /// Random incidents over three years, written as a CSV file.
    func randomIncidents(seed: UInt64, count: Int) -> (
        csv: String, rows: [(date: CivilDate, code: String, target: TargetType)]
    ) {
        var random = SeededGenerator(seed: seed)
        let codes = ["GM0363", "GM0599", "GM0518", "GM0034", "GM0796", "GM0344"]
        var csv = incidentHeader
        var rows: [(CivilDate, String, TargetType)] = []
        for index in 0..<count {
            let date = CivilDate(year: 2023, month: 1, day: 1)!.adding(
                days: Int.random(in: 0...(365 * 2 + 180), using: &random))
            let code = codes.randomElement(using: &random)!
            let target = TargetType.allCases.randomElement(using: &random)!
            rows.append((date, code, target))
            csv +=
                "R-\(index);\(date.iso);;\(code);;;;\(Int.random(in: 80_000...200_000, using: &random));\(Int.random(in: 400_000...500_000, using: &random));\(target.rawValue);explosief;\n"
        }
        return (csv, rows)
    }

    @Test func monitorFiguresMatchAnIndependentCount() async throws {
        try await withNEIGApp { app in
            let (csv, rows) = randomIncidents(seed: 7, count: 600)
            #expect(try await importCSV(app, csv).succeeded)
            for year in [2023, 2024, 2025] {
                let report = try await MonitorService.report(year: year, on: app)
                let inYear = rows.filter { $0.date.year == year }
                #expect(report.total == inYear.count)
                for target in TargetType.allCases {
                    #expect(report.byTarget[target.rawValue] == inYear.filter { $0.target == target }.count)
                }
                #expect(report.byMonth == (1...12).map { m in inYear.filter { $0.date.month == m }.count })
                let previous = rows.filter { $0.date.year == year - 1 }.count
                if year == 2023 {
                    #expect(report.previousYearTotal == nil)
                    #expect(report.changePct == nil)
                } else {
                    #expect(report.previousYearTotal == previous)
                    #expect(report.changePct == Double(inYear.count - previous) / Double(previous) * 100)
                }
                let ranking = Dictionary(grouping: inYear, by: \.code).mapValues(\.count)
                    .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
                #expect(report.topMunicipalities.map(\.code) == ranking.map(\.key))
                #expect(report.topMunicipalities.map(\.count) == ranking.map(\.value))
            }
        }
    }

    @Test func apiMonitorMatchesTheCLIFigures() async throws {
        try await withNEIGApp { app in
            #expect(try await importCSV(app, randomIncidents(seed: 11, count: 200).csv).succeeded)
            try await makeUser(app, email: "analist@example.nl", role: .analyst, organisation: "vng")
            let token = try await AccountService.createToken(email: "analist@example.nl", label: "test", on: app)
            let expected = try await MonitorService.report(year: 2024, on: app)
            try await app.testing().test(
                .GET, "api/v1/monitor?year=2024",
                beforeRequest: { req in
                    req.headers.bearerAuthorization = .init(token: token)
                },
                afterResponse: { res in
                    let json =
                        try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                    #expect(json?["total"] as? Int == expected.total)
                    #expect(json?["by_month"] as? [Int] == expected.byMonth)
                    #expect(json?["previous_year_total"] as? Int == expected.previousYearTotal)
                    #expect(
                        (json?["top_municipalities"] as? [[String: Any]])?.first?["name"] as? String
                            == expected.topMunicipalities.first?.name)
                })
        }
    }

    @Test func formatsAreCompleteAndNullsExplicit() throws {
        let report = MonitorReport(year: 2023, counts: [], registry: .bundled, hasPreviousYear: false)
        let json = try MonitorFormatting.json(report)
        #expect(json.contains("\"change_pct\" : null"))
        #expect(json.contains("\"overig\" : 0"))
        #expect(MonitorFormatting.csv(report).hasPrefix("year;total;woning;bedrijf;voertuig;overig;jan;"))
    }

    @Test func monitorPageShowsTheTargetAndProjection() async throws {
        try await withNEIGApp(demo: true) { app in
            let browser = try await login(app, email: "coordinator@demo.neig.nl", password: DemoSeeder.password)
            try await app.testing().test(
                .GET, "monitor?jaar=2025", beforeRequest: { req in req.headers = browser.headers() },
                afterResponse: { res in
                    #expect(res.status == .ok)
                    let body = res.body.string
                    // 2024 demo total is 1,543, so the 2025 target is at most 1,388.
                    #expect(body.contains("≤ 1.388"))
                    #expect(body.contains("Prognose heel 2025"))
                    #expect(body.contains("<svg"))
                    #expect(body.contains("Amsterdam"))
                })
            let report = try await MonitorService.report(year: 2024, on: app)
            #expect(report.total == 1543)
            #expect(report.topMunicipalities.map(\.code) == ["GM0363", "GM0599", "GM0518", "GM0034", "GM0796"])
        }
    }

    @Test func openDataSuppressesSmallCountsAndHasNoLocations() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            var extra = incidentHeader
            for i in 0..<6 { extra += "M-\(i);2025-05-0\(i + 1);;GM0518;;Laan \(i);;80000;455000;woning;explosief;\n" }
            _ = try await importCSV(app, extra)
            try await app.testing().test(
                .GET, "api/v1/open-data?year=2025",
                afterResponse: { res in
                    #expect(res.status == .ok)
                    let table = try res.content.decode(OpenDataTable.self)
                    #expect(table.municipalities.count == MunicipalityRegistry.bundled.all.count)
                    let denHaag = try #require(table.municipalities.first { $0.code == "GM0518" })
                    #expect(denHaag.months[4] == "6")
                    #expect(denHaag.total == "≥6", "eleven months below 5 hide the exact total")
                    let amsterdam = try #require(table.municipalities.first { $0.code == "GM0363" })
                    #expect(amsterdam.months.prefix(6).allSatisfy { $0 == "<5" })
                    #expect(
                        amsterdam.months.dropFirst(6).allSatisfy { $0 == "–" },
                        "months still to come are known zeros, not hidden ones")
                    #expect(!res.body.string.contains("Kerkstraat"))
                    #expect(!res.body.string.contains("Laan"))
                })
        }
    }
}

@Suite struct MonitorCacheTests {
    @Test func cachedFiguresFollowEveryChangeToTheRegister() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "coord@vng.nl", role: .coordinator, organisation: "vng")
            let coordinator = try await login(app, email: "coord@vng.nl")
            func yearToDate() async throws -> String {
                var body = ""
                try await app.testing().test(
                    .GET, "monitor?jaar=2025", beforeRequest: { req in req.headers = coordinator.headers() },
                    afterResponse: { res in body = res.body.string })
                let marker = "2025 t/m 30 juni 2025</span><span class=\"figure-value\">"
                return String(body.components(separatedBy: marker).dropFirst().first?.prefix { $0 != "<" } ?? "")
            }
            #expect(try await yearToDate() == "3")
            #expect(try await yearToDate() == "3")
            #expect(try await app.db.sql.select().column("key").from(CacheStore.table).all().count == 1)
            _ = try await importCSV(app, incidentHeader + "N-1;2025-06-01;;GM0344;;;;136000;456000;woning;explosief;\n")
            #expect(try await yearToDate() == "4")
        }
    }
}

@Suite struct SharedDatabaseTests {
    @Test func aSecondInstanceSeesChangesMadeThroughTheFirst() async throws {
        try await withNEIGApp { first in
            _ = try await importCSV(first, sampleCSV)
            let second = try await Application.make(.testing)
            second.logger.logLevel = .warning
            try await configure(
                second,
                with: AppConfiguration(
                    database: first.neig.database, clock: NEIGClock(now: { testNow }),
                    postgresSchema: first.neig.postgresSchema), passwordHashCost: 4)
            do {
                let asOf = testToday
                func yearToDate(_ app: Application) async throws -> Int {
                    try await MonitorAggregates.load(
                        year: 2025, municipality: nil, asOf: asOf, on: app.db, memo: app.neig.cacheMemo
                    ).yearToDate
                }
                #expect(try await yearToDate(second) == 3)
                #expect(try await yearToDate(first) == 3)
                _ = try await importCSV(
                    first, incidentHeader + "S-1;2025-06-02;;GM0344;;;;136000;456000;woning;explosief;\n")
                #expect(
                    try await yearToDate(second) == 4, "the second instance's memo must not hide the first's import")
                // A session made by one instance is valid on the other: sessions live in the database.
                try await makeUser(first, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
                let browser = try await login(first, email: "oov@amsterdam.nl")
                try await second.testing().test(
                    .GET, "incidenten", beforeRequest: { req in req.headers = browser.headers() },
                    afterResponse: { res in #expect(res.status == .ok) })
            } catch {
                try await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
        }
    }
}
