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
