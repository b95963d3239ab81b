import NEIGCore
import Testing

@Suite struct AnonymiserTests {
    let places = Anonymiser.placeNames(.bundled)

    func kinds(_ text: String) -> [Anonymiser.Kind: [String]] {
        Dictionary(grouping: Anonymiser.check(text, referenceYear: 2025, placeNames: places), by: \.kind).mapValues {
            $0.map(\.text)
        }
    }

    @Test func elevenTest() {
        #expect(Anonymiser.passesElevenTest([1, 1, 1, 2, 2, 2, 3, 3, 3]))
        #expect(Anonymiser.passesElevenTest([1, 2, 3, 4, 5, 6, 7, 8, 2]))
        #expect(!Anonymiser.passesElevenTest([1, 2, 3, 4, 5, 6, 7, 8, 9]))
        #expect(!Anonymiser.passesElevenTest([0, 0, 0, 0, 0, 0, 0, 0, 0]))
    }

    @Test func structuredItemsAreEachFound() {
        let found = kinds(
            """
            BSN 123456782 en 123.456.782, niet 123456789. Bel 06-12345678, 020 - 123 45 67, +31 6 1234 5678 of (010) 4123456.
            Mail a.b@gemeente.nl. Postcode 1017 GC, 3011AD en 2511 cv. Kentekens 12-ABC-3, GH-456-J, AB-12-CD en 1-KBB-12.
            Geboren op 3 januari 1990; geboortedatum: 01-02-2003; geb. 15/07/1975.
            """)
        #expect(found[.bsn] == ["123456782", "123.456.782"])
        #expect(found[.phone] == ["06-12345678", "020 - 123 45 67", "+31 6 1234 5678", "(010) 4123456"])
        #expect(found[.email] == ["a.b@gemeente.nl"])
        #expect(
            found[.postcode] == ["1017 GC", "3011AD"],
            "lower-case letters only without a space, so \"2511 cv\" is prose")
        #expect(found[.licencePlate] == ["12-ABC-3", "GH-456-J", "AB-12-CD", "1-KBB-12"])
        #expect(found[.dateOfBirth] == ["3 januari 1990", "01-02-2003", "15/07/1975"])
    }

    @Test func aBAGIdIsAnAddressToo() {
        let found = kinds(
            "Het pand (BAG 0307010000463990, in Excel 307010000463990) en nummeraanduiding 0307200000463989; "
                + "zaaknummer 1234567890123456.")
        #expect(found[.bagID] == ["0307010000463990", "307010000463990"], "only object ids of type 01–03 name a place")
        #expect(found[.bsn] == nil, "no nine digits inside it are read as a BSN")
    }

    @Test func namesAndAddressesInDutchProse() {
        let found = kinds(
            """
            De heer P. de Vries woont aan de Kerkstraat 12A. Mevrouw El Amrani woont aan het Damrak 15. Volgens bewoner Karim
            was Mohamed B. erbij. Priscilla de Jong en Kees Bakker zagen het; J.C. van der Linden ook. Dhr. Yilmaz belde.
            Later ging het mis op de Burgemeester de Vlugtlaan 120-2 en in de Oudezijds Achterburgwal 7 hs.
            """)
        #expect(
            found[.personName] == [
                "P. de Vries", "El Amrani", "Karim", "Mohamed B.", "Priscilla de Jong", "Kees Bakker",
                "J.C. van der Linden", "Yilmaz"
            ])
        #expect(
            found[.address] == [
                "Kerkstraat 12A", "Damrak 15", "Burgemeester de Vlugtlaan 120-2", "Oudezijds Achterburgwal 7 hs"
            ])
    }

    @Test func cleanTextWithPlacesOrganisationsAndLawsPasses() {
        let text = """
            In 2024 telde Nederland 1.543 aanslagen met explosieven, tegen 901 in 2023. De gemeente Rotterdam en de gemeente Den Haag
            werken samen met de politie-eenheid Rotterdam, het Openbaar Ministerie en de Veiligheidsregio Haaglanden. Op 14 februari 2025
            besloot de burgemeester van Utrecht tot sluiting op grond van artikel 174a Gemeentewet en artikel 13b Opiumwet.
            Meld Misdaad Anoniem (0800-7000) ontving 312 meldingen. Zie de Wet politiegegevens (Wpg), artikel 19, en APV artikel 2:79.
            In Groningen, Zwolle, Eindhoven en 's-Hertogenbosch daalde het aantal incidenten met 12 procent; budget € 250.000 voor 2025.
            """
        #expect(Anonymiser.check(text, referenceYear: 2025, placeNames: places).isEmpty)
    }

    @Test func offsetsCountUnicodeScalarsAsPythonDoes() throws {
        let text = "Café 😀 — bel 0612345678"
        let finding = try #require(Anonymiser.check(text, referenceYear: 2025).first)
        #expect(finding.kind == .phone)
        #expect(finding.start == 13 && finding.end == 23)
        #expect(
            String(String.UnicodeScalarView(Array(text.unicodeScalars)[finding.start..<finding.end])) == "0612345678")
    }
}
