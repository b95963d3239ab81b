/// Near-repeat zones of one municipality that overlap in place and in time are one risk area: one place to act on,
/// one end date and one warning, instead of a warning per attack.
public enum RiskAreaGrouping {
    /// One zone: a circle in RD New metres, running from the attack's day to its last day (day numbers).
    public struct Zone: Sendable, Equatable {
        public let x: Double
        public let y: Double
        public let radius: Double
        public let from: Int
        public let until: Int

        public init(x: Double, y: Double, radius: Double, from: Int, until: Int) {
            self.x = x
            self.y = y
            self.radius = radius
            self.from = from
            self.until = until
        }
    }

    /// Circles that touch or cross, during days that overlap.
    public static func overlap(_ a: Zone, _ b: Zone) -> Bool {
        let dx = a.x - b.x, dy = a.y - b.y
        let reach = a.radius + b.radius
        return dx * dx + dy * dy <= reach * reach && a.from <= b.until && b.from <= a.until
    }

    /// The areas as lists of zone indices: zones joined by any chain of overlaps belong together. Each list is in
    /// ascending order, and the lists are ordered by their first zone.
    public static func groups(_ zones: [Zone]) -> [[Int]] {
        var parent = Array(zones.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for i in zones.indices {
            for j in zones.indices where j > i && overlap(zones[i], zones[j]) {
                let (a, b) = (root(i), root(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var byRoot: [Int: [Int]] = [:]
        for i in zones.indices { byRoot[root(i), default: []].append(i) }
        return byRoot.values.sorted { $0[0] < $1[0] }
    }

    /// The circle that holds all zones: centred on their mean, reaching the farthest edge.
    public static func extent(_ zones: [Zone]) -> (x: Double, y: Double, radius: Double) {
        guard !zones.isEmpty else { return (0, 0, 0) }
        let x = zones.map(\.x).reduce(0, +) / Double(zones.count)
        let y = zones.map(\.y).reduce(0, +) / Double(zones.count)
        let radius =
            zones.map { zone -> Double in
                let dx = zone.x - x, dy = zone.y - y
                return (dx * dx + dy * dy).squareRoot() + zone.radius
            }.max() ?? 0
        return (x, y, radius)
    }

    /// More attacks first, and among equals the most recent: a hundred points an attack, plus one for each day of the
    /// last four weeks that the last attack is more recent.
    public static func priority(attacks: Int, daysSinceLastAttack: Int) -> Int {
        attacks.clamped(to: 0...10_000) * 100 + max(0, 28 - max(0, daysSinceLastAttack))
    }

    public enum Level: String, Sendable {
        case high = "hoog", raised = "verhoogd", normal = "gewoon"
    }

    /// Three or more attacks, or two within the last week, is high; two is raised.
    public static func level(attacks: Int, daysSinceLastAttack: Int) -> Level {
        if attacks >= 3 || (attacks >= 2 && daysSinceLastAttack <= 7) { return .high }
        return attacks >= 2 ? .raised : .normal
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
