import Foundation

extension Double {
    /// A decimal comma and a fixed number of digits, as Dutch readers and spreadsheets expect: 2,35.
    public func dutchDecimal(_ digits: Int) -> String {
        String(format: "%.\(digits)f", self).replacingOccurrences(of: ".", with: ",")
    }
}

extension Int {
    /// Thousands separated by a point, as Dutch text writes them: 10.000, −1.234.
    public var dutchGrouped: String {
        let digits = String(magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return self < 0 ? "-" + grouped : grouped
    }
}
