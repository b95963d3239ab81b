import Foundation

extension Double {
    /// A decimal comma and a fixed number of digits, as Dutch readers and spreadsheets expect: 2,35.
    public func dutchDecimal(_ digits: Int) -> String {
        String(format: "%.\(digits)f", self).replacingOccurrences(of: ".", with: ",")
    }
}
