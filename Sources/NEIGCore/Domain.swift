/// What was hit. Values are the lower-case Dutch codes used in police files and the CSV format.
public enum TargetType: String, CaseIterable, Codable, Sendable, Comparable {
    case woning, bedrijf, voertuig, overig

    public var label: String {
        switch self {
        case .woning: "Woning"
        case .bedrijf: "Bedrijf"
        case .voertuig: "Voertuig"
        case .overig: "Overig"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The means used in the attack.
public enum AttackMeans: String, CaseIterable, Codable, Sendable {
    case explosief, vuurwerk, handgranaat, onbekend

    public var label: String {
        switch self {
        case .explosief: "Explosief"
        case .vuurwerk: "Vuurwerk (zwaar)"
        case .handgranaat: "Handgranaat"
        case .onbekend: "Onbekend"
        }
    }
}

/// One role per user; what a role may do is decided in NEIGApp.
public enum Role: String, CaseIterable, Codable, Sendable {
    case coordinator
    case municipalOfficer = "municipal_officer"
    case mayor
    case police
    case prosecutor
    case housingCorporation = "housing_corporation"
    case business
    case analyst
    case admin

    public var label: String {
        switch self {
        case .coordinator: "Netwerkcoördinator (VNG)"
        case .municipalOfficer: "Gemeentelijk medewerker (OOV)"
        case .mayor: "Burgemeester"
        case .police: "Politie"
        case .prosecutor: "Openbaar Ministerie"
        case .housingCorporation: "Woningcorporatie"
        case .business: "Ondernemersvereniging"
        case .analyst: "Analist"
        case .admin: "Beheerder"
        }
    }

    /// Roles that decide on measures or hold police and OM information log in with a second factor
    /// (TOTP); see BIO and OWASP ASVS 2.7/2.8.
    public var requiresSecondFactor: Bool {
        switch self {
        case .mayor, .police, .prosecutor, .coordinator, .admin: true
        case .municipalOfficer, .housingCorporation, .business, .analyst: false
        }
    }
}

/// The kind of organisation a user belongs to.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case municipality, police, prosecution, housingCorporation = "housing_corporation"
    case businessAssociation = "business_association", vng, ministry
    /// Whoever runs neig (the administrators' home).
    case `operator`
    case other

    public var label: String {
        switch self {
        case .municipality: "gemeente"
        case .police: "politie-eenheid"
        case .prosecution: "Openbaar Ministerie"
        case .housingCorporation: "woningcorporatie"
        case .businessAssociation: "ondernemersvereniging"
        case .vng: "VNG"
        case .ministry: "ministerie"
        case .operator: "beheerder van neig"
        case .other: "overig"
        }
    }
}

extension Role {
    /// The kinds of organisation a holder of this role can work for. A role outside them would inherit the
    /// organisation's rights: a housing corporation's employee in a municipality's organisation reads its
    /// attack addresses. Every path that creates or moves an account checks this.
    public var organisationKinds: Set<OrganisationKind> {
        switch self {
        case .municipalOfficer, .mayor: [.municipality]
        case .police: [.police]
        case .prosecutor: [.prosecution]
        case .housingCorporation: [.housingCorporation]
        case .business: [.businessAssociation]
        case .analyst, .coordinator: [.vng, .ministry]
        case .admin: [.operator]
        }
    }

    /// The kind a new partner organisation gets when it is created for this role.
    public var defaultOrganisationKind: OrganisationKind {
        switch self {
        case .municipalOfficer, .mayor: .municipality
        case .police: .police
        case .prosecutor: .prosecution
        case .housingCorporation: .housingCorporation
        case .business: .businessAssociation
        case .analyst, .coordinator: .vng
        case .admin: .operator
        }
    }

    public func fits(_ kind: OrganisationKind) -> Bool { organisationKinds.contains(kind) }
}
