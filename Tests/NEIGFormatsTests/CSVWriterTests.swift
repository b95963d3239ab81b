import Testing

@testable import NEIGFormats

@Suite struct CSVWriterTests {
    @Test func quotesWhatWouldSplitAFieldAndNothingElse() {
        let csv = CSVWriter()
        #expect(
            csv.row(["Den Haag", "a;b", "zei \"ja\"", "regel\nnieuw"])
                == "Den Haag;\"a;b\";\"zei \"\"ja\"\"\";\"regel\nnieuw\"\r\n")
        #expect(CSVWriter(separator: ",", lineEnding: "\n").row(["1,5", "a;b"]) == "\"1,5\",a;b\n")
    }

    @Test func defusesFormulasButNotNumbers() {
        let csv = CSVWriter()
        #expect(csv.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(csv.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(csv.field("+31 6 1234") == "'+31 6 1234")
        #expect(csv.field("-12.5") == "-12.5")
        #expect(csv.field("-12,5") == "-12,5")
        #expect(csv.document([["a"], ["b"]]) == "a\r\nb\r\n")
    }
}
