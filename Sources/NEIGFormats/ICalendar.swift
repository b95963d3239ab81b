import Foundation

/// iCalendar (RFC 5545) for meetings: UTC times, escaped text, lines folded at 75 octets, CRLF line ends.
public enum ICalendar {
    public struct Event: Sendable {
        public let uid: String
        public let start: Date
        public let end: Date
        public let summary: String
        public let description: String
        public let location: String?
        public let url: String?
        public let stamp: Date

        public init(
            uid: String, start: Date, end: Date, summary: String, description: String, location: String?, url: String?,
            stamp: Date
        ) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.stamp = stamp
        }
    }

    public static func calendar(name: String, events: [Event]) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//NEIG//neig//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(escape(name))"
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT", "UID:\(event.uid)", "DTSTAMP:\(utc(event.stamp))", "DTSTART:\(utc(event.start))",
                "DTEND:\(utc(event.end))",
                "SUMMARY:\(escape(event.summary))", "DESCRIPTION:\(escape(event.description))"
            ]
            if let location = event.location { lines.append("LOCATION:\(escape(location))") }
            if let url = event.url { lines.append("URL:\(url)") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    public static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// TEXT values (RFC 5545 3.3.11): a line break of any kind becomes `\\n`; every other control character
    /// (a lone CR would start a new content line in some readers) is dropped.
    public static func escape(_ text: String) -> String {
        var result = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r", "\u{2028}", "\u{2029}", "\u{85}": result += "\\n"
            case "\n": if !previousWasCR { result += "\\n" }
            default:
                if scalar.properties.generalCategory == .control { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 sequence.
    public static func fold(_ line: String) -> String {
        var result = "", current = 0, limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if current + size > limit {
                result += "\r\n "
                current = 1
                limit = 75
            }
            result.unicodeScalars.append(scalar)
            current += size
        }
        return result
    }
}
