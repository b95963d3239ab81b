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
