import Testing

@testable import NEIGCore

@Suite struct CoordinatesTests {
    @Test func amersfoortOriginMapsToItsKnownWGS84Position() {
        let point = RDConversion.toWGS84(RDPoint(x: 155_000, y: 463_000))
        #expect(abs(point.latitude - 52.15517440) < 1e-9)
        #expect(abs(point.longitude - 5.38720621) < 1e-9)
    }

    @Test func damSquareRoundTripsWithinAMetre() {
        // Dam, Amsterdam: RD (121 400, 487 400) is about 52.373 N, 4.893 E.
        let rd = RDPoint(x: 121_400, y: 487_400)
        let wgs = RDConversion.toWGS84(rd)
        #expect(abs(wgs.latitude - 52.373) < 0.002)
        #expect(abs(wgs.longitude - 4.893) < 0.002)
        let back = RDConversion.toRD(wgs)
        #expect(back.distance(to: rd) < 1.0)
    }

    @Test func boundingBoxRejectsPointsAbroad() {
        #expect(RDPoint(x: 121_400, y: 487_400).isInNetherlands)
        #expect(!RDPoint(x: 350_000, y: 487_400).isInNetherlands)
        #expect(!GeoPoint(latitude: 48.85, longitude: 2.35).isInNetherlands) // Paris
    }
}

@Suite struct CivilDateTests {
    @Test func parsesBothDutchAndISOFormats() {
        #expect(CivilDate(parsing: "2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(parsing: "29-02-2024") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(parsing: "2023-02-29") == nil)
        #expect(CivilDate(parsing: "2024-13-01") == nil)
        #expect(CivilDate(parsing: "2024-1-01") == nil)
        #expect(CivilDate(parsing: "31/12/2024") == nil)
    }

    @Test func dayNumbersAreExactAcrossLeapYears() {
        let start = CivilDate(year: 2023, month: 12, day: 31)!
        #expect(start.adding(days: 60) == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(dayNumber: start.dayNumber) == start)
        #expect(CivilDate(year: 2024, month: 2, day: 29)!.addingYear() == CivilDate(year: 2025, month: 2, day: 28))
        #expect(
            CivilDate(year: 2024, month: 2, day: 29)!.sameDayPreviousYear == CivilDate(year: 2023, month: 2, day: 28))
    }

    @Test func timeOfDayAcceptsOnlyValidClockTimes() {
        #expect(TimeOfDay(parsing: "23:59")?.text == "23:59")
        #expect(TimeOfDay(parsing: "24:00") == nil)
        #expect(TimeOfDay(parsing: "7:30") == nil)
    }
}

@Suite struct ApportionTests {
    @Test func partsAlwaysAddUpToTheTotal() {
        let parts = Apportion.split(1543, weights: [3, 3, 3])
        #expect(parts.reduce(0, +) == 1543)
        #expect(parts == [515, 514, 514])
    }
}

@Suite struct ParsingTests {
    @Test func decimalsAcceptACommaButNothingElseOdd() {
        #expect(NumberParsing.decimal("52,3731") == 52.3731)
        #expect(NumberParsing.decimal(" 121400.5 ") == 121400.5)
        #expect(NumberParsing.decimal("-3") == -3)
        #expect(NumberParsing.decimal("1.234,5") == nil)
        #expect(NumberParsing.decimal("12e3") == nil)
        #expect(NumberParsing.decimal("") == nil)
        #expect(NumberParsing.decimal("abc") == nil)
    }

    @Test func addressKeysIgnoreCaseCommasAndSpacing() {
        #expect(AddressKey.make(address: " Kerkstraat  1, ", postcode: "1017GC") == "kerkstraat 1|1017GC")
        #expect(
            AddressKey.make(address: "KERKSTRAAT 1", postcode: "1017GC")
                == AddressKey.make(address: "kerkstraat,1", postcode: "1017GC"))
        #expect(AddressKey.make(address: "Ériestraat 2", postcode: nil) == "ériestraat 2|")
        #expect(AddressKey.make(address: "  ", postcode: nil) == nil)
    }
}
