import Foundation

/// Finds personal data in Dutch text before casuïstiek is shared between municipalities: names of persons, street
/// addresses with house numbers, postcodes, BSNs (11-test), licence plates, phone numbers, e-mail addresses and
/// dates of birth. Structured items are matched exactly; names and addresses by Dutch patterns (titles, initials,
/// first names, tussenvoegsels, street suffixes), leaving place names, organisations and law articles alone.
/// Offsets count Unicode scalars (code points), as Python's `str` does.
public enum Anonymiser {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case personName = "person_name", address, postcode, bsn, licencePlate = "licence_plate", phone, email
        case dateOfBirth = "date_of_birth", bagID = "bag_id"

        public var label: String {
            switch self {
            case .personName: "naam van een persoon"
            case .address: "adres met huisnummer"
            case .postcode: "postcode"
            case .bsn: "burgerservicenummer"
            case .licencePlate: "kenteken"
            case .phone: "telefoonnummer"
            case .email: "e-mailadres"
            case .dateOfBirth: "geboortedatum"
            case .bagID: "BAG-id van een adres"
            }
        }

        /// When two findings overlap, the more certain (structured) one is kept.
        var priority: Int {
            switch self {
            case .email: 0
            case .bagID: 1
            case .bsn: 2
            case .phone: 3
            case .postcode: 4
            case .licencePlate: 5
            case .dateOfBirth: 6
            case .address: 7
            case .personName: 8
            }
        }
    }

    public struct Finding: Codable, Sendable, Equatable {
        public let kind: Kind
        public let text: String
        public let start: Int
        public let end: Int

        public init(kind: Kind, text: String, start: Int, end: Int) {
            self.kind = kind
            self.text = text
            self.start = start
            self.end = end
        }
    }

    /// All findings, ordered by position, without overlaps. `referenceYear` decides which bare dates are old enough to
    /// be birth dates.
    public static func check(
        _ text: String, referenceYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date()),
        placeNames: Set<String> = []
    ) -> [Finding] {
        let scanner = Scanner(text: text, referenceYear: referenceYear, placeNames: placeNames)
        var candidates = scanner.structured() + scanner.dates() + scanner.addresses() + scanner.names()
        candidates.sort { ($0.start, $0.kind.priority, -$0.end) < ($1.start, $1.kind.priority, -$1.end) }
        var kept: [Finding] = []
        for candidate in candidates.sorted(by: { ($0.kind.priority, $0.start) < ($1.kind.priority, $1.start) }) {
            if !kept.contains(where: { $0.start < candidate.end && candidate.start < $0.end }) {
                kept.append(candidate)
            }
        }
        return kept.sorted { $0.start < $1.start }
    }

    /// The Dutch 11-test for a nine-digit BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros).
    public static func passesElevenTest(_ digits: [Int]) -> Bool {
        guard digits.count == 9, digits.contains(where: { $0 != 0 }) else { return false }
        let sum = zip(digits.prefix(8), (2...9).reversed()).reduce(0) { $0 + $1.0 * $1.1 } - digits[8]
        return sum % 11 == 0
    }
}

extension Anonymiser {
    /// Names of the municipalities and their provinces: places are not persons.
    public static func placeNames(_ registry: MunicipalityRegistry) -> Set<String> {
        var names: Set<String> = []
        for municipality in registry.all {
            names.insert(municipality.displayName)
            names.insert(municipality.officialName)
            names.insert(municipality.province)
            for part in municipality.displayName.split(separator: " ") where part.first?.isUppercase == true {
                names.insert(String(part))
            }
        }
        return names
    }
}
