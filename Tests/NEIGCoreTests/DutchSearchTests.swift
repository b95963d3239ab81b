import NEIGCore
import Testing

@Suite struct DutchSearchTests {
    @Test func stemsArePrefixesOfEveryWordForm() {
        for (query, forms) in [("explosies", ["explosie", "explosies", "explosieven"]), ("aanslagen", ["aanslag", "aanslagen"]),
                               ("woningen", ["woning", "woningen"]), ("gemeente", ["gemeente", "gemeenten"]),
                               ("handelingskaders", ["handelingskader", "handelingskaders"]), ("bijeenkomsten", ["bijeenkomst"]),
                               ("mogelijkheden", ["mogelijkheid"]), ("explosie", ["explosie", "explosies"])] {
            let stem = DutchSearch.stem(query)
            for form in forms { #expect(form.hasPrefix(stem), "\(query) → \(stem) should prefix \(form)") }
        }
    }

    @Test func phrasesBecomeDistinctTermsWithoutStopWords() {
        #expect(DutchSearch.terms("De explosies en de explosie bij één woning!") == ["explosi", "woning"])
        #expect(DutchSearch.terms("\" OR 1=1 --") == ["or"])
        #expect(DutchSearch.terms("").isEmpty)
    }
}

@Suite struct SnippetTests {
    @Test func excerptsMarkEveryMatchingWordAroundTheFirst() throws {
        let text = (1...30).map { "woord\($0)" }.joined(separator: " ") + " De Explosies bij één woning. Daarna weer een explosie."
        let snippet = try #require(DutchSearch.snippet(text, terms: DutchSearch.terms("explosie"), width: 12))
        #expect(snippet == "… woord28 woord29 woord30 De \u{2}Explosies\u{3} bij één woning. Daarna weer een \u{2}explosie.\u{3}")
        #expect(DutchSearch.snippet("Over één woning", terms: ["een"]) == "Over \u{2}één\u{3} woning")
        #expect(DutchSearch.snippet("niets hier", terms: ["explosi"]) == nil)
    }
}
