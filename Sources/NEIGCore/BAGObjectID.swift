/// The identification of an addressable object in the BAG (Basisregistratie Adressen en Gebouwen): sixteen digits,
/// the municipality code at the time the object was registered, the object type and a serial number. A verblijfsobject
/// (`01`), ligplaats (`02`) or standplaats (`03`) is the place an address belongs to; it stays the same when the
/// street is renamed or the address is spelled differently, so it recognises one address across incidents and cases.
public enum BAGObjectID {
    public static let length = 16
    public static let addressableTypes: Set<Substring> = ["01", "02", "03"]

    public enum Problem: Error, Equatable {
        case notDigits, wrongLength(Int), notAddressable(String)

        public var reason: String {
            switch self {
            case .notDigits:
                "een BAG-id bestaat uit 16 cijfers, bijvoorbeeld 0363010000758545"
            case .wrongLength(let count):
                "een BAG-id heeft 16 cijfers, dit zijn er \(count)"
            case .notAddressable(let type):
                "dit is geen BAG-id van een verblijfsobject, ligplaats of standplaats (objecttype \(type), verwacht 01, 02 of 03)"
            }
        }
    }

    /// The id as stored, or why the text is not one. Leading zeros that a spreadsheet dropped are restored: the id is
    /// fixed-width and municipality codes are at least 0003, so 13 to 15 digits can only mean a shortened id.
    public static func parse(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return .failure(.notDigits)
        }
        guard (13...length).contains(trimmed.utf8.count) else { return .failure(.wrongLength(trimmed.utf8.count)) }
        let id = String(repeating: "0", count: length - trimmed.utf8.count) + trimmed
        let type = id.dropFirst(4).prefix(2)
        guard addressableTypes.contains(type) else { return .failure(.notAddressable(String(type))) }
        return .success(id)
    }
}
