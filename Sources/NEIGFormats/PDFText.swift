/// The text of a PDF, well enough to search it: the strings shown by the text operators of every page content
/// stream, decoded through the fonts' ToUnicode maps where the PDF has them (as Word, LibreOffice and browsers
/// write), as WinAnsi bytes otherwise. Compressed streams are inflated by the caller's `inflate` (FlateDecode);
/// images and other filters are skipped. Layout is approximated: a new line per text line, spaces for wide gaps in
/// kerned arrays.
public enum PDFText {
    /// zlib-wrapped deflate data in, the inflated bytes out (nil when it is not valid deflate data).
    public typealias Inflate = ([UInt8]) -> [UInt8]?

    public static let maximumStreams = 20_000

    public static func extract(_ pdf: [UInt8], inflate: Inflate) -> String? {
        let streams = decodedStreams(pdf, inflate: inflate)
        var map = CharacterMap()
        for stream in streams where contains(stream, "begincmap") { map.merge(parseCMap(stream)) }
        var text = ""
        for stream in streams where !contains(stream, "begincmap") && (contains(stream, "Tj") || contains(stream, "TJ"))
        {
            text += contentText(stream, map: map)
        }
        let cleaned = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .filter { !$0.isEmpty }.joined(separator: "\n")
        return cleaned.isEmpty ? nil : cleaned
    }

    // MARK: Streams

    static func decodedStreams(_ pdf: [UInt8], inflate: Inflate) -> [[UInt8]] {
        var streams: [[UInt8]] = []
        var index = 0
        let keyword = Array("stream".utf8), end = Array("endstream".utf8)
        while streams.count < maximumStreams, let found = find(keyword, in: pdf, from: index) {
            index = found + keyword.count
            // "endstream" contains "stream"; only a keyword after the dictionary's ">>" starts one.
            if found >= 3, Array(pdf[(found - 3)..<found]) == Array("end".utf8) { continue }
            var start = index
            if start < pdf.count, pdf[start] == 0x0D { start += 1 }
            if start < pdf.count, pdf[start] == 0x0A { start += 1 }
            guard let stop = find(end, in: pdf, from: start) else { break }
            let dictionary = String(decoding: pdf[max(0, found - 600)..<found], as: UTF8.self)
            let header = dictionary.components(separatedBy: "<<").last.map { "<<" + $0 } ?? ""
            index = stop + end.count
            if header.contains("/Image") || header.contains("/XRef") { continue }
            let raw = Array(pdf[start..<stop])
            if header.contains("/Filter") {
                // Only Flate alone is read; DCT (photos) and chains are not text.
                guard header.contains("/FlateDecode"), !header.contains("/DCTDecode"), !header.contains("/DecodeParms"),
                    let inflated = inflate(raw)
                else { continue }
                streams.append(inflated)
            } else {
                streams.append(raw)
            }
        }
        return streams
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool { find(Array(text.utf8), in: bytes, from: 0) != nil }

    // MARK: Character maps

    /// Character codes to text, from the ToUnicode CMaps. Codes of one and two bytes are kept apart.
    struct CharacterMap {
        var single: [UInt32: String] = [:]
        var double: [UInt32: String] = [:]
        var isEmpty: Bool { single.isEmpty && double.isEmpty }

        mutating func merge(_ other: CharacterMap) {
            single.merge(other.single) { current, _ in current }
            double.merge(other.double) { current, _ in current }
        }

        mutating func set(_ code: UInt32, width: Int, _ text: String) {
            if width <= 1 { single[code] = text } else { double[code] = text }
        }
    }

    static func parseCMap(_ stream: [UInt8]) -> CharacterMap {
        var map = CharacterMap()
        var lexer = Lexer(stream)
        let tokens = lexer.tokens()
        var index = 0
        while index < tokens.count {
            switch tokens[index] {
            case .keyword("beginbfchar"):
                index += 1
                while index + 1 < tokens.count, case .hex(let source) = tokens[index],
                    case .hex(let target) = tokens[index + 1]
                {
                    map.set(number(source), width: source.count, utf16(target))
                    index += 2
                }
            case .keyword("beginbfrange"):
                index += 1
                while index + 2 < tokens.count, case .hex(let low) = tokens[index],
                    case .hex(let high) = tokens[index + 1]
                {
                    let first = number(low), last = number(high)
                    guard last >= first, last - first < UInt32(65_536) else {
                        index += 3
                        continue
                    }
                    switch tokens[index + 2] {
                    case .hex(let target):
                        var base = target
                        for code in first...last {
                            map.set(code, width: low.count, utf16(base))
                            if !base.isEmpty { base[base.count - 1] &+= 1 }
                        }
                    case .array(let targets):
                        for (offset, target) in targets.enumerated() where UInt32(offset) <= last - first {
                            if case .hex(let bytes) = target {
                                map.set(first + UInt32(offset), width: low.count, utf16(bytes))
                            }
                        }
                    default: break
                    }
                    index += 3
                }
            default:
                index += 1
            }
        }
        return map
    }

    static func number(_ bytes: [UInt8]) -> UInt32 { bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) } }

    static func utf16(_ bytes: [UInt8]) -> String {
        var units: [UInt16] = []
        var index = 0
        while index + 1 < bytes.count {
            units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    // MARK: Content

    static func contentText(_ stream: [UInt8], map: CharacterMap) -> String {
        var text = ""
        var operands: [Token] = []
        var lexer = Lexer(stream)
        for token in lexer.tokens() {
            guard case .keyword(let op) = token else {
                operands.append(token)
                continue
            }
            switch op {
            case "Tj", "'", "\"":
                if op != "Tj" { text += "\n" }
                if case .literal(let bytes)? = operands.last { text += decode(bytes, hex: false, map: map) }
                if case .hex(let bytes)? = operands.last { text += decode(bytes, hex: true, map: map) }
            case "TJ":
                if case .array(let items)? = operands.last {
                    for item in items {
                        switch item {
                        case .literal(let bytes): text += decode(bytes, hex: false, map: map)
                        case .hex(let bytes): text += decode(bytes, hex: true, map: map)
                        // A large negative kerning is a gap between words.
                        case .number(let value) where value < -200: text += " "
                        default: break
                        }
                    }
                }
            case "Td", "TD", "T*", "Tm":
                // A move along the same line continues the line: producers such as Skia split a word at a kerning pair
                // this way and write the spaces as glyphs.
                if case .number(let dy)? = operands.last, op == "Td" || op == "TD", dy == 0 { break }
                text += "\n"
            case "ET": text += "\n"
            default: break
            }
            operands.removeAll(keepingCapacity: true)
        }
        return text
    }

    /// Two-byte codes through the map when the map has them (Identity-H fonts), else one byte at a time.
    static func decode(_ bytes: [UInt8], hex: Bool, map: CharacterMap) -> String {
        if !map.double.isEmpty, bytes.count % 2 == 0, hex || map.single.isEmpty {
            var text = ""
            var index = 0
            while index + 1 < bytes.count {
                if let mapped = map.double[UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])] { text += mapped }
                index += 2
            }
            if !text.isEmpty { return text }
        }
        // Two-byte glyph codes without a map to Unicode cannot be read; better no text than wrong text.
        if hex && map.single.isEmpty && bytes.contains(0) { return "" }
        return String(bytes.map { map.single[UInt32($0)] ?? winAnsi($0) }.joined())
    }

    static func winAnsi(_ byte: UInt8) -> String {
        let specials: [UInt8: String] = [
            0x80: "€", 0x82: "‚", 0x84: "„", 0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”",
            0x95: "•", 0x96: "–", 0x97: "—", 0x99: "™", 0x8A: "Š", 0x9A: "š", 0x8C: "Œ", 0x9C: "œ"
        ]
        if let special = specials[byte] { return special }
        if byte < 0x20 { return byte == 0x09 || byte == 0x0A || byte == 0x0D ? " " : "" }
        return String(Character(Unicode.Scalar(byte)))
    }

    // MARK: Tokens

    indirect enum Token: Equatable {
        case number(Double)
        case literal([UInt8])
        case hex([UInt8])
        case name(String)
        case keyword(String)
        case array([Token])
        case dictionaryMark
    }

    /// PDF syntax (ISO 32000-1, 7.2–7.3), only as much as content streams and CMaps use.
    struct Lexer {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        static func isWhitespace(_ byte: UInt8) -> Bool { [0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(byte) }
        static func isDelimiter(_ byte: UInt8) -> Bool { Array("()<>[]{}/%".utf8).contains(byte) }

        mutating func tokens() -> [Token] {
            var result: [Token] = []
            var stack: [[Token]] = []
            while let token = next() {
                switch token {
                case .keyword("["): stack.append([])
                case .keyword("]"):
                    guard let items = stack.popLast() else { continue }
                    if stack.isEmpty {
                        result.append(.array(items))
                    } else {
                        stack[stack.count - 1].append(.array(items))
                    }
                default:
                    if stack.isEmpty { result.append(token) } else { stack[stack.count - 1].append(token) }
                }
            }
            return result
        }

        mutating func next() -> Token? {
            while index < bytes.count {
                let byte = bytes[index]
                if Self.isWhitespace(byte) {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "%") {
                    while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                    continue
                }
                switch byte {
                case UInt8(ascii: "("): return .literal(literal())
                case UInt8(ascii: "<"):
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<") {
                        index += 2
                        return .dictionaryMark
                    }
                    return .hex(hexString())
                case UInt8(ascii: ">"):
                    index += bytes.count > index + 1 && bytes[index + 1] == UInt8(ascii: ">") ? 2 : 1
                    return .dictionaryMark
                case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    index += 1
                    return .keyword(String(Character(Unicode.Scalar(byte))))
                case UInt8(ascii: "/"):
                    index += 1
                    return .name(word())
                default:
                    let text = word()
                    if text.isEmpty {
                        index += 1
                        continue
                    }
                    if let value = Double(text) { return .number(value) }
                    return .keyword(text)
                }
            }
            return nil
        }

        mutating func word() -> String {
            let start = index
            while index < bytes.count, !Self.isWhitespace(bytes[index]), !Self.isDelimiter(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func hexString() -> [UInt8] {
            index += 1
            var digits: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if let value = Self.hexValue(bytes[index]) { digits.append(value) }
                index += 1
            }
            index += 1
            if digits.count % 2 == 1 { digits.append(0) }
            return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        }

        static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }

        /// A `( … )` string: balanced parentheses, backslash escapes and octal codes.
        mutating func literal() -> [UInt8] {
            index += 1
            var result: [UInt8] = []
            var depth = 1
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return result }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): result.append(0x0A)
                    case UInt8(ascii: "r"): result.append(0x0D)
                    case UInt8(ascii: "t"): result.append(0x09)
                    case UInt8(ascii: "b"): result.append(0x08)
                    case UInt8(ascii: "f"): result.append(0x0C)
                    case UInt8(ascii: "0")...UInt8(ascii: "7"):
                        var value = Int(escaped - UInt8(ascii: "0"))
                        for _ in 0..<2
                        where index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index]) {
                            value = value * 8 + Int(bytes[index] - UInt8(ascii: "0"))
                            index += 1
                        }
                        result.append(UInt8(truncatingIfNeeded: value))
                    case 0x0A, 0x0D: break
                    default: result.append(escaped)
                    }
                case UInt8(ascii: "("):
                    depth += 1
                    result.append(byte)
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return result }
                    result.append(byte)
                default:
                    result.append(byte)
                }
            }
            return result
        }
    }
}
