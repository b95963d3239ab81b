/// Turns a Dutch search phrase into prefix terms that match the word forms of both search engines: SQLite FTS5 keeps
/// words as written, PostgreSQL's `dutch` configuration stems them, and neither maps "explosies" to "explosie". A light
/// stemmer cuts plural and inflection endings so that the stem is a prefix of every form ("explosi" matches explosie,
/// explosies and explosieven; "aanslag" matches aanslagen).
public enum DutchSearch {
    public static let stopwords: Set<String> = [
        "de", "het", "een", "en", "van", "in", "op", "te", "ten", "ter", "voor", "met", "aan", "bij", "uit", "over",
        "naar", "om", "of",
        "is", "zijn", "was", "wordt", "worden", "die", "dat", "dit", "deze", "er", "als", "ook", "niet", "wat", "hoe",
        "wie", "waar",
        "tot", "door", "maar", "dan", "nog", "al", "je", "u", "we", "wij", "ze", "zij", "hij", "ik", "mijn", "onze",
        "hun"
    ]

    /// The distinct search terms of a phrase, lower-case letters and digits only, stemmed, without stop words; at most 8.
    public static func terms(_ phrase: String) -> [String] { words(phrase).map(\.stem) }

    /// The same terms with the words they came from, for an engine that stems by itself (PostgreSQL's `dutch` cuts
    /// deeper than a prefix: "sluiting" becomes "sluit").
    public static func words(_ phrase: String) -> [(word: String, stem: String)] {
        var seen: Set<String> = [], result: [(word: String, stem: String)] = []
        for word in phrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let folded = String(String(word).unicodeScalars.map { Character(foldDiacritic($0)) })
            guard !stopwords.contains(folded), folded.count >= 2 else { continue }
            let stem = self.stem(folded)
            if seen.insert(stem).inserted { result.append((folded, stem)) }
            if result.count == 8 { break }
        }
        return result
    }

    public static func stem(_ word: String) -> String {
        var w = word
        guard w.count > 4 else { return w }
        if w.hasSuffix("heden") { return String(w.dropLast(5)) + "heid" }
        if w.hasSuffix("ies") {
            w.removeLast()
        } else if w.hasSuffix("en") && w.count > 5 {
            w.removeLast(2)
            if let last = w.last, let before = w.dropLast().last, last == before, !"aeiou".contains(last) {
                w.removeLast()
            }
        } else if w.hasSuffix("'s") {
            w.removeLast(2)
        } else if w.hasSuffix("s") && !w.hasSuffix("ss") && w.count > 5 {
            w.removeLast()
        }
        if w.hasSuffix("e") && w.count > 5 { w.removeLast() }
        return w
    }

    static func foldDiacritic(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "á", "à", "ä", "â": "a"
        case "é", "è", "ë", "ê": "e"
        case "í", "ì", "ï", "î": "i"
        case "ó", "ò", "ö", "ô": "o"
        case "ú", "ù", "ü", "û": "u"
        default: scalar
        }
    }
}

extension DutchSearch {
    /// An excerpt of about `width` words around the first matched word, with U+0002/U+0003 around every word that
    /// starts with a term (ignoring case and accents), or nil when no word matches.
    public static func snippet(_ text: String, terms: [String], width: Int = 24) -> String? {
        // Only the words are needed, and only until the first match: no full Unicode segmentation of long texts.
        let words = text.split(separator: " ", omittingEmptySubsequences: true).lazy.flatMap {
            $0.split(separator: "\n")
        }
        let prefixes = terms.map { Array($0.utf8) }
        func matches(_ word: Substring) -> Bool {
            let bytes = Array(
                word.utf8.drop {
                    !($0 >= 0x30 && $0 <= 0x39 || $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80)
                })
            let lowered =
                bytes.count < 64 && bytes.allSatisfy({ $0 < 0x80 })
                ? bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
                : Array(
                    String(
                        String(decoding: bytes, as: UTF8.self).lowercased().unicodeScalars.map {
                            Character(foldDiacritic($0))
                        }
                    ).utf8)
            return prefixes.contains { lowered.starts(with: $0) }
        }
        var before: [Substring] = []
        var iterator = words.makeIterator()
        var firstMatch: Substring?
        var dropped = false
        while let word = iterator.next() {
            if matches(word) {
                firstMatch = word
                break
            }
            before.append(word)
            if before.count > width / 3 {
                before.removeFirst()
                dropped = true
            }
        }
        guard let firstMatch else { return nil }
        var excerpt = before + [firstMatch]
        while excerpt.count < width, let word = iterator.next() { excerpt.append(word) }
        let marked = excerpt.map { matches($0) ? "\u{2}\($0)\u{3}" : String($0) }.joined(separator: " ")
        return (dropped ? "… " : "") + marked + (iterator.next() != nil ? " …" : "")
    }
}
