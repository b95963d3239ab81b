/// The Knox test for space-time interaction, with the semantics of pointpats' `Knox`: a pair is close in
/// space when its distance is at most `distance` metres and close in time when its dates differ by at most
/// `days`; `observed` counts pairs close in both. Under the null hypothesis the times are exchangeable, so
/// the permutations shuffle them over the locations. Pairs close in time, and pairs close in space, do not
/// change under a permutation — only their overlap does — so each permutation re-counts just the close
/// spatial pairs.
public struct KnoxResult: Sendable, Codable, Equatable {
    public let n: Int
    public let distance: Double
    public let days: Int
    public let pairs: Int
    public let spatialPairs: Int
    public let temporalPairs: Int
    public let observed: Int
    public let expected: Double
    public let permutations: Int
    public let exceedances: Int
    public let pValue: Double?
    public let pPoisson: Double

    enum CodingKeys: String, CodingKey {
        case n, distance, days, pairs, observed, expected, permutations, exceedances
        case spatialPairs = "spatial_pairs", temporalPairs = "temporal_pairs", pValue = "p_value", pPoisson =
            "p_poisson"
    }
}

public enum Knox {
    public static func run(
        _ events: SpaceTimeEvents, distance: Double, days: Int, permutations: Int, seed: UInt64,
        metric: DistanceMetric = .euclidean
    ) async -> KnoxResult {
        let events = events.spatiallyOrdered(cellSize: distance)
        let close = ClosePairs(events: events, radius: distance, metric: metric)
        let n = events.count
        let allPairs = n * (n - 1) / 2
        let temporal = TimeDifferences(days: events.days).pairs(atMost: days)
        let observed = count(close, days: events.days, labels: (0..<Int32(n)).map { $0 }, tau: Int32(days))
        let expected = allPairs == 0 ? 0 : Double(close.count) * Double(temporal) / Double(allPairs)
        let times = events.days
        let exceedances = await PermutationRunner.run(
            permutations: permutations, seed: seed, count: n,
            initial: { 0 },
            body: { labels, exceeded in
                if count(close, days: times, labels: labels, tau: Int32(days)) >= observed { exceeded += 1 }
            },
            combine: { $0 += $1 })
        return KnoxResult(
            n: n, distance: distance, days: days, pairs: allPairs, spatialPairs: close.count, temporalPairs: temporal,
            observed: observed, expected: expected, permutations: permutations, exceedances: exceedances,
            pValue: permutations > 0 ? Double(exceedances + 1) / Double(permutations + 1) : nil,
            pPoisson: Poisson.survival(observed, mean: expected))
    }

    /// Close spatial pairs whose relabelled days differ by at most `tau`.
    static func count(_ close: ClosePairs, days: [Int32], labels: [Int32], tau: Int32) -> Int {
        // Relabel once (sequential), so the pair loop has a single indirection.
        let permuted = relabel(days, labels)
        var total = 0
        permuted.withUnsafeBufferPointer { t in
            close.first.withUnsafeBufferPointer { a in
                close.second.withUnsafeBufferPointer { b in
                    for k in 0..<a.count {
                        let gap = t[Int(a[k])] &- t[Int(b[k])]
                        total &+= (gap <= tau && gap >= -tau) ? 1 : 0
                    }
                }
            }
        }
        return total
    }
}

/// `days[labels[i]]` for every i, without bounds checks in the loop.
func relabel(_ days: [Int32], _ labels: [Int32]) -> [Int32] {
    [Int32](unsafeUninitializedCapacity: labels.count) { buffer, initialized in
        days.withUnsafeBufferPointer { t in
            labels.withUnsafeBufferPointer { l in
                for i in 0..<l.count { buffer[i] = t[Int(l[i])] }
            }
        }
        initialized = labels.count
    }
}

/// How many pairs of events lie a given number of days apart, from the histogram of days; it is the same
/// under every permutation of the times.
struct TimeDifferences {
    let histogram: [Int]

    init(days: [Int32]) {
        guard let low = days.min(), let high = days.max() else {
            histogram = []
            return
        }
        var histogram = [Int](repeating: 0, count: Int(high - low) + 1)
        for day in days { histogram[Int(day - low)] += 1 }
        self.histogram = histogram
    }

    /// Pairs whose days differ by exactly `gap`.
    func pairs(exactly gap: Int) -> Int {
        guard gap >= 0, gap < histogram.count else { return 0 }
        if gap == 0 { return histogram.reduce(0) { $0 + $1 * ($1 - 1) / 2 } }
        var total = 0
        for day in 0..<(histogram.count - gap) where histogram[day] > 0 {
            total += histogram[day] * histogram[day + gap]
        }
        return total
    }

    func pairs(atMost gap: Int) -> Int {
        (0...max(0, min(gap, histogram.count - 1))).reduce(0) { $0 + pairs(exactly: $1) }
    }
}
