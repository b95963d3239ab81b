import Foundation
import NEIGCore
import Plot

/// The decision letter as a page to print or save as PDF, and as the preview on the mayor's decision page.
struct DecisionLetterView {
    let context: PageContext
    let measureID: UUID
    let letter: DecisionLetter
    /// Whether the reader can fill in the letter paper (the municipality's own staff).
    let canEditPaper: Bool

    var document: HTML {
        Layout(
            title: "Besluit: \(letter.subject)", context: context,
            content: .div(
                .div(
                    .class("no-print"),
                    .p(
                        .a(.href(SiteURL.measure(id: measureID).path), .text("Terug naar de maatregel")),
                        .text(" — druk af of bewaar als PDF via het afdrukmenu van uw browser, of "),
                        .a(
                            .href(SiteURL.measure(id: measureID, .letterDocument).path),
                            .text("download als Word-bestand (.docx)")),
                        .text(" om verder te bewerken.")),
                    missingNotice),
                body)
        ).document
    }

    var missingNotice: Node<HTML.BodyContext> {
        guard !letter.missing.isEmpty else { return .empty }
        return .div(
            .class("notice warning"),
            .p(.text("Nog niet klaar om te versturen: vul \(letter.missing.joined(separator: " en ")) in.")),
            .if(
                letter.paper.isPlaceholder && canEditPaper,
                .p(.a(.href(SiteURL.letterhead.path), .text("Briefpapier van de gemeente invullen")))))
    }

    var body: Node<HTML.BodyContext> {
        .article(
            .class("letter"),
            .unwrap(letter.mark) { .p(.class("draft-mark"), .text($0)) },
            lines(letter.senderLines, class: "letter-sender"),
            lines(letter.addressee, class: "letter-addressee"),
            .dl(
                .class("letter-meta"),
                .dt(.text("Kenmerk")), .dd(.text(letter.reference)),
                .dt(.text("Datum")), .dd(.text(letter.date.dutch))),
            .p(.class("letter-subject"), .strong(.text("Onderwerp: \(letter.subject)"))),
            .forEach(letter.sections) { section in
                .div(
                    .unwrap(section.heading) { .h2(.text($0)) },
                    .forEach(section.paragraphs) { .p(.text($0)) })
            },
            lines(letter.signature, class: "signature"))
    }

    func lines(_ lines: [String], class name: String) -> Node<HTML.BodyContext> {
        .p(
            .class(name),
            .forEach(lines.enumerated()) { index, line in
                .group(.if(index > 0, .br()), .text(line))
            })
    }
}
