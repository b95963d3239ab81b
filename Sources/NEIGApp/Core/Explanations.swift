import Plot

/// Technical words explained where they stand, in plain language (B1): a "Wat betekent …?" that opens on request.
enum Explanation: String, CaseIterable {
    case knox, kernel, permutations, rd, placebos, feed, confidentiality

    var term: String {
        switch self {
        case .knox: "Knox-toets"
        case .kernel: "dichtheid (quartic kernel)"
        case .permutations: "permutaties"
        case .rd: "RD-coördinaten"
        case .placebos: "placebo’s"
        case .feed: "Atom-feed"
        case .confidentiality: "vertrouwelijkheid"
        }
    }

    var text: String {
        switch self {
        case .knox:
            "De Knox-toets telt paren van aanslagen die dicht bij elkaar liggen, in afstand én in tijd. Zijn dat er "
                + "meer dan bij toeval, dan volgt na een aanslag vaker een nieuwe in de buurt: een near-repeatpatroon."
        case .kernel:
            "Elke aanslag telt mee in een cirkel om de plek heen, het zwaarst in het midden. Opgeteld geeft dat een "
                + "kaart van waar aanslagen zich ophopen, zonder dat één adres herkenbaar is."
        case .permutations:
            "Het aantal keer dat de computer de data door elkaar husselt om te zien wat toeval zou geven. Meer keer "
                + "maakt de uitkomst nauwkeuriger, maar de berekening duurt langer."
        case .rd:
            "Rijksdriehoeksmeting: de Nederlandse kaartcoördinaten in meters. x loopt van west naar oost (0 tot "
                + "300.000), y van zuid naar noord (300.000 tot 625.000). Politiebestanden gebruiken ze vaak."
        case .placebos:
            "Schijn-interventies: dezelfde berekening voor gemeenten zonder interventie, of met een eerdere startdatum. "
                + "Is het echte effect groter dan bijna al die schijn-effecten, dan is het waarschijnlijk geen toeval."
        case .feed:
            "Een adres dat u in een nieuwslezer of in Outlook zet. Nieuwe berichten komen dan vanzelf binnen."
        case .confidentiality:
            "Hoe streng een zaak wordt afgeschermd, van ‘openbaar’ tot ‘geheim’. Politie- en OM-informatie erin "
                + "is alleen zichtbaar voor wie het doel kent en erbij mag; kies bij twijfel ‘zaakvertrouwelijk’."
        }
    }
}

extension Node where Context: HTML.BodyContext {
    /// "Wat betekent ‘Knox-toets’?" with the explanation inside.
    static func explanation(_ explanation: Explanation) -> Node {
        .details(
            .class("explain"),
            .summary(.text("Wat betekent ‘\(explanation.term)’?")),
            .p(.text(explanation.text)))
    }
}
