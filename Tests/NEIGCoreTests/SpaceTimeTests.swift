import Foundation
import Testing

@testable import NEIGCore

@Suite struct SpaceTimeTests {
    /// Four incidents whose pairs can be counted by hand.
    /// A (0,0) day 0, B (100,0) day 5, C (0,300) day 20, D (0,0) day 100.
    let small = SpaceTimeEvents(x: [0, 100, 0, 0], y: [0, 0, 300, 0], days: [0, 5, 20, 100])

    @Test func knoxCountsAHandComputedCase() async {
        let result = await Knox.run(small, distance: 150, days: 10, permutations: 0, seed: 1)
        // Close in space: A–B (100 m), A–D (0 m), B–D (100 m). Close in time: A–B (5 days). Both: A–B.
        #expect(result.spatialPairs == 3)
        #expect(result.temporalPairs == 1)
        #expect(result.observed == 1)
        #expect(result.pairs == 6)
        #expect(result.expected == 0.5)
        // 1 − P(X ≤ 1) for X ~ Poisson(0.5) = 1 − e^−0.5 · 1.5
        #expect(abs(result.pPoisson - (1 - exp(-0.5) * 1.5)) < 1e-12)
        #expect(result.pValue == nil)
    }

    @Test func nearRepeatMatrixPutsEveryPairInOneHandComputedCell() async throws {
        let bands = try NearRepeatBands(distances: [100, 200], days: [7, 14])
        let result = await NearRepeat.run(small, bands: bands, permutations: 0, seed: 1)
        var observed: [String: Int] = [:]
        for cell in result.cells where cell.observed > 0 {
            observed["\(cell.distanceBand),\(cell.timeBand)"] = cell.observed
        }
        // A–D same place, 100 days; A–B 100 m, 5 days; B–D 100 m, 95 days; A–C, B–C, C–D beyond 200 m, > 14 days.
        #expect(observed == ["0,2": 1, "1,0": 1, "1,2": 1, "3,2": 3])
        #expect(result.cells.count == 4 * 3)
        #expect(bands.distanceLabel(2) == "101 tot 200 m")
        #expect(bands.distanceLabel(3) == "meer dan 200 m")
        #expect(bands.timeLabel(0) == "0 tot 7 dagen")
        #expect(bands.timeLabel(1) == "8 tot 14 dagen")
        #expect(bands.timeLabel(2) == "meer dan 14 dagen")
    }

    @Test func localKnoxTellsBeforeFromAfter() async {
        let result = await LocalKnox.run(small, distance: 150, days: 10, permutations: 0, seed: 1)
        #expect(result.map(\.neighbours) == [1, 1, 0, 0])
        #expect(result[0].after == 1 && result[0].before == 0)
        #expect(result[1].before == 1 && result[1].after == 0)
    }

    @Test func invalidBandsAreRefused() {
        #expect(throws: NearRepeatError.bandsNotIncreasing("distance")) {
            try NearRepeatBands(distances: [200, 100], days: [7])
        }
        #expect(throws: NearRepeatError.noBands) { try NearRepeatBands(distances: [], days: [7]) }
        #expect(throws: NearRepeatError.bandsNotIncreasing("time")) {
            try NearRepeatBands(distances: [100], days: [7, 7])
        }
    }

    // MARK: - The fast path against brute force

    static func randomEvents(_ n: Int, seed: UInt64) -> SpaceTimeEvents {
        var generator = SeededGenerator(seed: seed)
        // Whole metres on a small square and a short period, so that ties, zero distances and band edges occur.
        let x = (0..<n).map { _ in Double(Int.random(in: 0...1500, using: &generator)) }
        let y = (0..<n).map { index in index % 7 == 0 ? x[index] : Double(Int.random(in: 0...1500, using: &generator)) }
        let days = (0..<n).map { _ in Int32.random(in: 0...120, using: &generator) }
        return SpaceTimeEvents(x: x, y: y, days: days)
    }

    static func bruteForceKnox(_ events: SpaceTimeEvents, distance: Double, days: Int32, metric: DistanceMetric) -> (
        Int, Int, Int
    ) {
        var space = 0, time = 0, both = 0
        for i in 0..<events.count {
            for j in (i + 1)..<events.count {
                let close = metric.distance(events.x[i] - events.x[j], events.y[i] - events.y[j]) <= distance
                let soon = abs(events.days[i] - events.days[j]) <= days
                if close { space += 1 }
                if soon { time += 1 }
                if close && soon { both += 1 }
            }
        }
        return (space, time, both)
    }

    @Test(arguments: [(1 as UInt64, DistanceMetric.euclidean), (2, .manhattan), (3, .euclidean), (4, .manhattan)])
    func knoxMatchesBruteForce(seed: UInt64, metric: DistanceMetric) async {
        let events = Self.randomEvents(400, seed: seed)
        for (distance, days) in [(50.0, 3), (150.0, 10), (400.0, 0)] {
            let fast = await Knox.run(
                events, distance: distance, days: days, permutations: 0, seed: seed, metric: metric)
            let (space, time, both) = Self.bruteForceKnox(events, distance: distance, days: Int32(days), metric: metric)
            #expect(fast.spatialPairs == space)
            #expect(fast.temporalPairs == time)
            #expect(fast.observed == both)
        }
    }

    @Test func permutedCountsMatchBruteForceOnThePermutedTimes() {
        let events = Self.randomEvents(300, seed: 9)
        let close = ClosePairs(events: events, radius: 200)
        var labels = [Int32](repeating: 0, count: events.count)
        for permutation in 0..<5 {
            PermutationRunner.shuffle(&labels, seed: 42, permutation: permutation)
            #expect(Set(labels) == Set(0..<Int32(events.count)), "a permutation")
            let permuted = SpaceTimeEvents(x: events.x, y: events.y, days: labels.map { events.days[Int($0)] })
            #expect(
                Knox.count(close, days: events.days, labels: labels, tau: 7)
                    == Self.bruteForceKnox(permuted, distance: 200, days: 7, metric: .euclidean).2)
        }
    }

    @Test(arguments: [5 as UInt64, 6])
    func nearRepeatCellsMatchBruteForce(seed: UInt64) async throws {
        let events = Self.randomEvents(350, seed: seed)
        for includeBeyond in [true, false] {
            let bands = try NearRepeatBands(
                distances: [100, 200, 300, 400], days: [7, 14, 21, 28], includeBeyond: includeBeyond)
            let result = await NearRepeat.run(events, bands: bands, permutations: 0, seed: seed)
            var expected = [Int](repeating: 0, count: bands.distanceBandCount * bands.timeBandCount)
            for i in 0..<events.count {
                for j in (i + 1)..<events.count {
                    let d = DistanceMetric.euclidean.distance(events.x[i] - events.x[j], events.y[i] - events.y[j])
                    let db = bands.distanceBand(d)
                    guard db < bands.distanceBandCount else { continue }
                    expected[db * bands.timeBandCount + bands.timeBand(Int(abs(events.days[i] - events.days[j])))] += 1
                }
            }
            #expect(result.cells.map(\.observed) == expected)
            if includeBeyond { #expect(expected.reduce(0, +) == events.count * (events.count - 1) / 2) }
        }
    }

    @Test func permutationResultsDependOnlyOnTheSeed() async throws {
        let events = Self.randomEvents(300, seed: 11)
        let bands = try NearRepeatBands(distances: [100, 200], days: [7, 14])
        let first = await NearRepeat.run(events, bands: bands, permutations: 99, seed: 7)
        let second = await NearRepeat.run(events, bands: bands, permutations: 99, seed: 7)
        let other = await NearRepeat.run(events, bands: bands, permutations: 99, seed: 8)
        #expect(first == second)
        #expect(first.cells.map(\.expected) != other.cells.map(\.expected))
        // Permuting times keeps the number of pairs in every time band.
        for timeBand in 0..<bands.timeBandCount {
            let column = first.cells.filter { $0.timeBand == timeBand }
            #expect(abs(column.reduce(0) { $0 + $1.expected } - Double(column.reduce(0) { $0 + $1.observed })) < 1e-9)
        }
    }

    // MARK: - pointpats

    struct PointpatsFixture: Decodable {
        struct KnoxCase: Decodable {
            let distance: Double, days: Int, observed: Int, expected: Double
            let spatial_pairs: Int, temporal_pairs: Int, p_poisson: Double, p_value: Double
        }
        struct Local: Decodable { let distance: Double, days: Int, neighbours: [Int], p_value: [Double] }
        let n: Int, permutations: Int, knox: [KnoxCase], local: Local
    }

    static func fixtureEvents() throws -> SpaceTimeEvents {
        let url = try #require(
            Bundle.module.url(forResource: "near-repeat-events", withExtension: "csv", subdirectory: "Fixtures"))
        let parser = IncidentImportParser(
            municipalities: MunicipalityRegistry.bundled, today: CivilDate(year: 2026, month: 1, day: 1)!)
        let parsed = parser.parse(Array(try Data(contentsOf: url)))
        #expect(parsed.problems.isEmpty)
        return SpaceTimeEvents(records: parsed.records)
    }

    /// Results of pointpats 2.5.5 on the committed events (scripts/fixtures/pointpats_fixture.py). Counts,
    /// expectations and Poisson p-values are equal; permutation p-values differ only by the random draws.
    @Test func knoxAgreesWithPointpats() async throws {
        let url = try #require(
            Bundle.module.url(forResource: "pointpats-knox", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(PointpatsFixture.self, from: Data(contentsOf: url))
        let events = try Self.fixtureEvents()
        #expect(events.count == fixture.n)
        for reference in fixture.knox {
            let result = await Knox.run(
                events, distance: reference.distance, days: reference.days, permutations: fixture.permutations, seed: 3)
            #expect(result.observed == reference.observed)
            #expect(result.spatialPairs == reference.spatial_pairs)
            #expect(result.temporalPairs == reference.temporal_pairs)
            #expect(abs(result.expected - reference.expected) < 1e-9)
            #expect(abs(result.pPoisson - reference.p_poisson) < 1e-9)
            #expect(abs(try #require(result.pValue) - reference.p_value) < 0.05)
        }
        let local = await LocalKnox.run(
            events, distance: fixture.local.distance, days: fixture.local.days,
            permutations: fixture.permutations, seed: 3)
        #expect(local.map(\.neighbours) == fixture.local.neighbours)
        let largest = zip(local.compactMap(\.pValue), fixture.local.p_value).map { abs($0 - $1) }.max() ?? 1
        #expect(largest < 0.1, "largest difference of local p-values: \(largest)")
    }

    // MARK: - Hotspots

    @Test func quarticDensityIntegratesToTheNumberOfIncidents() throws {
        let events = Self.randomEvents(200, seed: 21)
        let grid = try DensityGrid.quartic(x: events.x, y: events.y, bandwidth: 300, cellSize: 20)
        let integral = grid.values.reduce(0, +) * grid.cellSize * grid.cellSize / 1_000_000
        #expect(abs(integral - 200) / 200 < 0.01)
        let single = try DensityGrid.quartic(x: [1000], y: [1000], bandwidth: 500, cellSize: 500)
        // The point sits on the corner of four cells whose centres are 354 m away.
        let d2 = 2 * 250.0 * 250.0
        let expected = 3 / (Double.pi * 250_000) * pow(1 - d2 / 250_000, 2) * 1_000_000
        #expect(abs(single.maximum - expected) < 1e-9)
        #expect(throws: DensityGrid.DensityError.tooManyCells(2003 * 2003)) {
            try DensityGrid.quartic(x: [0, 200_000], y: [0, 200_000], bandwidth: 100, cellSize: 100)
        }
    }
}
