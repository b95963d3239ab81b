import Foundation

extension Int {
    /// Thousands separated by a point, as Dutch text writes them: 10.000, -1.234. Years and codes are not counts
    /// and are written with `String(_:)`.
    public var dutch: String {
        let digits = String(magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return self < 0 ? "-" + grouped : grouped
    }

    /// The count with its noun in the right number: "0 aanslagen", "1 aanslag", "1.234 aanslagen".
    public func counted(_ noun: DutchNoun) -> String { "\(dutch) \(noun.form(for: self))" }
}

/// A noun with its plural. Dutch plurals are irregular enough (lid → leden, vraag → vragen) that both forms are
/// written out once here, and every count in pages, e-mails and messages goes through `Int.counted(_:)`.
public struct DutchNoun: Sendable, Equatable {
    public let singular: String
    public let plural: String

    public init(_ singular: String, _ plural: String) {
        self.singular = singular
        self.plural = plural
    }

    /// Only exactly one takes the singular; zero and every other count take the plural.
    public func form(for count: Int) -> String { count == 1 ? singular : plural }
}

extension DutchNoun {
    /// Every noun a count is written with, so a test can render each with 0, 1, 2 and 1.234.
    public static var all: [DutchNoun] {
        [
            attack, otherAttack, incident, result, question, answer, problem, member, step, row, line, field,
            notification, newNotification, address, repeatedAddress, comparisonArea, topic, value, warning, day, week,
            municipality
        ]
    }

    public static let attack = DutchNoun("aanslag", "aanslagen")
    public static let otherAttack = DutchNoun("andere aanslag", "andere aanslagen")
    public static let incident = DutchNoun("incident", "incidenten")
    public static let result = DutchNoun("resultaat", "resultaten")
    public static let question = DutchNoun("vraag", "vragen")
    public static let answer = DutchNoun("antwoord", "antwoorden")
    public static let problem = DutchNoun("probleem", "problemen")
    public static let member = DutchNoun("lid", "leden")
    public static let step = DutchNoun("stap", "stappen")
    public static let row = DutchNoun("rij", "rijen")
    public static let line = DutchNoun("regel", "regels")
    public static let field = DutchNoun("veld", "velden")
    public static let notification = DutchNoun("notificatie", "notificaties")
    public static let newNotification = DutchNoun("nieuwe notificatie", "nieuwe notificaties")
    public static let address = DutchNoun("adres", "adressen")
    public static let repeatedAddress = DutchNoun("herhaald getroffen adres", "herhaald getroffen adressen")
    public static let comparisonArea = DutchNoun("vergelijkingsgebied", "vergelijkingsgebieden")
    public static let topic = DutchNoun("onderwerp", "onderwerpen")
    public static let value = DutchNoun("waarde", "waarden")
    public static let warning = DutchNoun("waarschuwing", "waarschuwingen")
    public static let day = DutchNoun("dag", "dagen")
    public static let week = DutchNoun("week", "weken")
    public static let municipality = DutchNoun("gemeente", "gemeenten")
    public static let caseFile = DutchNoun("zaak", "zaken")
}
