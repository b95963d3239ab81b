import Testing

@testable import NEIGCore

@Suite struct BAGObjectIDTests {
    @Test func anObjectIdIsSixteenDigitsOfAnAddressableObject() throws {
        #expect(try BAGObjectID.parse(" 0307010000463990 ").get() == "0307010000463990")
        #expect(try BAGObjectID.parse("0356020000046625").get() == "0356020000046625", "a ligplaats")
        #expect(try BAGObjectID.parse("0356030000046625").get() == "0356030000046625", "a standplaats")
        // Nummeraanduiding (20), pand (10) and openbare ruimte (30) ids are not the place an address belongs to.
        #expect(throws: BAGObjectID.Problem.notAddressable("20")) { try BAGObjectID.parse("0307200000463989").get() }
        #expect(throws: BAGObjectID.Problem.notAddressable("10")) { try BAGObjectID.parse("0307100000463989").get() }
        #expect(throws: BAGObjectID.Problem.notDigits) { try BAGObjectID.parse("0307-01-0000463990").get() }
        #expect(throws: BAGObjectID.Problem.notDigits) { try BAGObjectID.parse("3,0701E+14").get() }
        #expect(throws: BAGObjectID.Problem.wrongLength(17)) { try BAGObjectID.parse("03070100004639901").get() }
        #expect(throws: BAGObjectID.Problem.wrongLength(6)) { try BAGObjectID.parse("463990").get() }
        #expect(throws: BAGObjectID.Problem.notDigits) { try BAGObjectID.parse("٠٣٠٧٠١٠٠٠٠٤٦٣٩٩٠").get() }
    }

    @Test func leadingZerosASpreadsheetDroppedAreRestored() throws {
        #expect(try BAGObjectID.parse("307010000463990").get() == "0307010000463990")
        #expect(try BAGObjectID.parse("14010011067299").get() == "0014010011067299", "Groningen, GM0014")
    }

    @Test func theImportReadsTheBAGIdAndNamesTheLineAndColumnOfABadOne() throws {
        let parser = IncidentImportParser(municipalities: .bundled, today: CivilDate(year: 2025, month: 6, day: 30)!)
        let result = parser.parse(
            Array(
                """
                bron_id;datum;gemeentecode;adres;postcode;x;y;doelwit;middel;bag_id
                B-1;2025-01-01;GM0307;Lijsterstraat 20;3815DT;155990;464256;woning;explosief;307010000463990
                B-2;2025-01-02;GM0307;Lijsterstraat 20;3815DT;155990;464256;woning;explosief;
                B-3;2025-01-03;GM0307;Lijsterstraat 20;3815DT;155990;464256;woning;explosief;0307200000463989

                """.utf8))
        #expect(result.problems.map(\.line) == [4])
        #expect(result.problems.first?.column == "bag_id")
        #expect(result.problems.first?.reason.contains("objecttype 20") == true)
        let valid = parser.parse(
            Array(
                """
                bron_id;datum;gemeentecode;x;y;doelwit;middel;bag_id
                B-1;2025-01-01;GM0307;155990;464256;woning;explosief;307010000463990
                B-2;2025-01-02;GM0307;155990;464256;woning;explosief;

                """.utf8))
        #expect(valid.records.map(\.bagID) == ["0307010000463990", nil])
    }

    @Test func repeatAttacksOnOneBAGObjectAreOneAddressHoweverTheyAreSpelled() {
        func hit(_ key: String, _ date: String, bag: String? = nil) -> RepeatAddress.Hit {
            RepeatAddress.Hit(
                key: key, address: key, postcode: nil, municipalityCode: "GM0307", date: CivilDate(parsing: date)!,
                bagID: bag)
        }
        let window = CivilDate(year: 2025, month: 1, day: 1)!...CivilDate(year: 2025, month: 12, day: 31)!
        let hits = [
            hit("lijsterstr. 20|3815DT", "2025-02-01"),
            hit("lijsterstr. 20|3815DT", "2025-03-01", bag: "0307010000463990"),
            hit("lijsterstraat 20|3815DT", "2025-04-01", bag: "0307010000463990"), hit("lijster 20|", "2025-05-01"),
            hit("kerkstraat 1|", "2025-06-01", bag: "0363010000000001"), hit("kerkstraat 2|", "2025-07-01")
        ]
        let found = RepeatAddress.find(in: hits, window: window)
        #expect(found.count == 1, "the two Kerkstraat hits are different places")
        // February's spelling links to March's, which shares April's BAG id; May's spelling shares neither.
        #expect(found.first?.dates.map(\.month) == [2, 3, 4])
        #expect(found.first?.address == "lijsterstraat 20|3815DT", "the latest spelling with the BAG id is shown")
        // The hits' order does not change the outcome.
        #expect(RepeatAddress.find(in: hits.reversed(), window: window) == found)
    }
}
