/// Where an intervention stands.
public enum InterventionStatus: String, CaseIterable, Codable, Sendable {
    case gepland, lopend, afgerond, gestopt

    public var label: String {
        switch self {
        case .gepland: "Gepland"
        case .lopend: "Loopt"
        case .afgerond: "Afgerond"
        case .gestopt: "Gestopt"
        }
    }
}

/// The action plan's rule: what works is continued, what does not is stopped or adjusted.
public enum InterventionDecisionKind: String, CaseIterable, Codable, Sendable {
    case voortzetten, bijstellen, stoppen

    public var label: String {
        switch self {
        case .voortzetten: "Voortzetten"
        case .bijstellen: "Bijstellen"
        case .stoppen: "Stoppen"
        }
    }
}

/// Postcode-4 areas as members type them ("1011, 1012 1013").
public enum PostcodeAreas {
    /// The areas, or the first part that is not a postcode-4 area.
    public static func parse(_ text: String) -> (areas: [String], invalid: String?) {
        var areas: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" || $0 == "\n" }) {
            let area = String(part)
            guard area.count == 4, area.allSatisfy(\.isASCIIDigit), area.first != "0" else { return ([], area) }
            if !areas.contains(area) { areas.append(area) }
        }
        return (areas, nil)
    }
}
