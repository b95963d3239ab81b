import Plot

/// Privacyverklaring, toegankelijkheidsverklaring (in the structure of the model statement of
/// toegankelijkheidsverklaring.nl) and contact, in plain Dutch.
struct StatementView {
    enum Statement { case privacy, accessibility, contact }

    static let contactAddress = "contact@neig.nl"
    /// When the accessibility statement was last checked against the pages.
    static let accessibilityReviewed = "1 december 2026"

    let statement: Statement
    let context: PageContext

    var document: HTML {
        switch statement {
        case .privacy: Layout(title: "Privacyverklaring", context: context, content: privacy).document
        case .accessibility:
            Layout(title: "Toegankelijkheidsverklaring", context: context, content: accessibility).document
        case .contact: Layout(title: "Contact", context: context, content: contact).document
        }
    }

    private var mail: Node<HTML.BodyContext> { .a(.href("mailto:\(Self.contactAddress)"), .text(Self.contactAddress)) }

    private var privacy: Node<HTML.BodyContext> {
        .div(
            .class("narrow"),
            .h1(.text("Privacyverklaring")),
            .p(
                .class("lead"),
                .text(
                    "neig is het werkplatform van het Netwerk Explosies In Gemeenten. Hier leest u welke gegevens wij "
                        + "gebruiken, waarom, hoe lang, en wat uw rechten zijn.")),
            .h2(.text("Welke gegevens")),
            .ul(
                .li(
                    .text("Van leden: naam, e-mailadres, organisatie, rol en, als u dat kiest, telefoon en expertise.")),
                .li(
                    .text(
                        "Over aanslagen: datum, plaats en soort, van de politie. Adressen ziet alleen wie er voor "
                            + "zijn of haar werk bij moet: de gemeente zelf, politie, OM en de netwerkcoördinatoren.")),
                .li(
                    .text(
                        "In zaken van een gemeente: wat nodig is voor de maatregelen van de burgemeester. "
                            + "Politie- en OM-informatie wordt alleen gedeeld met een doel en is na de bewaartermijn weg."
                    )),
                .li(.text("Van elke belangrijke handeling: wie wat wanneer deed (het auditlog)."))),
            .h2(.text("Waarom")),
            .p(
                .text(
                    "Gemeenten, politie en OM werken samen tegen aanslagen met explosieven. De grondslag is hun "
                        + "publieke taak (AVG artikel 6 lid 1 onder e), en voor politiegegevens de Wet politiegegevens."
                )),
            .h2(.text("Hoe lang")),
            .p(
                .text(
                    "Zaken en gedeelde informatie worden verwijderd als hun bewaartermijn voorbij is. Accounts van "
                        + "leden die opzeggen worden gesloten; het auditlog blijft, met een pseudoniem in plaats van de naam."
                )),
            .h2(.text("Uw rechten")),
            .p(
                .text(
                    "U mag uw gegevens inzien, laten verbeteren of laten verwijderen, en bezwaar maken. Mail daarvoor "
                        + "naar "), mail,
                .text(
                    ". Bent u het niet eens met hoe wij met uw gegevens omgaan, dan kunt u een klacht indienen bij de "),
                .a(.href("https://autoriteitpersoonsgegevens.nl"), .text("Autoriteit Persoonsgegevens")), .text(".")))
    }

    private var accessibility: Node<HTML.BodyContext> {
        .div(
            .class("narrow"),
            .h1(.text("Toegankelijkheidsverklaring")),
            .p(
                .class("lead"),
                .text(
                    "Het Netwerk Explosies In Gemeenten wil dat iedereen neig kan gebruiken, ook met een "
                        + "beperking. Deze verklaring geldt voor alle pagina’s van neig.")),
            .h2(.text("Status: voldoet gedeeltelijk")),
            .p(
                .text(
                    "neig voldoet gedeeltelijk aan de eisen van WCAG 2.1 op niveau A en AA (de norm EN 301 549). "
                        + "Een onafhankelijk onderzoek heeft nog niet plaatsgevonden.")),
            .h2(.text("Hoe wij dit weten")),
            .ul(
                .li(
                    .text(
                        "Bij elke wijziging controleert een geautomatiseerde test (axe-core) elke pagina, voor elke rol, "
                            + "op een breed scherm (1366 pixels) en op een telefoon (390 pixels).")),
                .li(.text("Elke pagina werkt met alleen een toetsenbord en zonder JavaScript.")),
                .li(.text("Grafieken hebben een tabel met dezelfde cijfers ernaast."))),
            .h2(.text("Wat nog niet goed is")),
            .ul(
                .li(.text("Op een telefoon is de tekst in grafieken klein; de tabel eronder heeft dezelfde cijfers.")),
                .li(.text("Geüploade documenten van leden (PDF) zijn niet altijd toegankelijk."))),
            .h2(.text("Problemen melden")),
            .p(
                .text("Kunt u iets niet gebruiken of lezen? Mail naar "), mail,
                .text(
                    ". U krijgt binnen vijf werkdagen antwoord. Bent u niet tevreden met het antwoord, dan kunt u zich "
                        + "wenden tot de "),
                .a(.href("https://www.nationaleombudsman.nl"), .text("Nationale ombudsman")), .text(".")),
            .p(.class("muted"), .text("Deze verklaring is opgesteld op \(Self.accessibilityReviewed).")))
    }

    private var contact: Node<HTML.BodyContext> {
        .div(
            .class("narrow"),
            .h1(.text("Contact")),
            .p(
                .text("Vragen over neig, uw account of het netwerk? Mail de netwerkcoördinatoren: "), mail, .text(".")),
            .p(
                .text("Een vraag aan collega’s van andere gemeenten stelt u als lid bij "),
                .a(.href(SiteURL.questions().path), .text("Vragen")), .text(".")),
            .p(
                .strong(.text("Acute dreiging of een aanslag? ")),
                .text("Bel 112. Voor tips zonder uw naam: Meld Misdaad Anoniem, 0800-7000.")))
    }
}
