import Foundation

/// The one way a number from outside (query, form, JSON, path, CLI flag, CSV field) becomes a value: always with an
/// explicit range, so that later arithmetic on it cannot overflow and no conversion can trap. Swift stops the whole
/// process on `Int.max + 1` or `Int(1e19)`; a range checked here is what keeps one request from stopping the server.
public enum BoundedNumber {
    public enum Failure: Error, Equatable, Sendable {
        case notANumber(String)
        case notWhole(String)
        case outOfRange(String, lower: String, upper: String)

        /// Dutch, for users and for problem documents alike.
        public var reason: String {
            switch self {
            case .notANumber(let text): "‘\(Self.shown(text))’ is geen getal"
            case .notWhole(let text): "‘\(Self.shown(text))’ is geen geheel getal"
            case .outOfRange(let text, let lower, let upper):
                "‘\(Self.shown(text))’ ligt niet tussen \(lower) en \(upper)"
            }
        }

        /// A hostile value can be 10,000 characters long; the message keeps the start.
        static func shown(_ text: String) -> String { text.count > 24 ? String(text.prefix(20)) + "…" : text }
    }

    /// Longer texts are refused unread: no number we accept needs more digits, and parsing them costs time.
    static let maximumLength = 32

    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Result<Int, Failure> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maximumLength else {
            return .failure(
                trimmed.allSatisfy { $0.isNumber || $0 == "-" || $0 == "+" } && !trimmed.isEmpty
                    ? outOfRange(trimmed, range) : .notANumber(trimmed))
        }
        if let value = Int(trimmed) {
            return range.contains(value) ? .success(value) : .failure(outOfRange(trimmed, range))
        }
        // Digits only but too large for Int: out of range rather than garbage, so the message helps.
        let digits = trimmed.drop { $0 == "-" || $0 == "+" }
        if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) { return .failure(outOfRange(trimmed, range)) }
        if let decimal = Double(trimmed), decimal.isFinite { return .failure(.notWhole(trimmed)) }
        return .failure(.notANumber(trimmed))
    }

    /// Finite decimals only (NaN and infinity are refused); a Dutch decimal comma is not accepted here because
    /// lists of numbers use the comma as separator.
    public static func decimal(_ text: String, in range: ClosedRange<Double>) -> Result<Double, Failure> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maximumLength, let value = Double(trimmed), value.isFinite,
            trimmed.allSatisfy({ $0.isASCIIDigit || ".-+eE".contains($0) })
        else {
            return .failure(.notANumber(trimmed))
        }
        return range.contains(value) ? .success(value) : .failure(outOfRange(trimmed, range))
    }

    /// A comma-separated list, each element within `range`, at most `maximumCount` elements.
    public static func integers(_ text: String, in range: ClosedRange<Int>, count: ClosedRange<Int>) -> Result<
        [Int], Failure
    > {
        list(text, count: count) { integer($0, in: range) }
    }

    public static func decimals(_ text: String, in range: ClosedRange<Double>, count: ClosedRange<Int>) -> Result<
        [Double], Failure
    > {
        list(text, count: count) { decimal($0, in: range) }
    }

    static func list<T>(_ text: String, count: ClosedRange<Int>, _ element: (String) -> Result<T, Failure>) -> Result<
        [T], Failure
    > {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard count.contains(parts.count) else {
            return .failure(
                .outOfRange(
                    parts.count.counted(.value), lower: String(count.lowerBound), upper: String(count.upperBound)))
        }
        var values: [T] = []
        for part in parts {
            switch element(String(part)) {
            case .success(let value): values.append(value)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(values)
    }

    static func outOfRange(_ text: String, _ range: ClosedRange<Int>) -> Failure {
        .outOfRange(text, lower: range.lowerBound.dutch, upper: range.upperBound.dutch)
    }

    static func outOfRange(_ text: String, _ range: ClosedRange<Double>) -> Failure {
        .outOfRange(text, lower: range.lowerBound.boundLabel, upper: range.upperBound.boundLabel)
    }
}

private extension Double {
    var boundLabel: String { self == rounded() && abs(self) < 1e15 ? Int(self).dutch : String(self) }
}
