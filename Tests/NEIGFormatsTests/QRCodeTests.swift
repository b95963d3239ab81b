import Foundation
import Testing

@testable import NEIGFormats

@Suite struct QRCodeTests {
    struct Case: Decodable {
        let text: String
        let mask: Int
        let version: Int
        let rows: [String]
    }

    /// Module-for-module agreement with segno, an independent encoder (scripts/fixtures/qr_fixture.py).
    @Test func drawsTheSameModulesAsAnIndependentEncoder() throws {
        let url = try #require(
            Bundle.module.url(forResource: "qr-codes", withExtension: "json", subdirectory: "Fixtures"))
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        #expect(Set(cases.map(\.mask)) == Set(0..<8), "the fixture covers every mask pattern")
        for fixture in cases {
            let code = try QRCode.encode(fixture.text, mask: fixture.mask)
            #expect(code.version == fixture.version, "version for \(fixture.text.prefix(20))")
            let rows = (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "1" : "0" }) }
            #expect(
                rows == fixture.rows,
                "modules of '\(fixture.text.prefix(20))' (version \(fixture.version), mask \(fixture.mask))")
        }
    }

    @Test func picksAMaskAndRejectsTooMuchData() throws {
        let code = try QRCode.encode("otpauth://totp/NEIG:a@b.nl?secret=JBSWY3DPEHPK3PXP&issuer=NEIG")
        #expect((0..<8).contains(code.mask))
        #expect(code.size == code.version * 4 + 17)
        #expect(throws: QRCode.EncodingError.dataTooLong(bytes: 3000)) {
            try QRCode.encode(Array(repeating: 65, count: 3000))
        }
    }

    @Test func svgPathMergesRunsOfDarkModulesAndKeepsTheQuietZone() throws {
        let code = try QRCode.encode("A", mask: 0)
        let path = code.svgPath(border: 4)
        // The top-left finder pattern starts with a run of seven dark modules at (4, 4).
        #expect(path.hasPrefix("M4 4h7v1h-7z"))
        let runs = path.components(separatedBy: "z").filter { !$0.isEmpty }
        let darkModules = code.modules.filter { $0 }.count
        let drawn = runs.reduce(0) { total, run in total + Int(run.split(separator: "h")[1].split(separator: "v")[0])! }
        #expect(drawn == darkModules)
    }

    @Test func reedSolomonMatchesTheStandardsWorkedExample() {
        // ISO/IEC 18004 annex I: "01234567" in version 1-M.
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11
        ]
        let ecc = ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }
}
