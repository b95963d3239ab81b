import Foundation

/// Where a login or a form may send the browser next: a path of this site and nothing else. Browsers forgive a lot
/// (`/\host`, a tab inside `//`, percent-encoded slashes, CR/LF that would start a new header), so anything
/// unusual is refused rather than repaired; the caller goes to the home page instead.
public enum ReturnPath {
    public static let maximumLength = 2_000

    public static func validated(_ candidate: String?) -> String? {
        guard let candidate, !candidate.isEmpty, candidate.utf8.count <= maximumLength else { return nil }
        guard isSafe(candidate) else { return nil }
        // The same rules after percent-decoding, so `%2F%2Fhost` or `%0d%0a` cannot slip through. Decoded twice
        // because some servers and proxies decode once more on the way.
        var decoded = candidate
        for _ in 0..<2 {
            guard let next = decoded.removingPercentEncoding else { return nil }
            guard isSafe(next) else { return nil }
            decoded = next
        }
        return candidate
    }

    static func isSafe(_ path: String) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return false }
        for scalar in path.unicodeScalars {
            if scalar == "\\" { return false }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control { return false }
            if scalar.properties.generalCategory == .format { return false }
        }
        return true
    }
}
