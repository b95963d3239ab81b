import Foundation

/// The start tags of an HTML document with their attributes, read the way a browser's tokenizer reads them (quoted
/// and unquoted values, comments skipped, raw text of `script`/`style`/`textarea`/`title` not parsed as tags). The
/// hostile-value tests use it to tell a marker that stayed text from one that became an element or an attribute.
struct HTMLTag: Equatable {
    var name: String
    var attributes: [(name: String, value: String)]

    static func == (lhs: HTMLTag, rhs: HTMLTag) -> Bool {
        lhs.name == rhs.name && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    static func scan(_ html: String) -> [HTMLTag] {
        let chars = Array(html.unicodeScalars)
        var tags: [HTMLTag] = []
        var index = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic && c.isASCII }
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" }
        while index < chars.count {
            guard chars[index] == "<" else {
                index += 1
                continue
            }
            if html.unicodeScalars.count > index + 3,
                String(String.UnicodeScalarView(chars[index..<min(chars.count, index + 4)])) == "<!--"
            {
                var end = index + 4
                while end + 2 < chars.count, !(chars[end] == "-" && chars[end + 1] == "-" && chars[end + 2] == ">") {
                    end += 1
                }
                index = end + 3
                continue
            }
            guard index + 1 < chars.count, isNameStart(chars[index + 1]) else {
                index += 1
                continue
            }
            var cursor = index + 1
            var name = ""
            while cursor < chars.count, !isSpace(chars[cursor]), chars[cursor] != ">", chars[cursor] != "/" {
                name.unicodeScalars.append(chars[cursor])
                cursor += 1
            }
            var attributes: [(String, String)] = []
            while cursor < chars.count, chars[cursor] != ">" {
                if isSpace(chars[cursor]) || chars[cursor] == "/" {
                    cursor += 1
                    continue
                }
                var attribute = ""
                while cursor < chars.count, !isSpace(chars[cursor]), chars[cursor] != ">",
                    chars[cursor] != "=" || attribute.isEmpty
                {
                    attribute.unicodeScalars.append(chars[cursor])
                    cursor += 1
                }
                while cursor < chars.count, isSpace(chars[cursor]) { cursor += 1 }
                var value = ""
                if cursor < chars.count, chars[cursor] == "=" {
                    cursor += 1
                    while cursor < chars.count, isSpace(chars[cursor]) { cursor += 1 }
                    if cursor < chars.count, chars[cursor] == "\"" || chars[cursor] == "'" {
                        let quote = chars[cursor]
                        cursor += 1
                        while cursor < chars.count, chars[cursor] != quote {
                            value.unicodeScalars.append(chars[cursor])
                            cursor += 1
                        }
                        cursor += 1
                    } else {
                        while cursor < chars.count, !isSpace(chars[cursor]), chars[cursor] != ">" {
                            value.unicodeScalars.append(chars[cursor])
                            cursor += 1
                        }
                    }
                }
                attributes.append((attribute.lowercased(), value))
            }
            let lowered = name.lowercased()
            tags.append(HTMLTag(name: lowered, attributes: attributes))
            index = cursor + 1
            if ["script", "style", "textarea", "title"].contains(lowered) {
                let closing = "</\(lowered)"
                var end = index
                while end < chars.count {
                    if chars[end] == "<",
                        String(
                            String.UnicodeScalarView(chars[end..<min(chars.count, end + closing.unicodeScalars.count)])
                        ).lowercased() == closing
                    {
                        break
                    }
                    end += 1
                }
                index = end
            }
        }
        return tags
    }
}
