import Foundation
import NEIGCore
import NEIGFormats
import Testing
import Vapor
import VaporTesting

@testable import NEIGApp

/// Counts read as Dutch: "1 aanslag", "0 aanslagen", "1.234 aanslagen", never "1 resultaten" or "2365 aanslagen".
@Suite struct DutchWordingTests {
    static let counts = [0, 1, 2, 1234]

    @Test func everyNounIsCountedInTheRightNumber() {
        for noun in DutchNoun.all {
            #expect(0.counted(noun) == "0 \(noun.plural)")
            #expect(1.counted(noun) == "1 \(noun.singular)")
            #expect(2.counted(noun) == "2 \(noun.plural)")
            #expect(1234.counted(noun) == "1.234 \(noun.plural)")
        }
        #expect(1_234_567.dutch == "1.234.567")
        #expect((-1234).dutch == "-1.234")
        #expect(CivilDate.monthName(year: 2024, month: 6) == "juni 2024")
        #expect(MonthIndex.dutchLabel(MonthIndex.of(CivilDate(year: 2024, month: 6, day: 1)!)) == "jun 2024")
    }

    @Test func formErrorSummariesCountTheirProblems() {
        let expected = [1: "Er is 1 probleem", 2: "Er zijn 2 problemen", 1234: "Er zijn 1.234 problemen"]
        for (count, sentence) in expected {
            let errors = (0..<count).map { FormViews.FieldError(field: "naam", message: "Fout \($0)") }
            #expect(FormViews.errorSummary(errors).render().contains(sentence))
        }
        #expect(FormViews.errorSummary([]).render().isEmpty)
    }

    @Test func riskAreaPagesAndEMailsCountTheirAttacks() {
        let today = CivilDate(year: 2026, month: 12, day: 1)!
        let registry = MunicipalityRegistry.bundled
        for count in Self.counts where count > 0 {
            let area = RiskArea()
            area.municipalityCode = "GM0363"
            area.radius = 400
            area.endsOn = "2026-12-20"
            area.attackCount = count
            area.lastAttackOn = today.adding(days: -count % 30).iso
            let name = RiskAreaParts.name(area, place: "Damrak 1", registry: registry)
            let summary = RiskAreaParts.summary(area, today: today)
            let mail = RiskAreaNotices.body(created: [area], grown: [], pattern: false, link: "https://neig.test/x")
            switch count {
            case 1:
                #expect(name == "Amsterdam: Damrak 1")
                #expect(summary.contains("1 aanslag, de laatste gisteren"))
                #expect(!mail.contains("andere aanslag"))
            case 2:
                #expect(name.hasSuffix(" en 1 andere aanslag"))
                #expect(summary.contains(": 2 aanslagen, de laatste 2 dagen geleden"))
                #expect(mail.contains("al 1 andere aanslag\n") || mail.hasSuffix("al 1 andere aanslag"))
            default:
                #expect(name.hasSuffix(" en 1.233 andere aanslagen"))
                #expect(summary.contains(": 1.234 aanslagen"))
                #expect(mail.contains("al 1.233 andere aanslagen"))
            }
        }
        #expect(QuestionParts.answersLabel(0) == "0 antwoorden")
        #expect(QuestionParts.answersLabel(1) == "1 antwoord")
        #expect(QuestionParts.answersLabel(1234) == "1.234 antwoorden")
    }

    /// Every page every role can open, read as text: no "1" before a plural, no count of a thousand or more
    /// without its point, no month written as "2024-06".
    @Test(.enabled(if: renderingWalksRunHere)) func everyPageReadsAsDutch() async throws {
        try await withNEIGApp(demo: true) { app in
            var problems: [String] = []
            for email in ["coordinator@demo.neig.nl", "oov.amsterdam@demo.neig.nl", "politie@demo.neig.nl"] {
                let walker = try await RouteWalker.login(app, as: email)
                for target in try await walker.targets()
                where target.method == .GET && !target.api && !target.pattern.contains(".") {
                    let (status, body, headers) = try await walker.send(target, fields: [])
                    guard status == .ok, headers.contentType?.subType == "html" else { continue }
                    for problem in Self.wordingProblems(in: Self.text(of: body)) {
                        problems.append("\(email) \(target.path): \(problem)")
                    }
                }
            }
            if !problems.isEmpty {
                Issue.record(
                    "\(problems.count) wording problems, first: \(problems.prefix(10).joined(separator: "; "))")
            }
        }
    }

    static func wordingProblems(in text: String) -> [String] {
        var problems: [String] = []
        let plurals = Set(DutchNoun.all.map { $0.plural.split(separator: " ").last.map(String.init) ?? $0.plural })
        let nouns = plurals.union(DutchNoun.all.map { $0.singular.split(separator: " ").last.map(String.init) ?? "" })
        let patterns: [(String, (String) -> Bool)] = [
            (#"(?<![\d.,])1 ((?:andere |nieuwe |herhaald getroffen )?[a-z]+)\b"#, { plurals.contains(lastWord($0)) }),
            (#"(?<![\d.,:\-/A-Za-z])\d{4,} ((?:andere |nieuwe )?[a-z]+)\b"#, { nouns.contains(lastWord($0)) }),
            (#"\b(20\d\d-(?:0[1-9]|1[0-2]))(?!-\d)\b"#, { _ in true })
        ]
        for (pattern, isProblem) in patterns {
            let expression = try! NSRegularExpression(pattern: pattern)
            for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let whole = (text as NSString).substring(with: match.range)
                if isProblem((text as NSString).substring(with: match.range(at: 1))) { problems.append("‘\(whole)’") }
            }
        }
        return problems
    }

    static func lastWord(_ phrase: String) -> String { phrase.split(separator: " ").last.map(String.init) ?? phrase }

    /// The text a reader sees: tags, scripts and styles removed, entities of digits and spaces resolved.
    static func text(of html: String) -> String {
        html.replacingOccurrences(of: #"<(script|style)[^>]*>.*?</\1>"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&nbsp;", with: " ")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    }
}
