import ArgumentParser
import NEIGCore

/// Numeric flags pass the same bounds as every other number from outside: a value that would overflow later
/// (`--distance 1e19`, `inf`) is a usage error naming the flag, not a trap.
enum FlagBounds {
    static func check(_ value: Double, _ flag: String, _ range: ClosedRange<Double>) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError(
                "\(flag): \(value) is outside \(range.lowerBound.formatted) to \(range.upperBound.formatted)")
        }
    }

    static func check(_ value: Int, _ flag: String, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(flag): \(value) is outside \(range.lowerBound) to \(range.upperBound)")
        }
    }

    static func list<T>(_ result: Result<T, BoundedNumber.Failure>, _ flag: String) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let failure): throw ValidationError("\(flag): \(failure.reason)")
        }
    }

    /// Metres: the country is about 300 km across.
    static let metres: ClosedRange<Double> = 0.001...300_000
    static let days = 0...36_500
}

private extension Double {
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
