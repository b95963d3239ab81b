/// The columns of an incident file as the template and the import page explain them, in the template's order.
public struct IncidentImportColumn: Sendable {
    public let name: String
    public let required: Bool
    public let rule: String
    public let example: String
}

extension IncidentImportParser {
    public static let columns: [IncidentImportColumn] = [
        .init(
            name: "bron_id", required: true, rule: "Uw eigen nummer van de melding; uniek per bron.",
            example: "2025-000123"),
        .init(name: "datum", required: true, rule: "JJJJ-MM-DD of DD-MM-JJJJ; niet na vandaag.", example: "2025-01-01"),
        .init(name: "tijd", required: false, rule: "UU:MM, 00:00 tot 23:59.", example: "00:30"),
        .init(name: "gemeentecode", required: true, rule: "CBS-code, GM en vier cijfers.", example: "GM0363"),
        .init(name: "gemeente", required: false, rule: "Naam van de gemeente, ter controle.", example: "Amsterdam"),
        .init(name: "adres", required: false, rule: "Straat en huisnummer.", example: "Kerkstraat 1"),
        .init(name: "postcode", required: false, rule: "Vier cijfers en twee letters.", example: "1017 GC"),
        .init(
            name: "bag_id", required: false,
            rule: "BAG-id van het verblijfsobject (16 cijfers), zoals de adreszoeker of de BAG het geeft.",
            example: "0363010000758545"),
        .init(
            name: "x", required: false, rule: "RD-coördinaat in meters (0–300.000); of vul lat en lon.",
            example: "121400"),
        .init(name: "y", required: false, rule: "RD-coördinaat in meters (300.000–625.000).", example: "487400"),
        .init(
            name: "doelwit", required: true,
            rule: "Een van: " + TargetType.allCases.map(\.rawValue).joined(separator: ", ") + ".", example: "woning"),
        .init(
            name: "middel", required: true,
            rule: "Een van: " + AttackMeans.allCases.map(\.rawValue).joined(separator: ", ") + ".",
            example: "explosief"),
        .init(
            name: "omschrijving", required: false, rule: "Vrije tekst, zonder namen van personen.", example: "Voordeur")
    ]
}
