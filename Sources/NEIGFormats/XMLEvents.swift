import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML document as its elements in document order, each with its attributes and its own text. Enough for the
/// flat parts of an Office file; namespace prefixes are dropped from element names. External entities are never
/// resolved.
enum XMLEvents {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text = ""
        /// Inside a phonetic run (`rPh`) of a shared string, which is not part of the cell's text.
        let insidePhonetic: Bool
    }

    struct Malformed: Error {}

    static func parse(_ data: Data) throws -> [Element] {
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        guard parser.parse(), collector.failed == false else { throw Malformed() }
        return collector.elements
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [(index: Int, name: String)] = []
        var failed = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let name = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let phonetic = open.contains { $0.name == "rPh" } || name == "rPh"
            elements.append(Element(name: name, attributes: attributes, insidePhonetic: phonetic))
            open.append((elements.count - 1, name))
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            _ = open.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let index = open.last?.index else { return }
            elements[index].text += string
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { failed = true }
    }
}

/// Which cells are dates or times, from `styles.xml`: the number format of each cell style.
struct CellStyles {
    /// Per style index: the kind of value its number format shows.
    private var kinds: [Kind] = []

    enum Kind { case number, date, time, dateTime }

    init() {}

    init(_ events: [XMLEvents.Element]) {
        var custom: [Int: String] = [:]
        var inCellFormats = false
        for element in events {
            switch element.name {
            case "numFmt":
                if let id = element.attributes["numFmtId"].flatMap(Int.init) {
                    custom[id] = element.attributes["formatCode"] ?? ""
                }
            case "cellXfs": inCellFormats = true
            case "cellStyleXfs", "dxfs", "cellStyles": inCellFormats = false
            case "xf" where inCellFormats:
                let id = element.attributes["numFmtId"].flatMap(Int.init) ?? 0
                kinds.append(custom[id].map(Self.kind(ofFormat:)) ?? Self.kind(ofBuiltIn: id))
            default: break
            }
        }
    }

    static func kind(ofBuiltIn id: Int) -> Kind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 18...21, 32, 33, 45...47: .time
        case 22: .dateTime
        default: .number
        }
    }

    /// A custom format is a date or time when, outside quoted text and [colour] sections, it has y, d or h/s.
    static func kind(ofFormat code: String) -> Kind {
        var plain = ""
        var quoted = false, bracket = false
        for character in code.lowercased() {
            switch character {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { plain.append(character) }
            }
        }
        let date = plain.contains("y") || plain.contains("d")
        let time = plain.contains("h") || plain.contains("s")
        switch (date, time) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        default: return .number
        }
    }

    /// The value as a person sees it: a date serial as `JJJJ-MM-DD`, a time fraction as `UU:MM`, anything else as
    /// stored.
    func display(number: String, style: Int, uses1904: Bool) -> String {
        guard kinds.indices.contains(style), kinds[style] != .number, let serial = Double(number), serial.isFinite,
            serial >= 0, serial < 2_958_466
        else { return number }
        let days = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(days)) * 1440).rounded())
        let time = String(format: "%02d:%02d", min(minutes / 60, 23), minutes == 1440 ? 59 : minutes % 60)
        if kinds[style] == .time { return time }
        // Excel's 1900 system counts from 30 December 1899 (it believes 1900 was a leap year).
        let epoch =
            uses1904 ? DateComponents(year: 1904, month: 1, day: 1) : DateComponents(year: 1899, month: 12, day: 30)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: epoch), let date = calendar.date(byAdding: .day, value: days, to: start)
        else { return number }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
