import Foundation

/// Quartic-kernel (biweight) density on a regular grid in RD New metres, the hotspot method of most crime
/// mapping tools: K(d) = 3 / (π h²) · (1 − d²/h²)² within the bandwidth h, zero beyond.
public struct DensityGrid: Sendable, Equatable {
    public let originX: Double
    public let originY: Double
    public let cellSize: Double
    public let columns: Int
    public let rows: Int
    public let bandwidth: Double
    /// Incidents per km² at each cell centre, row-major from the south-west corner.
    public let values: [Double]

    public static let maximumCells = 1_000_000

    public enum DensityError: Error, Equatable, CustomStringConvertible {
        case invalidParameters
        case tooManyCells(Int)

        public var description: String {
            switch self {
            case .invalidParameters: "bandwidth and cell size must be positive"
            case .tooManyCells(let cells):
                "the grid would have \(cells) cells (at most \(DensityGrid.maximumCells)); choose a larger cell size or a smaller area"
            }
        }
    }

    public func centre(column: Int, row: Int) -> RDPoint {
        RDPoint(x: originX + (Double(column) + 0.5) * cellSize, y: originY + (Double(row) + 0.5) * cellSize)
    }

    public func value(column: Int, row: Int) -> Double { values[row * columns + column] }

    public var maximum: Double { values.max() ?? 0 }

    /// The finest of a few round cell sizes that keeps the grid at most `cells` cells.
    public static func automaticCellSize(x: [Double], y: [Double], bandwidth: Double, cells: Int = 250_000) -> Double {
        guard let minX = x.min(), let maxX = x.max(), let minY = y.min(), let maxY = y.max() else { return 50 }
        let width = maxX - minX + 2 * bandwidth, height = maxY - minY + 2 * bandwidth
        return [25.0, 50, 100, 200, 500, 1000, 2000, 5000].first {
            ((width / $0) + 2) * ((height / $0) + 2) <= Double(cells)
        } ?? 10_000
    }

    public static func quartic(x: [Double], y: [Double], bandwidth: Double, cellSize: Double) throws -> DensityGrid {
        guard bandwidth > 0, cellSize > 0 else { throw DensityError.invalidParameters }
        guard let minX = x.min(), let maxX = x.max(), let minY = y.min(), let maxY = y.max() else {
            return DensityGrid(
                originX: 0, originY: 0, cellSize: cellSize, columns: 0, rows: 0, bandwidth: bandwidth, values: [])
        }
        let originX = ((minX - bandwidth) / cellSize).rounded(.down) * cellSize
        let originY = ((minY - bandwidth) / cellSize).rounded(.down) * cellSize
        let columns = Int(((maxX + bandwidth - originX) / cellSize).rounded(.up)) + 1
        let rows = Int(((maxY + bandwidth - originY) / cellSize).rounded(.up)) + 1
        guard columns * rows <= maximumCells else { throw DensityError.tooManyCells(columns * rows) }
        var values = [Double](repeating: 0, count: columns * rows)
        let h2 = bandwidth * bandwidth
        let scale = 3 / (Double.pi * h2) * 1_000_000
        for index in x.indices {
            let firstColumn = max(0, Int(((x[index] - bandwidth - originX) / cellSize).rounded(.down)))
            let lastColumn = min(columns - 1, Int(((x[index] + bandwidth - originX) / cellSize).rounded(.up)))
            let firstRow = max(0, Int(((y[index] - bandwidth - originY) / cellSize).rounded(.down)))
            let lastRow = min(rows - 1, Int(((y[index] + bandwidth - originY) / cellSize).rounded(.up)))
            for row in firstRow...lastRow {
                let dy = originY + (Double(row) + 0.5) * cellSize - y[index]
                for column in firstColumn...lastColumn {
                    let dx = originX + (Double(column) + 0.5) * cellSize - x[index]
                    let d2 = dx * dx + dy * dy
                    guard d2 < h2 else { continue }
                    let u = 1 - d2 / h2
                    values[row * columns + column] += scale * u * u
                }
            }
        }
        return DensityGrid(
            originX: originX, originY: originY, cellSize: cellSize, columns: columns, rows: rows,
            bandwidth: bandwidth, values: values)
    }
}
