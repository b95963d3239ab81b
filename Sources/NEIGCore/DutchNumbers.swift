import Foundation

extension Double {
    /// A decimal comma and a fixed number of digits, as Dutch readers and spreadsheets expect: 2,35.
    public func dutchDecimal(_ digits: Int) -> String {
        String(format: "%.\(digits)f", self).replacingOccurrences(of: ".", with: ",")
    }
}

extension CivilDate {
    /// "juni 2024": a month as Dutch text names it, never "2024-06".
    public static func monthName(year: Int, month: Int) -> String {
        guard (1...12).contains(month) else { return "\(year)-\(month)" }
        return "\(dutchMonths[month - 1]) \(year)"
    }

    /// "jun 2024" for a stored "2024-06"; anything else is returned as it is.
    public static func shortMonthName(isoMonth: String) -> String {
        let parts = isoMonth.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return isoMonth }
        return shortMonthName(year: year, month: month)
    }

    /// "jun 2024", for chart axes and table columns where the full name does not fit.
    public static func shortMonthName(year: Int, month: Int) -> String {
        guard (1...12).contains(month) else { return "\(year)-\(month)" }
        return "\(dutchMonthAbbreviations[month - 1]) \(year)"
    }
}
