/// The encodings a data file is accepted in. Excel on Windows saves "CSV (gescheiden door lijstscheidingsteken)"
/// in Windows-1252, so a file that is not UTF-8 but reads cleanly as Windows-1252 is taken as such.
public enum TextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"

    /// The input as UTF-8 and the encoding it was read in, or nil when it is neither valid UTF-8 nor clean
    /// Windows-1252: every byte a defined character, and no control characters but tab, CR and LF.
    public static func utf8(from bytes: ArraySlice<UInt8>) -> (bytes: [UInt8], encoding: TextEncoding)? {
        if String(validating: bytes, as: UTF8.self) != nil { return (Array(bytes), .utf8) }
        // A UTF-8 file with one damaged byte would otherwise turn every "é" into "Ã©": text with UTF-8 sequences in
        // it is UTF-8 gone wrong, not Windows-1252.
        if containsUTF8Sequence(bytes) { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            switch byte {
            case 0x09, 0x0A, 0x0D, 0x20..<0x7F: output.append(byte)
            case 0x80...0x9F:
                guard let scalar = windows1252High[Int(byte) - 0x80] else { return nil }
                append(scalar, to: &output)
            case 0xA0...0xFF: append(UInt32(byte), to: &output)
            default: return nil // other control characters, or DEL: not a text file
            }
        }
        return (output, .windows1252)
    }

    /// A lead byte C2–F4 followed by the continuation bytes it asks for. In Windows-1252 text such pairs are
    /// letters like "Ã©" that no Dutch file contains.
    static func containsUTF8Sequence(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length =
                (0xC2...0xDF).contains(lead)
                ? 2 : (0xE0...0xEF).contains(lead) ? 3 : (0xF0...0xF4).contains(lead) ? 4 : 1
            if length > 1, index + length <= bytes.endIndex,
                bytes[(index + 1)..<(index + length)].allSatisfy({ (0x80...0xBF).contains($0) })
            {
                return true
            }
            index += 1
        }
        return false
    }

    private static func append(_ scalar: UInt32, to output: inout [UInt8]) {
        output.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
    }

    /// 0x80–0x9F; nil where Windows-1252 defines no character.
    private static let windows1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil,
        0x017D, nil, nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, nil, 0x017E, 0x0178
    ]
}
