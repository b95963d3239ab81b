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

    @Test func bytesThatAreNeitherUTF8NorWindows1252AndEmptyFilesAreRejected() {
        #expect(CSVReader().read([]).problems.first?.reason == "het bestand is leeg")
        // 0x81 is no character in Windows-1252; 0x01 is a control character in any text.
        for byte: UInt8 in [0x81, 0x01] {
            let bad: [UInt8] = Array("a;b\n1;2\n".utf8) + [0xE9, byte, 0x0A]
            let (table, problems) = CSVReader().read(bad)
            #expect(table == nil)
            #expect(problems.first?.line == 3)
            #expect(problems.first?.reason.contains("Windows-1252") == true)
        }
    }

    @Test func excelsWindows1252IsReadAndSaid() {
        // "Coöperatie – ‘café’ €" as Excel on Windows saves it.
        let bytes: [UInt8] =
            Array("a;b\n1;Co".utf8) + [0xF6] + Array("peratie ".utf8) + [0x96, 0x20, 0x91] + Array("caf".utf8)
            + [0xE9, 0x92, 0x20, 0x80, 0x0D, 0x0A]
        let (table, problems) = CSVReader().read(bytes)
        #expect(problems.isEmpty)
        #expect(table?.encoding == .windows1252)
        #expect(table?.records.first?.fields == ["1", "Coöperatie – ‘café’ €"])
        #expect(CSVReader().read(Array("a;b\n1;Coöperatie\n".utf8)).table?.encoding == .utf8)
    }

    @Test func aUTF8FileWithOneDamagedByteIsNotReadAsWindows1252() {
        // "é" in UTF-8 (C3 A9) and one stray byte: reading it as Windows-1252 would store "Ã©" everywhere.
        let bytes: [UInt8] = Array("a;b\n1;caf".utf8) + [0xC3, 0xA9] + Array("\n2;x".utf8) + [0xFF, 0x0A]
        let (table, problems) = CSVReader().read(bytes)
        #expect(table == nil)
        #expect(problems.first?.line == 3)
    }

    @Test func blankLinesAboveTheHeaderAreSkipped() {
        let (table, problems) = read("\n\na;b\n1;2\n")
        #expect(problems.isEmpty)
        #expect(table?.header == ["a", "b"])
        #expect(table?.records.first?.line == 4)
    }

    @Test func rowsWithTheWrongFieldCountAreStillHandedOver() {
        let (table, problems) = read("a;b;c\n1;2\n3;4;5\n")
        #expect(problems.map(\.description) == ["line 2: 2 velden, de kopregel heeft er 3"])
        #expect(table?.records.map(\.line) == [3])
        #expect(table?.malformed.map(\.fields) == [["1", "2"]])
    }

    @Test func overlongFieldIsRejectedWithoutCrashing() {
        let long = String(repeating: "x", count: 10_001)
        let (_, problems) = read("a;b\n1;\(long)\n")
        #expect(problems.first?.description == "line 2, column b: veld langer dan 10.000 tekens")
    }
}
