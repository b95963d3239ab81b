import Foundation

/// Incidents as the space-time statistics see them: RD New metres and whole days.
public struct SpaceTimeEvents: Sendable {
    public let x: [Double]
    public let y: [Double]
    /// Day numbers (days since 1970-01-01); the time of day is ignored, as in pointpats and Ratcliffe.
    public let days: [Int32]

    public var count: Int { x.count }

    public init(x: [Double], y: [Double], days: [Int32]) {
        precondition(x.count == y.count && y.count == days.count, "coordinates and days must have the same length")
        self.x = x
        self.y = y
        self.days = days
    }

    /// The same events numbered cell by cell (cells of `cellSize` metres), so that events close in space have
    /// close numbers and the pair loops stay in the processor's cache. Order-free statistics only.
    func spatiallyOrdered(cellSize: Double) -> SpaceTimeEvents {
        let size = max(cellSize, 1)
        let keys = (0..<count).map {
            (Int64((y[$0] / size).rounded(.down)) << 32) | Int64((x[$0] / size).rounded(.down)) & 0xFFFF_FFFF
        }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        return SpaceTimeEvents(x: order.map { x[$0] }, y: order.map { y[$0] }, days: order.map { days[$0] })
    }

    public init(records: [IncidentRecord]) {
        self.init(x: records.map(\.rd.x), y: records.map(\.rd.y), days: records.map { Int32($0.date.dayNumber) })
    }
}

public enum DistanceMetric: String, Sendable, CaseIterable, Codable {
    case euclidean, manhattan

    func distance(_ dx: Double, _ dy: Double) -> Double {
        switch self {
        case .euclidean: (dx * dx + dy * dy).squareRoot()
        case .manhattan: abs(dx) + abs(dy)
        }
    }
}

/// Every unordered pair (i < j) of events within `radius` metres, found once with a uniform grid of
/// `radius`-sized cells: only the own and neighbouring cells can hold such a pair, so the work grows with
/// the number of close pairs instead of n².
public struct ClosePairs: Sendable {
    public let first: [Int32]
    public let second: [Int32]
    public let distance: [Double]

    public var count: Int { first.count }

    public init(events: SpaceTimeEvents, radius: Double, metric: DistanceMetric = .euclidean) {
        var first: [Int32] = [], second: [Int32] = [], distances: [Double] = []
        let cellSize = max(radius, 1)
        var cells: [CellKey: [Int32]] = [:]
        for index in 0..<events.count {
            cells[
                CellKey(
                    x: Int64((events.x[index] / cellSize).rounded(.down)),
                    y: Int64((events.y[index] / cellSize).rounded(.down))),
                default: []
            ].append(Int32(index))
        }
        // Half of the neighbourhood, so that each pair of cells is visited once.
        let offsets: [(Int64, Int64)] = [(1, 0), (-1, 1), (0, 1), (1, 1)]
        func consider(_ i: Int32, _ j: Int32) {
            let d = metric.distance(events.x[Int(i)] - events.x[Int(j)], events.y[Int(i)] - events.y[Int(j)])
            guard d <= radius else { return }
            first.append(min(i, j))
            second.append(max(i, j))
            distances.append(d)
        }
        for (key, members) in cells {
            for a in 0..<members.count {
                for b in (a + 1)..<members.count { consider(members[a], members[b]) }
            }
            for (dx, dy) in offsets {
                guard let others = cells[CellKey(x: key.x + dx, y: key.y + dy)] else { continue }
                for i in members { for j in others { consider(i, j) } }
            }
        }
        // In index order, so the permutation loops walk the times array forwards.
        let order = first.indices.map { Int64(first[$0]) << 40 | Int64(second[$0]) << 16 | Int64($0 & 0xFFFF) }
        let sorted = order.indices.sorted { order[$0] < order[$1] }
        self.first = sorted.map { first[$0] }
        self.second = sorted.map { second[$0] }
        self.distance = sorted.map { distances[$0] }
    }

    private struct CellKey: Hashable {
        let x: Int64
        let y: Int64
    }
}

/// Runs `permutations` random relabellings of the event times in parallel. Each permutation has its own
/// generator derived from the seed and its number, so the result does not depend on how many cores run it.
enum PermutationRunner {
    static func run<Partial: Sendable>(
        permutations: Int, seed: UInt64, count: Int,
        initial: @escaping @Sendable () -> Partial,
        body: @escaping @Sendable (_ permutation: [Int32], _ partial: inout Partial) -> Void,
        combine: (inout Partial, Partial) -> Void
    ) async -> Partial {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, permutations))
        return await withTaskGroup(of: Partial.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var partial = initial()
                    var labels = [Int32](repeating: 0, count: count)
                    for permutation in stride(from: worker, to: permutations, by: workers) {
                        shuffle(&labels, seed: seed, permutation: permutation)
                        body(labels, &partial)
                    }
                    return partial
                }
            }
            var total = initial()
            for await partial in group { combine(&total, partial) }
            return total
        }
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    static func shuffle(_ labels: inout [Int32], seed: UInt64, permutation: Int) {
        var generator = SeededGenerator(seed: seed ^ (UInt64(permutation) &* 0xD1B5_4A32_D192_ED03))
        for index in labels.indices { labels[index] = Int32(index) }
        var index = labels.count - 1
        while index > 0 {
            let other = Int(generator.next() % UInt64(index + 1))
            labels.swapAt(index, other)
            index -= 1
        }
    }
}

/// `1 − P(X ≤ k)` for X ~ Poisson(λ), as pointpats reports `p_poisson`.
public enum Poisson {
    public static func survival(_ k: Int, mean lambda: Double) -> Double {
        guard lambda > 0 else { return 0 }
        guard k >= 0 else { return 1 }
        var cdf = 0.0
        let logLambda = log(lambda)
        for i in 0...k {
            cdf += exp(-lambda + Double(i) * logLambda - lgamma(Double(i) + 1))
            if cdf >= 1 { return 0 }
        }
        return max(0, 1 - cdf)
    }
}
