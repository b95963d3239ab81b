/// Who is asking: their role and, for municipal staff, their municipality.
public struct Actor: Sendable, Equatable {
    public let role: Role
    public let municipalityCode: String?
    public init(role: Role, municipalityCode: String?) {
        self.role = role
        self.municipalityCode = municipalityCode
    }
}

/// The access rules of the incident register and the monitor, in one place so that every route
/// and every export applies the same ones.
public enum AccessPolicy {
    /// Police and prosecutors work across municipalities; VNG coordinators support all of them.
    static let rolesSeeingAllAddresses: Set<Role> = [.police, .prosecutor, .coordinator]

    /// Addresses and exact coordinates identify victims, so only the municipality itself and the
    /// partners with a legal task see them; everyone else sees counts.
    public static func canSeeLocation(_ actor: Actor, municipalityCode: String) -> Bool {
        rolesSeeingAllAddresses.contains(actor.role) || actor.municipalityCode == municipalityCode
    }

    /// Police register attacks; coordinators correct the register on behalf of the network.
    public static func canEnterIncidents(_ actor: Actor) -> Bool {
        [.police, .coordinator, .admin].contains(actor.role)
    }

    public static func canImportIncidents(_ actor: Actor) -> Bool {
        [.analyst, .coordinator, .police, .admin].contains(actor.role)
    }

    /// Near-repeat analyses: analysts, coordinators and police for any area, municipal staff for their own
    /// municipality (`nil` is the whole country).
    public static func canAnalyse(_ actor: Actor, municipalityCode: String?) -> Bool {
        switch actor.role {
        case .analyst, .coordinator, .police: true
        case .municipalOfficer: municipalityCode != nil && municipalityCode == actor.municipalityCode
        case .mayor, .prosecutor, .housingCorporation, .business, .admin: false
        }
    }

    public static let analysts: Set<Role> = [.analyst, .coordinator, .police, .municipalOfficer]
}
