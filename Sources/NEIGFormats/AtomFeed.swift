import Foundation

/// An Atom 1.0 feed (RFC 4287), as feed readers and intranet portals subscribe to news.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        public let id: String
        public let title: String
        public let link: String
        public let updated: Date
        public let author: String
        public let summary: String

        public init(id: String, title: String, link: String, updated: Date, author: String, summary: String) {
            (self.id, self.title, self.link, self.updated, self.author, self.summary) = (
                id, title, link, updated, author, summary
            )
        }
    }

    public let id: String
    public let title: String
    public let link: String
    public let selfLink: String
    public let entries: [Entry]

    public init(id: String, title: String, link: String, selfLink: String, entries: [Entry]) {
        (self.id, self.title, self.link, self.selfLink, self.entries) = (id, title, link, selfLink, entries)
    }

    public var xml: String {
        // A feed's `updated` is that of its newest entry, so that it does not change while nothing was published.
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">"#,
            "  <id>\(Self.escape(id))</id>",
            "  <title>\(Self.escape(title))</title>",
            "  <updated>\(Self.timestamp(updated))</updated>",
            #"  <link rel="alternate" type="text/html" href="\#(Self.escape(link))"/>"#,
            #"  <link rel="self" type="application/atom+xml" href="\#(Self.escape(selfLink))"/>"#
        ]
        for entry in entries {
            lines += [
                "  <entry>",
                "    <id>\(Self.escape(entry.id))</id>",
                "    <title>\(Self.escape(entry.title))</title>",
                #"    <link rel="alternate" type="text/html" href="\#(Self.escape(entry.link))"/>"#,
                "    <updated>\(Self.timestamp(entry.updated))</updated>",
                "    <author><name>\(Self.escape(entry.author))</name></author>",
                "    <summary>\(Self.escape(entry.summary))</summary>",
                "  </entry>"
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// XML text escaping; control characters that XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
