import Foundation
import NEIGCore
import Plot

/// The decision letter (besluit) drafted from the case facts and the legal basis: a page to print or save as PDF.
/// Shared police information is cited by date and purpose, never quoted.
struct DecisionLetterView {
    let context: PageContext
    let measure: Measure
    let caseFile: CaseFile
    let municipality: String
    let incidents: [Incident]
    let cited: [InformationItem]
    let today: CivilDate

    var isDraft: Bool { [.concept, .voorgelegd].contains(measure.state) }

    var document: HTML {
        Layout(
            title: "Besluit: \(measure.type.label)", context: context,
            content: .article(
                .class("letter"),
                .p(
                    .class("no-print"),
                    .a(
                        .href(SiteURL.measure(id: measure.id!).path),
                        .text("Terug naar de maatregel")),
                    .text(" — druk af of bewaar als PDF via het afdrukmenu van uw browser.")),
                .if(isDraft, .p(.class("draft-mark"), .text("CONCEPT — nog niet vastgesteld door de burgemeester"))),
                .p(.text("De burgemeester van \(municipality)")),
                .p(.text("Datum: \((measure.decidedAt.map(NEIGClock.civilDate(of:)) ?? today).dutch)")),
                .p(.text("Onderwerp: besluit \(measure.type.label.lowercased())")),
                .unwrap(measure.addressee) { .p(.text("Aan: \($0)")) },
                .h1(.text("Besluit")),
                .h2(.text("Feiten")),
                .ul(
                    .li(.text("Het besluit betreft \(caseFile.address ?? caseFile.title).")),
                    .forEach(incidents) { incident in
                        .li(
                            .text(
                                "Op \(CivilDate.dutch(iso: incident.occurredOn)) vond op of bij \(incident.address ?? "dit adres") een aanslag (\(incident.means.label.lowercased())) plaats."
                            ))
                    },
                    .forEach(cited) { item in
                        .li(
                            .text(
                                "Op \(NEIGClock.civilDate(of: item.createdAt).dutch) heeft \(item.authorRole == .prosecutor ? "het Openbaar Ministerie" : "de politie") "
                                    + "informatie verstrekt ten behoeve van: \(item.purpose)."))
                    }
                ),
                .h2(.text("Overwegingen")),
                .p(.class("prewrap"), .text(measure.motivation)),
                .h2(.text("Besluit")),
                .p(
                    .text(
                        "Gelet op \(measure.legalBasis) besluit de burgemeester tot: \(measure.type.label.lowercased()), "
                            + "van \(measure.startsOn.map(CivilDate.dutch(iso:)) ?? "de dag na bekendmaking") tot \(measure.endsOn.map(CivilDate.dutch(iso:)) ?? "nader besluit")."
                    )),
                .if(
                    measure.type.isObjectable,
                    .div(
                        .h2(.text("Bezwaar")),
                        .p(
                            .text(
                                "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop dit besluit bekend is gemaakt "
                                    + "bezwaar maken bij de burgemeester (artikelen 6:7 en 6:8 Algemene wet bestuursrecht)"
                                    + (measure.objectionEnds.map { ", dus uiterlijk op \($0.dutch)" } ?? "") + ". "
                                    + "U kunt de voorzieningenrechter vragen om een voorlopige voorziening als de zaak spoed heeft."
                            ))
                    )),
                .p(
                    .class("signature"),
                    .text(
                        measure.decidedBy.map { "De burgemeester van \(municipality), \($0)" }
                            ?? "De burgemeester van \(municipality)"))
            )
        ).document
    }
}
