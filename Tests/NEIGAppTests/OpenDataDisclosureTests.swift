import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// An attacker's solver for the published open-data table: every suppressed cell is an integer 0…4; a row's
/// published total bounds the sum of its suppressed cells (`12` exactly, `<5` at most 4 − published, `≥N` at least);
/// the national total fixes the sum of all of them. Row sums are independent apart from that one national sum, so
/// the smallest and largest value of each cell follow exactly from intervals.
enum DisclosureSolver {
    struct Row {
        var cells: [Int?]
        var total: String
    }

    /// The suppressed cells (row, month) whose value is determined by the published figures.
    static func determinedCells(_ rows: [Row], nationalTotal: Int?, threshold: Int = 5) -> [(Int, Int)] {
        let top = threshold - 1
        var bounds: [(lo: Int, hi: Int, hidden: Int)] = []
        var publishedSum = 0
        for row in rows {
            let shown = row.cells.compactMap { $0 }.reduce(0, +)
            publishedSum += shown
            let hidden = row.cells.filter { $0 == nil }.count
            var lo = 0, hi = hidden * top
            // `≥N` is shown only for totals of at least the threshold, `<5` only below it.
            if row.total.hasPrefix("≥"), let n = Int(row.total.dropFirst()) {
                lo = max(lo, n - shown, threshold - shown)
            } else if row.total.hasPrefix("<") {
                hi = min(hi, top - shown)
            } else if let exact = Int(row.total) {
                lo = max(lo, exact - shown)
                hi = min(hi, exact - shown)
            }
            bounds.append((lo, hi, hidden))
        }
        let national = nationalTotal.map { $0 - publishedSum }
        let allLo = bounds.map(\.lo).reduce(0, +), allHi = bounds.map(\.hi).reduce(0, +)
        var determined: [(Int, Int)] = []
        for (r, row) in rows.enumerated() {
            let b = bounds[r]
            // The sum of this row's hidden cells as the national total allows it.
            var rowLo = b.lo, rowHi = b.hi
            if let national {
                rowLo = max(rowLo, national - (allHi - b.hi))
                rowHi = min(rowHi, national - (allLo - b.lo))
            }
            for (m, cell) in row.cells.enumerated() where cell == nil {
                let feasible = (0...top).filter { v in max(rowLo, v) <= min(rowHi, v + top * (b.hidden - 1)) }
                if feasible.count < 2 { determined.append((r, m)) }
            }
        }
        return determined
    }

    static func rows(_ published: SmallCountSuppression) -> [Row] {
        zip(published.cells, published.totals).map { cells, total in
            Row(cells: cells, total: OpenDataTable.total(total))
        }
    }
}

@Suite struct OpenDataDisclosureTests {
    @Test func theSolverFindsWhatTheOldRuleGaveAway() {
        // Before: a suppressed December beside an exact year total (Amsterdam, December).
        let leaky = [DisclosureSolver.Row(cells: [30, 25, 20, 22, 18, 27, 30, 21, 19, 24, 26, nil], total: "264")]
        #expect(DisclosureSolver.determinedCells(leaky, nationalTotal: nil).count == 1)
    }

    @Test func noSuppressedCellCanBeWorkedOut() {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<300 {
            let rows = Int.random(in: 1...40, using: &generator)
            let counts = (0..<rows).map { _ in
                (0..<12).map { _ in
                    switch Int.random(in: 0..<10, using: &generator) {
                    case 0..<5: 0
                    case 5..<8: Int.random(in: 1...4, using: &generator)
                    default: Int.random(in: 5...40, using: &generator)
                    }
                }
            }
            let published = SmallCountSuppression(counts: counts)
            let found = DisclosureSolver.determinedCells(
                DisclosureSolver.rows(published), nationalTotal: published.nationalTotal)
            #expect(found.isEmpty, "round \(round): cells \(found.prefix(3)) can be worked out of \(counts)")
        }
        // Edge cases: everything small and zero, everything four, one municipality.
        // The reviewer's case: one municipality with a total of 5 in small months, every other one quiet.
        let quiet =
            [[4, 1] + Array(repeating: 0, count: 10)] + [[Int]](repeating: Array(repeating: 0, count: 12), count: 20)
        for counts in [
            quiet, [[Int]](repeating: Array(repeating: 0, count: 12), count: 3), [Array(repeating: 4, count: 12)],
            [[10] + Array(repeating: 0, count: 11)], [Array(repeating: 7, count: 11) + [3]]
        ] {
            let published = SmallCountSuppression(counts: counts)
            #expect(
                DisclosureSolver.determinedCells(
                    DisclosureSolver.rows(published), nationalTotal: published.nationalTotal
                ).isEmpty, "\(counts)")
        }
    }

    @Test func thePublishedDemoTablesGiveNothingAway() async throws {
        try await withNEIGApp(demo: true) { app in
            for year in [2024, 2025] {
                var table: OpenDataTable?
                try await app.testing().test(.GET, "/api/v1/open-data?year=\(year)") {
                    table = try $0.content.decode(OpenDataTable.self)
                }
                let published = try #require(table)
                let rows = published.municipalities.map { row in
                    // "–" is a month still to come: known to be zero.
                    DisclosureSolver.Row(cells: row.months.map { $0 == "–" ? 0 : Int($0) }, total: row.total)
                }
                let determined = DisclosureSolver.determinedCells(rows, nationalTotal: published.nationalTotal)
                #expect(determined.isEmpty, "\(year): \(determined.count) cells can be worked out")
                #expect(
                    rows.contains { $0.total.hasPrefix("≥") },
                    "big municipalities with one quiet month show a lower bound")
            }
        }
    }
}
