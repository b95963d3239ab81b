/// The three phases of the handelingskader, and closed. A case moves only along the allowed transitions;
/// every move is appended to its history.
public enum CasePhase: String, CaseIterable, Codable, Sendable {
    case dreiging, explosie, nazorg, gesloten

    public var label: String {
        switch self {
        case .dreiging: "Dreiging"
        case .explosie: "Explosie"
        case .nazorg: "Nazorg"
        case .gesloten: "Gesloten"
        }
    }

    /// A threat can turn into an attack or pass; an attack is followed by aftercare; aftercare ends, or a new threat
    /// starts the cycle again; a closed case can be reopened when a new threat comes in.
    public var allowedNext: [CasePhase] {
        switch self {
        case .dreiging: [.explosie, .gesloten]
        case .explosie: [.nazorg]
        case .nazorg: [.dreiging, .explosie, .gesloten]
        case .gesloten: [.dreiging]
        }
    }

    public func canMove(to next: CasePhase) -> Bool { allowedNext.contains(next) }
}

/// Confidentiality levels as in the ZGW case types (Zaakgericht werken).
public enum CaseConfidentiality: String, CaseIterable, Codable, Sendable {
    case openbaar, beperktOpenbaar = "beperkt_openbaar", intern, zaakvertrouwelijk, vertrouwelijk, confidentieel, geheim

    public var label: String {
        switch self {
        case .openbaar: "Openbaar"
        case .beperktOpenbaar: "Beperkt openbaar"
        case .intern: "Intern"
        case .zaakvertrouwelijk: "Zaakvertrouwelijk"
        case .vertrouwelijk: "Vertrouwelijk"
        case .confidentieel: "Confidentieel"
        case .geheim: "Geheim"
        }
    }
}

extension AccessPolicy {
    /// The municipality's OOV staff and mayor run its cases; nobody outside the municipality sees them (yet:
    /// police and OM will see cases they shared information with, coordinators anonymised counts).
    public static func canManageCases(_ actor: Actor, municipalityCode: String?) -> Bool {
        guard let municipalityCode, [.municipalOfficer, .mayor].contains(actor.role) else { return false }
        return actor.municipalityCode == municipalityCode
    }

    public static let caseRoles: Set<Role> = [.municipalOfficer, .mayor]
}
