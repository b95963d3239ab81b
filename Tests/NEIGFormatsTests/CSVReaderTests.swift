import Testing

@testable import NEIGFormats

@Suite struct CSVReaderTests {
    func read(_ text: String) -> (CSVReader.Table?, [CSVReader.Problem]) {
        let result = CSVReader().read(Array(text.utf8))
        return (result.table, result.problems)
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndNewlines() throws {
        let (table, problems) = read("a;b\r\n\"x;y\";\"he said \"\"hi\"\"\nnext\"\r\n3;4\n")
        #expect(problems.isEmpty)
        let rows = try #require(table).records
        #expect(rows.map(\.fields) == [["x;y", "he said \"hi\"\nnext"], ["3", "4"]])
        #expect(rows.map(\.line) == [2, 4])
    }

    @Test func delimiterIsTheMoreFrequentOneInTheHeader() {
        #expect(read("a,b,c\n1,2,3\n").0?.delimiter == ",")
        #expect(read("a;b;c,d\n1;2;3,4\n").0?.delimiter == ";")
    }

    @Test func byteOrderMarkIsIgnored() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("bron_id;x\n1;2\n".utf8)
        #expect(CSVReader().read(bytes).table?.header == ["bron_id", "x"])
    }

    @Test func unterminatedQuoteIsReportedAtTheLineItStarts() {
        let (table, problems) = read("a;b\n1;2\n\"open;3\n4;5\n")
        #expect(table == nil)
        #expect(problems == [CSVReader.Problem(line: 3, column: nil, reason: "aanhalingsteken wordt niet afgesloten")])
    }

    @Test func wrongFieldCountIsReportedPerRow() {
        let (_, problems) = read("a;b\n1;2;3\n4;5\n6\n")
        #expect(problems.map(\.line) == [2, 4])
    }

    @Test func invalidUTF8AndEmptyFilesAreRejected() {
        #expect(CSVReader().read([]).problems.first?.reason == "het bestand is leeg")
        let bad: [UInt8] = Array("a;b\n1;2\n".utf8) + [0xC3, 0x28, 0x0A]
        #expect(CSVReader().read(bad).problems.first?.line == 3)
    }

    @Test func overlongFieldIsRejectedWithoutCrashing() {
        let long = String(repeating: "x", count: 10_001)
        let (_, problems) = read("a;b\n1;\(long)\n")
        #expect(problems.first?.description == "line 2, column 2: veld langer dan 10000 tekens")
    }
}
