import Foundation
import NEIGCore
import NEIGFormats
import Testing

@Suite struct DutchSearchTests {
    @Test func stemsArePrefixesOfEveryWordForm() {
        for (query, forms) in [
            ("explosies", ["explosie", "explosies", "explosieven"]), ("aanslagen", ["aanslag", "aanslagen"]),
            ("woningen", ["woning", "woningen"]), ("gemeente", ["gemeente", "gemeenten"]),
            ("handelingskaders", ["handelingskader", "handelingskaders"]), ("bijeenkomsten", ["bijeenkomst"]),
            ("mogelijkheden", ["mogelijkheid"]), ("explosie", ["explosie", "explosies"])
        ] {
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
        let text =
            (1...30).map { "woord\($0)" }.joined(separator: " ")
            + " De Explosies bij één woning. Daarna weer een explosie."
        let snippet = try #require(DutchSearch.snippet(text, terms: DutchSearch.terms("explosie"), width: 12))
        #expect(
            snippet
                == "… woord28 woord29 woord30 De \u{2}Explosies\u{3} bij één woning. Daarna weer een \u{2}explosie.\u{3}"
        )
        #expect(DutchSearch.snippet("Over één woning", terms: ["een"]) == "Over \u{2}één\u{3} woning")
        #expect(DutchSearch.snippet("niets hier", terms: ["explosi"]) == nil)
    }
}

@Suite struct TagAndFeedTests {
    @Test func tagsAreNormalisedDeduplicatedAndLimited() {
        #expect(
            Tags.parse("Preventie, jongeren;  Preventie , Kennis & onderzoek")
                == .failure(.invalid("Kennis & onderzoek")))
        #expect(Tags.parse("Preventie, Jongeren, jongeren, Café") == .success(["preventie", "jongeren", "cafe"]))
        #expect(Tags.parse("") == .success([]))
        #expect(Tags.normalise("jeugd_werk") == "jeugd-werk", "no LIKE wildcard in a tag")
        #expect(
            Tags.parse("a,b,c,d,e,f,g".split(separator: ",").map { "\($0)\($0)" }.joined(separator: ","))
                == .failure(.tooMany(7)))
        #expect(Tags.standard.filter { $0 == "nazorg" }.count == 1)
    }

    @Test func atomEscapesTextAndDropsForbiddenControlCharacters() {
        let feed = AtomFeed(
            id: "https://neig.example/nieuws", title: "neig", link: "https://neig.example/nieuws",
            selfLink: "https://neig.example/nieuws/feed.atom",
            entries: [
                .init(
                    id: "urn:uuid:1", title: "A & B <c>\u{1}", link: "https://neig.example/nieuws/1?a=1&b=2",
                    updated: Date(timeIntervalSince1970: 0), author: "VNG", summary: "\"x\"")
            ])
        #expect(feed.xml.contains("<title>A &amp; B &lt;c&gt;</title>"))
        #expect(feed.xml.contains(#"href="https://neig.example/nieuws/1?a=1&amp;b=2""#))
        #expect(feed.xml.contains("<summary>&quot;x&quot;</summary>"))
    }
}
