/// A QR code (ISO/IEC 18004) in byte mode at error-correction level M, as authenticator apps expect for
/// `otpauth://` enrolment links. No QR library is available to the package, and this is all neig needs:
/// encode bytes, pick the mask with the lowest penalty, hand out the modules.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let mask: Int
    /// Number of modules per side, without the quiet zone.
    public let size: Int
    /// Row-major; `true` is a dark module.
    public let modules: [Bool]

    public enum EncodingError: Error, Equatable { case dataTooLong(bytes: Int) }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes `bytes` in the smallest version that holds them. `mask` forces a mask pattern (0–7); by
    /// default the one with the lowest penalty score is chosen.
    public static func encode(_ bytes: [UInt8], mask forcedMask: Int? = nil) throws -> QRCode {
        guard
            let version = (1...40).first(where: { dataBits(bytes.count, version: $0) <= dataCapacity(version: $0) * 8 })
        else {
            throw EncodingError.dataTooLong(bytes: bytes.count)
        }
        let codewords = interleavedCodewords(data: dataCodewords(bytes, version: version), version: version)
        var grid = Grid(version: version)
        grid.drawFunctionPatterns()
        grid.drawCodewords(codewords)
        let mask = forcedMask ?? (0..<8).min { grid.masked($0).penalty < grid.masked($1).penalty }!
        let final = grid.masked(mask)
        return QRCode(version: version, mask: mask, size: final.size, modules: final.dark)
    }

    public static func encode(_ text: String, mask: Int? = nil) throws -> QRCode {
        try encode(Array(text.utf8), mask: mask)
    }

    /// An SVG path of the dark modules with a quiet zone of `border` modules, one unit per module.
    public func svgPath(border: Int = 4) -> String {
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size, isDark(x: x, y: y) { x += 1 }
                path += "M\(start + border) \(y + border)h\(x - start)v1h-\(x - start)z"
            }
        }
        return path
    }

    // MARK: - Data and error correction

    /// Level M: error-correction codewords per block and number of blocks, per version (index 0 unused).
    static let eccCodewordsPerBlock = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28
    ]
    static let errorCorrectionBlocks = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49
    ]

    /// Modules left for data and error correction once the function patterns are drawn.
    static func rawDataModules(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCapacity(version: Int) -> Int {
        rawDataModules(version: version) / 8 - eccCodewordsPerBlock[version] * errorCorrectionBlocks[version]
    }

    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    static func dataBits(_ count: Int, version: Int) -> Int {
        count < 1 << countBits(version: version) ? 4 + countBits(version: version) + 8 * count : Int.max
    }

    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = dataCapacity(version: version) * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var result = bits.bytes
        var pad: UInt8 = 0xEC
        while result.count < capacity / 8 {
            result.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return result
    }

    /// Splits the data into blocks, adds Reed–Solomon codewords to each and interleaves them.
    static func interleavedCodewords(data: [UInt8], version: Int) -> [UInt8] {
        let blockCount = errorCorrectionBlocks[version], eccLength = eccCodewordsPerBlock[version]
        let rawCodewords = rawDataModules(version: version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortDataLength = rawCodewords / blockCount - eccLength
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var blocks: [(data: [UInt8], ecc: [UInt8])] = []
        var offset = 0
        for index in 0..<blockCount {
            let length = shortDataLength + (index < shortBlocks ? 0 : 1)
            let chunk = Array(data[offset..<offset + length])
            offset += length
            blocks.append((chunk, ReedSolomon.remainder(chunk, divisor: divisor)))
        }
        var result: [UInt8] = []
        for position in 0...shortDataLength {
            for block in blocks where position < block.data.count { result.append(block.data[position]) }
        }
        for position in 0..<eccLength {
            for block in blocks { result.append(block.ecc[position]) }
        }
        return result
    }
}

struct BitWriter {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<min(start + 8, bits.count)].enumerated().reduce(UInt8(0)) {
                $0 | ($1.element ? 0x80 >> $1.offset : 0)
            }
        }
    }
}

/// Reed–Solomon over GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for bit in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> UInt8(bit)) & 1) * Int(x)
        }
        return UInt8(product)
    }

    /// The generator polynomial's coefficients, highest power first, leading 1 omitted.
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}
