/// An attack with explosives as a source reports it, validated and with both coordinate systems filled in.
public struct IncidentRecord: Sendable, Equatable, Codable {
    public var sourceID: String
    public var source: String
    public var date: CivilDate
    public var time: TimeOfDay?
    public var municipalityCode: String
    public var address: String?
    public var postcode: String?
    /// The BAG object the address belongs to (`BAGObjectID`), when the address was looked up or imported with it.
    public var bagID: String?
    public var rd: RDPoint
    public var wgs84: GeoPoint
    public var target: TargetType
    public var means: AttackMeans
    public var description: String?
    public var definitionVersion: String

    public init(
        sourceID: String, source: String, date: CivilDate, time: TimeOfDay?, municipalityCode: String,
        address: String?, postcode: String?, rd: RDPoint, wgs84: GeoPoint, target: TargetType,
        means: AttackMeans, description: String?, definitionVersion: String, bagID: String? = nil
    ) {
        self.sourceID = sourceID
        self.source = source
        self.date = date
        self.time = time
        self.municipalityCode = municipalityCode
        self.address = address
        self.postcode = postcode
        self.bagID = bagID
        self.rd = rd
        self.wgs84 = wgs84
        self.target = target
        self.means = means
        self.description = description
        self.definitionVersion = definitionVersion
    }

    /// Groups spellings of one address ("Kerkstraat 1", " kerkstraat  1 ") so repeat attacks are found.
    public var addressKey: String? { AddressKey.make(address: address, postcode: postcode) }
}

public enum AddressKey {
    public static func make(address: String?, postcode: String?) -> String? {
        guard let address, !address.trimmingSpaces.isEmpty else { return nil }
        // Lower case, commas as spaces, runs of spaces folded; done on bytes for ASCII addresses (nearly all).
        guard address.utf8.allSatisfy({ $0 < 0x80 }) else {
            let words = address.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," }).joined(
                separator: " ")
            return words + "|" + (postcode ?? "")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(address.utf8.count + 8)
        var pendingSpace = false
        for byte in address.utf8 {
            if byte == 0x20 || byte == 0x2C || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self) + "|" + (postcode ?? "")
    }
}

/// Dutch postcodes: four digits (no leading zero) and two letters, stored as `1234AB`.
public enum Postcode {
    public static func normalise(_ text: String) -> String? {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        guard compact.count == 6 else { return nil }
        let digits = compact.prefix(4), letters = compact.suffix(2)
        guard digits.allSatisfy(\.isASCIIDigit), digits.first != "0",
            letters.allSatisfy({ $0.isASCII && $0.isUppercase })
        else { return nil }
        return compact
    }
}
