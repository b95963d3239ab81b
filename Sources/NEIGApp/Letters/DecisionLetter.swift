import Foundation
import NEIGCore
import NEIGFormats

/// A decision letter ready to send, as text: letterhead, reference, date, addressee, subject, a first-person body in
/// plain Dutch, how to object and the signature. The print view and the Word file are both drawn from this, so they
/// say the same. Shared police information is cited by date and purpose, never quoted.
struct DecisionLetter {
    struct Section {
        let heading: String?
        let paragraphs: [String]
    }

    let paper: Letterhead
    let reference: String
    let date: CivilDate
    let addressee: [String]
    let subject: String
    let sections: [Section]
    let signature: [String]
    /// A warning across the top when the letter must not be sent as it is.
    let mark: String?
    /// Parts still to fill in before the letter can go: no letter paper, no address.
    let missing: [String]

    static func reference(caseFile: CaseFile, measure: Measure) -> String {
        func short(_ id: UUID?) -> String { String((id?.uuidString ?? "").prefix(8)) }
        return "\(caseFile.municipalityCode)/Z-\(short(caseFile.id))/B-\(short(measure.id))"
    }

    init(
        measure: Measure, caseFile: CaseFile, paper: Letterhead, incidents: [Incident], cited: [InformationItem],
        today: CivilDate
    ) {
        let wording = measure.wording(of: caseFile)
        self.paper = paper
        reference = Self.reference(caseFile: caseFile, measure: measure)
        date = measure.decidedAt.map(NEIGClock.civilDate(of:)) ?? today
        mark =
            switch measure.state {
            case .concept, .voorgelegd: "CONCEPT — nog niet vastgesteld door de burgemeester"
            case .ingetrokken: "INGETROKKEN — dit besluit geldt niet en wordt niet verstuurd"
            case .vastgesteld, .bekendgemaakt, .beeindigd: nil
            }
        let addressLines = Self.lines(measure.addresseeAddress ?? "")
        addressee =
            [measure.addressee ?? "[naam van de geadresseerde]"]
            + (addressLines.isEmpty ? ["[adres van de geadresseerde]"] : addressLines)
        subject = "Besluit tot \(wording.what)"
        var missing: [String] = []
        if paper.isPlaceholder { missing.append("het briefpapier van de gemeente") }
        if addressLines.isEmpty { missing.append("het adres van de geadresseerde") }
        self.missing = missing

        var facts = incidents.map { incident in
            let means =
                switch incident.means {
                case .explosief, .onbekend: "een explosief"
                case .vuurwerk: "zwaar vuurwerk"
                case .handgranaat: "een handgranaat"
                }
            return "Op \(CivilDate.dutch(iso: incident.occurredOn)) is bij \(incident.address ?? wording.object) "
                + "een aanslag gepleegd met \(means)."
        }
        facts += cited.map { item in
            let source = item.authorRole == .prosecutor ? "het Openbaar Ministerie" : "de politie"
            return "Op \(NEIGClock.civilDate(of: item.createdAt).dutch) heeft \(source) mij informatie gegeven "
                + "voor dit doel: \(item.purpose). Die informatie heb ik bij mijn besluit betrokken."
        }
        var sections = [
            Section(
                heading: nil,
                paragraphs: [
                    "Geachte heer, mevrouw,",
                    "Met deze brief laat ik u weten wat ik heb besloten over \(wording.object). Hieronder leest u waarom, "
                        + "en wat u kunt doen als u het er niet mee eens bent."
                ]),
            Section(heading: "Mijn besluit", paragraphs: [wording.decisionSentence]),
            Section(heading: "Waarom ik dit besluit neem", paragraphs: facts + Self.lines(measure.motivation))
        ]
        if measure.type.isObjectable {
            let deadline = measure.objectionEnds.map { " Dat is uiterlijk \($0.dutch)." } ?? ""
            sections.append(
                Section(
                    heading: "Bent u het niet eens met dit besluit?",
                    paragraphs: [
                        "Dan kunt u bezwaar maken. Stuur uw bezwaarschrift binnen zes weken na de dag waarop deze brief is "
                            + "verstuurd.\(deadline) Stuur het naar: \(Self.oneLine(paper.objectionAddress))."
                            + (paper.objectionEmail.map { " U kunt het ook mailen naar \($0)." } ?? ""),
                        "Zet in uw bezwaarschrift uw naam en adres, de datum, het kenmerk van deze brief (\(reference)) en "
                            + "waarom u het niet eens bent met mijn besluit. Zet uw handtekening eronder.",
                        "Het besluit blijft gelden terwijl uw bezwaar loopt. Heeft het spoed? Dan kunt u de "
                            + "voorzieningenrechter van de \(paper.court) vragen om een voorlopige voorziening. Dat kan als u "
                            + "ook bezwaar heeft gemaakt. U betaalt daarvoor griffierecht."
                    ]))
        }
        self.sections = sections
        signature =
            ["Met vriendelijke groet,"]
            + (paper.isPlaceholder
                ? [paper.signatory + (measure.decidedBy.map { ", \($0)" } ?? "")] : [paper.signatory])
    }

    /// The non-empty lines of a text a browser sent: "\r\n" is one Character in Swift, so split on `isNewline`.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func oneLine(_ text: String) -> String { lines(text).joined(separator: ", ") }

    var senderLines: [String] {
        [paper.sender]
            + [paper.visitingAddress.map { "Bezoekadres: \(Self.oneLine($0))" }].compactMap { $0 }
            + ["Postadres: \(Self.oneLine(paper.postalAddress))"]
    }

    var document: DOCXDocument {
        var paragraphs: [DOCXDocument.Paragraph] = []
        if let mark { paragraphs.append(.init(.mark, mark)) }
        paragraphs.append(.init(.small, senderLines))
        paragraphs.append(.init(.normal, addressee))
        paragraphs.append(.init(.small, ["Kenmerk: \(reference)", "Datum: \(date.dutch)"]))
        paragraphs.append(.init(.title, "Onderwerp: \(subject)"))
        for section in sections {
            if let heading = section.heading { paragraphs.append(.init(.heading, heading)) }
            paragraphs += section.paragraphs.map { .init(.normal, $0) }
        }
        paragraphs.append(.init(.normal, signature))
        return DOCXDocument(title: subject, paragraphs: paragraphs)
    }
}
