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
    @Field(key: "kind") var kind: String
    @OptionalField(key: "municipality_code") var municipalityCode: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, code: String, name: String, kind: OrganisationKind, municipalityCode: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind.rawValue
        self.municipalityCode = municipalityCode
    }

    /// Finds or creates the organisation for a code: a GM code becomes that municipality.
    static func findOrCreate(code: String, registry: MunicipalityRegistry, on db: any Database) async throws -> Organisation {
        if let existing = try await Organisation.query(on: db).filter(\.$code == code).first() { return existing }
        let organisation: Organisation
        if let municipality = registry[code] {
            organisation = Organisation(code: code, name: "Gemeente \(municipality.displayName)", kind: .municipality,
                                        municipalityCode: code)
        } else if Municipality.isValidCode(code) {
            throw ConfigurationError("\(code) is not a municipality code in the reference table")
        } else {
            organisation = Organisation(code: code, name: code, kind: .other)
        }
        try await organisation.save(on: db)
        return organisation
    }
}
