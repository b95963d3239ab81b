/// Turns a Dutch search phrase into prefix terms that match the word forms of both search engines: SQLite FTS5 keeps
/// words as written, PostgreSQL's `dutch` configuration stems them, and neither maps "explosies" to "explosie". A light
/// stemmer cuts plural and inflection endings so that the stem is a prefix of every form ("explosi" matches explosie,
/// explosies and explosieven; "aanslag" matches aanslagen).
public enum DutchSearch {
    public static let stopwords: Set<String> = [
        "de", "het", "een", "en", "van", "in", "op", "te", "ten", "ter", "voor", "met", "aan", "bij", "uit", "over", "naar", "om", "of",
        "is", "zijn", "was", "wordt", "worden", "die", "dat", "dit", "deze", "er", "als", "ook", "niet", "wat", "hoe", "wie", "waar",
        "tot", "door", "maar", "dan", "nog", "al", "je", "u", "we", "wij", "ze", "zij", "hij", "ik", "mijn", "onze", "hun",
    ]

    /// The distinct search terms of a phrase, lower-case letters and digits only, stemmed, without stop words; at most 8.
    public static func terms(_ phrase: String) -> [String] {
        var seen: Set<String> = [], result: [String] = []
        for word in phrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let folded = String(String(word).unicodeScalars.map { Character(foldDiacritic($0)) })
            guard !stopwords.contains(folded), folded.count >= 2 else { continue }
            let stem = self.stem(folded)
            if seen.insert(stem).inserted { result.append(stem) }
            if result.count == 8 { break }
        }
        return result
    }

    public static func stem(_ word: String) -> String {
        var w = word
        guard w.count > 4 else { return w }
        if w.hasSuffix("heden") { return String(w.dropLast(5)) + "heid" }
        if w.hasSuffix("ies") { w.removeLast() }
        else if w.hasSuffix("en") && w.count > 5 {
            w.removeLast(2)
            if let last = w.last, let before = w.dropLast().last, last == before, !"aeiou".contains(last) { w.removeLast() }
        } else if w.hasSuffix("'s") { w.removeLast(2) }
        else if w.hasSuffix("s") && !w.hasSuffix("ss") && w.count > 5 { w.removeLast() }
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
        let words = text.split(whereSeparator: \.isWhitespace)
        func matches(_ word: Substring) -> Bool {
            let folded = String(String(word.lowercased().drop { !$0.isLetter && !$0.isNumber }).unicodeScalars.map { Character(foldDiacritic($0)) })
            return terms.contains { folded.hasPrefix($0) }
        }
        guard let first = words.firstIndex(where: matches) else { return nil }
        let start = max(0, first - width / 3), end = min(words.count, start + width)
        let excerpt = words[start..<end].map { matches($0) ? "\u{2}\($0)\u{3}" : String($0) }.joined(separator: " ")
        return (start > 0 ? "… " : "") + excerpt + (end < words.count ? " …" : "")
    }
}
