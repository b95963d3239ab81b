/// One of the densest places of a density grid.
public struct HotspotPeak: Sendable, Equatable {
    public let point: RDPoint
    /// Attacks per km², as the grid gives them.
    public let density: Double
}

extension DensityGrid {
    /// The densest cells that lie at least `separation` metres apart, densest first: the places a reader should look
    /// at, rather than several neighbouring cells of one hotspot.
    public func peaks(limit: Int, separation: Double, minimumShare: Double = 0.25) -> [HotspotPeak] {
        let top = maximum
        guard top > 0, limit > 0 else { return [] }
        var candidates: [(index: Int, value: Double)] = []
        for (index, value) in values.enumerated() where value >= top * minimumShare {
            candidates.append((index, value))
        }
        candidates.sort { ($0.value, $1.index) > ($1.value, $0.index) }
        var chosen: [HotspotPeak] = []
        for candidate in candidates {
            let point = centre(column: candidate.index % columns, row: candidate.index / columns)
            guard chosen.allSatisfy({ $0.point.distance(to: point) >= separation }) else { continue }
            chosen.append(HotspotPeak(point: point, density: candidate.value))
            if chosen.count == limit { break }
        }
        return chosen
    }
}

extension DensityGrid {
    /// Per cell, how many of the points lie within the bandwidth of its centre: the attacks its value comes from.
    /// A map for readers who may not see locations colours only cells with enough of them, so that no coloured
    /// cell stands for one attack.
    public func support(x: [Double], y: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: values.count)
        guard columns > 0, rows > 0 else { return counts }
        let h2 = bandwidth * bandwidth
        for index in x.indices where x[index].isFinite && y[index].isFinite {
            let first = (
                column: max(0, Int(((x[index] - bandwidth - originX) / cellSize).rounded(.down))),
                row: max(0, Int(((y[index] - bandwidth - originY) / cellSize).rounded(.down)))
            )
            let last = (
                column: min(columns - 1, Int(((x[index] + bandwidth - originX) / cellSize).rounded(.up))),
                row: min(rows - 1, Int(((y[index] + bandwidth - originY) / cellSize).rounded(.up)))
            )
            guard first.column <= last.column, first.row <= last.row else { continue }
            for row in first.row...last.row {
                let dy = originY + (Double(row) + 0.5) * cellSize - y[index]
                for column in first.column...last.column {
                    let dx = originX + (Double(column) + 0.5) * cellSize - x[index]
                    if dx * dx + dy * dy < h2 { counts[row * columns + column] += 1 }
                }
            }
        }
        return counts
    }
}

/// The parts of a Dutch address that name an area rather than a door.
public enum AddressParts {
    /// "Verzinsingel 12a", "Verzinsingel 12 A" → "Verzinsingel": the house number and its addition go.
    public static func street(of address: String) -> String? {
        let words = address.split(separator: " ").map(String.init)
        guard let number = words.lastIndex(where: { $0.first?.isNumber == true }), number >= 1,
            words[(number + 1)...].allSatisfy({ $0.count <= 3 })
        else {
            return words.first?.first?.isNumber == true ? nil : words.joined(separator: " ").nilIfEmpty
        }
        return words[..<number].joined(separator: " ").nilIfEmpty
    }

    /// "1011 AB" → "1011": the four digits that name a neighbourhood, not a street side.
    public static func postcodeArea(of postcode: String) -> String? {
        let digits = postcode.prefix(4)
        return digits.count == 4 && digits.allSatisfy(\.isASCIIDigit) ? String(digits) : nil
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
