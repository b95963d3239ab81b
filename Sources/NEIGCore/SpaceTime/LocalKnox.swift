/// Local Knox statistics (as pointpats' `KnoxLocal`): for each incident, how many others were close in both
/// space and time, how many of those came before and after it, and whether that many is unusual. The
/// permutations are conditional: the incident keeps its own date and the other dates are shuffled over the
/// other locations.
public struct LocalKnoxIncident: Sendable, Codable, Equatable {
    public let index: Int
    public let neighbours: Int
    /// Close neighbours dated before this incident.
    public let before: Int
    /// Close neighbours dated after it.
    public let after: Int
    public let sameDay: Int
    public let pValue: Double?

    enum CodingKeys: String, CodingKey {
        case index, neighbours, before, after
        case sameDay = "same_day", pValue = "p_value"
    }

    /// Part of a near-repeat chain: it has close neighbours, more than chance would give.
    public var isSignificant: Bool { neighbours > 0 && (pValue ?? 1) <= 0.05 }
}

public enum LocalKnox {
    public static func run(
        _ events: SpaceTimeEvents, distance: Double, days: Int, permutations: Int, seed: UInt64,
        metric: DistanceMetric = .euclidean
    ) async -> [LocalKnoxIncident] {
        let n = events.count
        let close = ClosePairs(events: events, radius: distance, metric: metric)
        let neighbours = Adjacency(close, count: n)
        let t = events.days, tau = Int32(days)
        var observed = [Int](repeating: 0, count: n), before = observed, after = observed, sameDay = observed
        for i in 0..<n {
            for j in neighbours.of(i) where abs(t[Int(j)] - t[i]) <= tau {
                observed[i] += 1
                if t[Int(j)] < t[i] {
                    before[i] += 1
                } else if t[Int(j)] > t[i] {
                    after[i] += 1
                } else {
                    sameDay[i] += 1
                }
            }
        }
        let counts = observed
        let exceedances = await PermutationRunner.run(
            permutations: permutations, seed: seed, count: n,
            initial: { [Int](repeating: 0, count: n) },
            body: { labels, exceeded in
                for i in 0..<n {
                    var count = 0
                    for j in neighbours.of(i) {
                        var label = Int(labels[Int(j)])
                        if label == i { label = Int(labels[i]) }
                        if abs(t[label] - t[i]) <= tau { count += 1 }
                    }
                    if count >= counts[i] { exceeded[i] += 1 }
                }
            },
            combine: { total, part in for i in 0..<n { total[i] += part[i] } })
        return (0..<n).map { i in
            LocalKnoxIncident(
                index: i, neighbours: observed[i], before: before[i], after: after[i], sameDay: sameDay[i],
                pValue: permutations > 0 ? Double(exceedances[i] + 1) / Double(permutations + 1) : nil)
        }
    }
}

/// Close pairs as neighbour lists (compressed rows), for per-incident loops.
struct Adjacency: Sendable {
    let offsets: [Int]
    let targets: [Int32]

    init(_ pairs: ClosePairs, count: Int) {
        var degree = [Int](repeating: 0, count: count + 1)
        for k in 0..<pairs.count {
            degree[Int(pairs.first[k]) + 1] += 1
            degree[Int(pairs.second[k]) + 1] += 1
        }
        for i in 0..<count { degree[i + 1] += degree[i] }
        var next = degree
        var targets = [Int32](repeating: 0, count: pairs.count * 2)
        for k in 0..<pairs.count {
            let a = Int(pairs.first[k]), b = Int(pairs.second[k])
            targets[next[a]] = Int32(b)
            next[a] += 1
            targets[next[b]] = Int32(a)
            next[b] += 1
        }
        offsets = degree
        self.targets = targets
    }

    func of(_ i: Int) -> ArraySlice<Int32> { targets[offsets[i]..<offsets[i + 1]] }
}
