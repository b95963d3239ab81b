import Fluent
import NEIGCore
import Vapor

/// A municipality (by CBS code) or a named partner organisation: police unit, OM, housing corporation, …
final class Organisation: Model, Content, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    /// `GM0363` for a municipality, a short slug such as `politie-amsterdam` otherwise.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: OrganisationKind
    @OptionalField(key: "municipality_code") var municipalityCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, code: String, name: String, kind: OrganisationKind, municipalityCode: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.municipalityCode = municipalityCode
    }

    /// The organisation a new account with `role` joins: an existing one of a kind the role fits, or — for a code
    /// not yet known — a new one (a GM code becomes that municipality, any other code a partner of the role's
    /// kind). A mismatch is refused with a message naming both, never repaired.
    static func forAccount(
        code: String, role: Role, name: String? = nil, registry: MunicipalityRegistry,
        on db: any Database
    ) async throws -> Organisation {
        if let existing = try await Organisation.query(on: db).filter(\.$code == code).first() {
            try existing.check(role)
            return existing
        }
        let organisation: Organisation
        if let municipality = registry[code] {
            organisation = Organisation(
                code: code, name: "Gemeente \(municipality.displayName)", kind: .municipality, municipalityCode: code)
        } else if Municipality.isValidCode(code) {
            throw ConfigurationError("\(code) is not a municipality code in the reference table")
        } else if role.fits(.municipality) {
            throw ConfigurationError(
                "role \(role.rawValue) belongs to a municipality; '\(code)' is not a municipality code (GMxxxx)")
        } else {
            guard code.count <= 60,
                code.allSatisfy({ ($0.isLetter || $0.isNumber) && $0.isASCII || $0 == "-" || $0 == "_" }),
                code.first?.isLetter == true
            else {
                throw ConfigurationError(
                    "'\(code)' is not an organisation code (letters, digits, hyphens and underscores, at most 60)")
            }
            let name = (name ?? code).trimmingCharacters(in: .whitespaces)
            if try await Organisation.query(on: db).filter(\.$name == name).first() != nil {
                throw ConfigurationError("an organisation named '\(name)' exists under another code")
            }
            organisation = Organisation(code: code, name: name, kind: role.defaultOrganisationKind)
        }
        try organisation.check(role)
        try await organisation.save(on: db)
        return organisation
    }

    func check(_ role: Role) throws {
        guard role.fits(kind) else {
            throw RoleMismatch(role: role, organisation: code, kind: kind)
        }
    }
}

/// A role in an organisation of a kind it does not belong to.
struct RoleMismatch: Error, CustomStringConvertible {
    let role: Role
    let organisation: String
    let kind: OrganisationKind?

    var description: String {
        "role \(role.rawValue) cannot belong to \(organisation) (\(kind?.rawValue ?? "unknown kind")); it belongs to: "
            + role.organisationKinds.map(\.rawValue).sorted().joined(separator: ", ")
    }

    /// For the coordinator's approval page.
    var dutch: String {
        "Een \(role.label.lowercased()) hoort bij een \(role.organisationKinds.map(\.label).sorted().joined(separator: " of ")), "
            + "niet bij \(organisation) (\(kind?.label ?? "onbekend soort"))."
    }
}
