import Foundation

/// SplitMix64: small, fast and reproducible across platforms, so a `--seed` gives the same result everywhere.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal draw (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// Splits a whole number over weights so the parts add up exactly (largest remainder method).
public enum Apportion {
    public static func split(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, total > 0 else { return Array(repeating: 0, count: weights.count) }
        let exact = weights.map { Double(total) * $0 / sum }
        var parts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(parts[$0]), -$0) > (exact[$1] - Double(parts[$1]), -$1) }
        for i in order.prefix(total - parts.reduce(0, +)) { parts[i] += 1 }
        return parts
    }
}
