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
    public static let rolesSeeingAllAddresses: Set<Role> = [.police, .prosecutor, .coordinator]

    /// Addresses and exact coordinates identify victims, so only the municipality itself and the
    /// partners with a legal task see them; everyone else sees counts.
    public static func canSeeLocation(_ actor: Actor, municipalityCode: String) -> Bool {
        rolesSeeingAllAddresses.contains(actor.role) || actor.municipalityCode == municipalityCode
    }

    /// Police register attacks; coordinators correct the register on behalf of the network.
    public static func canEnterIncidents(_ actor: Actor) -> Bool { incidentEditors.contains(actor.role) }

    public static func canImportIncidents(_ actor: Actor) -> Bool { incidentImporters.contains(actor.role) }

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

/// Every set of roles that a rule names, defined once: the routes, the access matrix and the checks all use these.
extension AccessPolicy {
    public static let incidentEditors: Set<Role> = [.police, .coordinator, .admin]
    public static let incidentImporters: Set<Role> = [.analyst, .coordinator, .police, .admin]
    /// Who reads a case: the municipality running it, and police and OM it is shared with.
    public static let caseViewers: Set<Role> = caseRoles.union(informationSharers)
    /// Who opens the list of cases; coordinators see counts per municipality, not the cases.
    public static let caseListers: Set<Role> = caseViewers.union([.coordinator])
    /// Who police and OM information can be addressed to, besides named users.
    public static let informationRecipients: [Role] = [.mayor, .municipalOfficer]
    public static let signalSenders: Set<Role> = [.housingCorporation, .business, .police]
    public static let signalViewers: Set<Role> = signalSenders.union(caseRoles)
    public static let signalListers: Set<Role> = signalViewers.union([.coordinator])
    public static let eventOrganisers: Set<Role> = [.coordinator, .municipalOfficer]
    /// Who edits the handelingskader's checklists: municipalities their own, coordinators the national one.
    public static let checklistEditors: Set<Role> = caseRoles.union([.coordinator])
    public static let interventionEditors: Set<Role> = [.coordinator, .municipalOfficer, .mayor, .analyst]
    /// Roles one can apply for; mayors, coordinators and administrators are set up by the network itself.
    public static let applicableRoles: [Role] = [
        .municipalOfficer, .police, .prosecutor, .housingCorporation, .business, .analyst
    ]
}
