/// Which counts of the public table may be published, so that no published figure — cell, row total or national
/// total — lets anyone work out a count below the threshold, also not by subtraction.
///
/// The rule (explained on `/open-data`):
/// 1. Every month below the threshold (zero included) is shown as `<5`.
/// 2. A municipality's year total is exact only when none of its months is suppressed. With suppressed months it is
///    `<5` when the whole year is below the threshold, and otherwise `≥ N`, N being the sum of its published months —
///    which anyone can add up, so it gives nothing away.
/// 3. The national total is exact unless, together with the rest, it would pin down a suppressed cell (for example
///    a single quiet month in the whole country); in that case it is withheld.
/// With these rules each suppressed cell lies in 0…4, a row marked `<5` adds up to at most 4, and all suppressed
/// cells add up to the national total minus the published cells; `SmallCountSuppressionTests` solves exactly
/// that system and checks that every suppressed cell can take more than one value.
public struct SmallCountSuppression: Sendable, Equatable {
    public enum Total: Sendable, Equatable {
        case exact(Int)
        case belowThreshold
        case atLeast(Int)
    }

    public let threshold: Int
    /// nil for a suppressed cell.
    public let cells: [[Int?]]
    public let totals: [Total]
    public let nationalTotal: Int?

    /// `elapsedMonths`: months after it have not happened yet; everyone knows they are zero, so they are published
    /// as such instead of hiding among the suppressed cells (where an attacker would count them as known zeros).
    public init(counts: [[Int]], threshold: Int = 5, elapsedMonths: Int = 12) {
        self.threshold = threshold
        cells = counts.map { row in
            row.enumerated().map { month, count in month >= elapsedMonths ? 0 : count < threshold ? nil : count }
        }
        totals = zip(counts, cells).map { row, shown in
            let total = row.reduce(0, +)
            if !shown.contains(nil) { return .exact(total) }
            if total < threshold { return .belowThreshold }
            return .atLeast(shown.compactMap { $0 }.reduce(0, +))
        }
        nationalTotal =
            Self.nationalTotalIsSafe(cells: cells, totals: totals, counts: counts, threshold: threshold)
            ? counts.joined().reduce(0, +) : nil
    }

    /// The national total fixes the sum of all suppressed cells. It is published only when, with it, every
    /// suppressed cell can still take at least two values (rows are independent apart from that one sum).
    static func nationalTotalIsSafe(cells: [[Int?]], totals: [Total], counts: [[Int]], threshold: Int) -> Bool {
        let top = threshold - 1
        let rows = zip(cells, totals).map { shown, total -> (lo: Int, hi: Int, hidden: Int) in
            let hidden = shown.filter { $0 == nil }.count
            let published = shown.compactMap { $0 }.reduce(0, +)
            switch total {
            case .exact: return (0, 0, hidden)
            case .belowThreshold: return (0, min(hidden * top, top - published), hidden)
            // `≥` is shown only for a total of at least the threshold, which tells that much about the hidden months.
            case .atLeast: return (max(0, threshold - published), hidden * top, hidden)
            }
        }
        var hiddenSum = 0
        for (row, shown) in zip(counts, cells) {
            for (count, cell) in zip(row, shown) where cell == nil { hiddenSum += count }
        }
        let allLo = rows.map(\.lo).reduce(0, +), allHi = rows.map(\.hi).reduce(0, +)
        for row in rows where row.hidden > 0 {
            let rowLo = max(row.lo, hiddenSum - (allHi - row.hi)), rowHi = min(row.hi, hiddenSum - (allLo - row.lo))
            let feasible = (0...top).filter { v in max(rowLo, v) <= min(rowHi, v + top * (row.hidden - 1)) }
            if feasible.count < 2 { return false }
        }
        return true
    }
}
