import Foundation

/// Ratcliffe's near-repeat matrix: pairs of incidents counted by distance band and time band, compared
/// with the same counts after shuffling the dates over the locations.
///
/// Distance band 0 is "same location" (distance exactly 0), band k is (b(k−1), b(k)] metres with b(0) = 0,
/// and an optional last band holds everything further than b(last). Time band 0 is [0, t1] days, band k is
/// (t(k), t(k+1)], and the last band is "more than t(last)". Every pair falls in exactly one cell.
public struct NearRepeatBands: Sendable, Equatable {
    public let distances: [Double]
    public let days: [Int]
    public let includeBeyond: Bool

    public init(distances: [Double], days: [Int], includeBeyond: Bool = true) throws {
        guard !distances.isEmpty, !days.isEmpty else { throw NearRepeatError.noBands }
        guard distances.allSatisfy({ $0 > 0 }), zip(distances, distances.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw NearRepeatError.bandsNotIncreasing("distance")
        }
        guard days.allSatisfy({ $0 >= 0 }), zip(days, days.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw NearRepeatError.bandsNotIncreasing("time")
        }
        self.distances = distances
        self.days = days
        self.includeBeyond = includeBeyond
    }

    /// Same location + one per limit (+ beyond).
    public var distanceBandCount: Int { 1 + distances.count + (includeBeyond ? 1 : 0) }
    /// One per limit + "more than".
    public var timeBandCount: Int { days.count + 1 }
    var closeBandCount: Int { 1 + distances.count }

    func distanceBand(_ distance: Double) -> Int {
        if distance == 0 { return 0 }
        return 1 + (distances.firstIndex { distance <= $0 } ?? distances.count)
    }

    func timeBand(_ gap: Int) -> Int { days.firstIndex { gap <= $0 } ?? days.count }

    public func distanceLabel(_ band: Int) -> String {
        if band == 0 { return "zelfde locatie" }
        if band > distances.count { return "meer dan \(Self.metres(distances[distances.count - 1])) m" }
        return "\(band == 1 ? "1" : Self.metres(distances[band - 2] + 1)) tot \(Self.metres(distances[band - 1])) m"
    }

    public func timeLabel(_ band: Int) -> String {
        if band == days.count { return "meer dan \(days[days.count - 1]) dagen" }
        let low = band == 0 ? 0 : days[band - 1] + 1
        return "\(low) tot \(days[band]) dagen"
    }

    static func metres(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

public enum NearRepeatError: Error, Equatable, CustomStringConvertible {
    case noBands
    case bandsNotIncreasing(String)

    public var description: String {
        switch self {
        case .noBands: "give at least one distance band and one time band"
        case .bandsNotIncreasing(let kind): "\(kind) bands must be positive and increasing"
        }
    }
}

public struct NearRepeatCell: Sendable, Codable, Equatable {
    public let distanceBand: Int
    public let timeBand: Int
    public let distanceLabel: String
    public let timeLabel: String
    public let observed: Int
    public let expected: Double
    public let ratio: Double?
    public let pValue: Double?

    enum CodingKeys: String, CodingKey {
        case observed, expected, ratio
        case distanceBand = "distance_band", timeBand = "time_band", distanceLabel = "distance_label"
        case timeLabel = "time_label", pValue = "p_value"
    }

    /// Significant at 5 % and more pairs than chance would give.
    public var isElevated: Bool { (pValue ?? 1) <= 0.05 && (ratio ?? 0) > 1 }
}

public struct NearRepeatResult: Sendable, Codable, Equatable {
    public let n: Int
    public let permutations: Int
    public let metric: DistanceMetric
    public let cells: [NearRepeatCell]
    public let summary: [String]
}

public enum NearRepeat {
    public static func run(
        _ events: SpaceTimeEvents, bands: NearRepeatBands, permutations: Int, seed: UInt64,
        metric: DistanceMetric = .euclidean
    ) async -> NearRepeatResult {
        let n = events.count
        let radius = bands.distances[bands.distances.count - 1]
        let events = events.spatiallyOrdered(cellSize: radius)
        let close = ClosePairs(events: events, radius: radius, metric: metric)
        let closeBand = close.distance.map { UInt8(bands.distanceBand($0)) }
        let timeBandCount = bands.timeBandCount
        let lastDay = bands.days[bands.days.count - 1]
        let timeBandOfGap = (0...lastDay).map { UInt8(bands.timeBand($0)) }
        let closeCells = bands.closeBandCount * timeBandCount

        // All pairs per time band: fixed under permutation, so the "beyond" row is all pairs minus the close ones.
        let differences = TimeDifferences(days: events.days)
        var allByTime = [Int](repeating: 0, count: timeBandCount)
        for gap in 0...lastDay { allByTime[bands.timeBand(gap)] += differences.pairs(exactly: gap) }
        allByTime[timeBandCount - 1] = n * (n - 1) / 2 - allByTime.dropLast().reduce(0, +)
        let pairsByTimeBand = allByTime
        let includeBeyond = bands.includeBeyond

        let times = events.days
        @Sendable func counts(_ labels: [Int32]) -> [Int] {
            var cells = [Int](repeating: 0, count: closeCells)
            let permuted = relabel(times, labels)
            permuted.withUnsafeBufferPointer { t in
                close.first.withUnsafeBufferPointer { a in
                    close.second.withUnsafeBufferPointer { b in
                        closeBand.withUnsafeBufferPointer { band in
                            timeBandOfGap.withUnsafeBufferPointer { gapBand in
                                cells.withUnsafeMutableBufferPointer { cell in
                                    for k in 0..<a.count {
                                        let gap = Int(abs(t[Int(a[k])] &- t[Int(b[k])]))
                                        let timeBand = gap <= lastDay ? Int(gapBand[gap]) : timeBandCount - 1
                                        cell[Int(band[k]) * timeBandCount + timeBand] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return cells
        }
        @Sendable func withBeyond(_ close: [Int]) -> [Int] {
            guard includeBeyond else { return close }
            let beyond = (0..<timeBandCount).map { tb in
                pairsByTimeBand[tb] - stride(from: tb, to: close.count, by: timeBandCount).reduce(0) { $0 + close[$1] }
            }
            return close + beyond
        }

        let observed = withBeyond(counts((0..<Int32(n)).map { $0 }))
        let cellCount = observed.count
        struct Tally: Sendable {
            var sums: [Int]
            var exceedances: [Int]
        }
        let tally = await PermutationRunner.run(
            permutations: permutations, seed: seed, count: n,
            initial: {
                Tally(sums: Array(repeating: 0, count: cellCount), exceedances: Array(repeating: 0, count: cellCount))
            },
            body: { labels, tally in
                let permuted = withBeyond(counts(labels))
                for cell in 0..<cellCount {
                    tally.sums[cell] += permuted[cell]
                    if permuted[cell] >= observed[cell] { tally.exceedances[cell] += 1 }
                }
            },
            combine: { total, part in
                for cell in 0..<cellCount {
                    total.sums[cell] += part.sums[cell]
                    total.exceedances[cell] += part.exceedances[cell]
                }
            })

        let cells = (0..<cellCount).map { cell -> NearRepeatCell in
            let expected = permutations > 0 ? Double(tally.sums[cell]) / Double(permutations) : 0
            let distanceBand = cell / timeBandCount, timeBand = cell % timeBandCount
            return NearRepeatCell(
                distanceBand: distanceBand, timeBand: timeBand,
                distanceLabel: bands.distanceLabel(distanceBand), timeLabel: bands.timeLabel(timeBand),
                observed: observed[cell], expected: expected,
                ratio: expected > 0 ? Double(observed[cell]) / expected : nil,
                pValue: permutations > 0 ? Double(tally.exceedances[cell] + 1) / Double(permutations + 1) : nil)
        }
        return NearRepeatResult(
            n: n, permutations: permutations, metric: metric, cells: cells,
            summary: NearRepeatSummary.sentences(cells, bands: bands, permutations: permutations))
    }
}
