import Fluent
import NEIGCore
import Plot
import SQLKit
import Vapor

/// The BAG object id on incidents and cases: the same place, whatever the spelling of its address.
struct AddBAGIDs: AsyncMigration {
    static let columns = [
        AddedColumn(table: Incident.schema, field: "bag_id", type: .string),
        AddedColumn(table: CaseFile.schema, field: "bag_id", type: .string)
    ]

    /// Columns and indexes in one transaction, so a failure leaves the schema as it was and the next start retries.
    func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.addColumns(Self.columns)
            try await tx.sql.create(index: "incidents_bag_id").on(Incident.schema).column("bag_id").run()
            try await tx.sql.create(index: "cases_bag_id").on(CaseFile.schema).column("bag_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.sql.drop(index: "incidents_bag_id").run()
            try await tx.sql.drop(index: "cases_bag_id").run()
            try await tx.dropColumns(Self.columns)
        }
    }
}

/// Other incidents and cases at an incident's or a case's address: the same BAG object, or (for incidents without
/// one) the same written address and postcode. Only what the viewer may see is returned.
enum SameAddress {
    static let limit = 20

    struct Matches {
        var incidents: [Incident] = []
        var cases: [CaseFile] = []

        var isEmpty: Bool { incidents.isEmpty && cases.isEmpty }
    }

    /// Within the one municipality: the same id or spelling elsewhere is another place or a mistake, and the query
    /// then holds only rows the viewer may see, so the limit does not cut visible ones.
    static func incidents(
        bagID: String?, addressKey: String?, municipalityCode: String, excluding id: UUID?, actor: Actor,
        on db: any Database
    ) async throws -> [Incident] {
        guard bagID != nil || addressKey != nil,
            AccessPolicy.canSeeLocation(actor, municipalityCode: municipalityCode)
        else { return [] }
        let query = Incident.query(on: db).filter(\.$municipalityCode == municipalityCode).group(.or) { group in
            if let bagID { group.filter(\.$bagID == bagID) }
            if let addressKey { group.filter(\.$addressKey == addressKey) }
        }
        if let id { query.filter(\.$id != id) }
        return try await query.sort(\.$occurredOn, .descending).sort(\.$sourceID).limit(limit).all()
    }

    /// Cases are the municipality's own; a police or OM partner sees those shared with them.
    static func cases(bagID: String?, excluding id: UUID?, user: User, on db: any Database) async throws -> [CaseFile] {
        guard let bagID else { return [] }
        let query = CaseFile.query(on: db).filter(\.$bagID == bagID)
        if let id { query.filter(\.$id != id) }
        if AccessPolicy.caseRoles.contains(user.role) {
            query.filter(\.$municipalityCode == user.actor.municipalityCode ?? "")
        } else {
            guard AccessPolicy.informationSharers.contains(user.role) else { return [] }
            let shared = try await CaseAccess.partnerCaseIDs(of: user, on: db)
            guard !shared.isEmpty else { return [] }
            query.filter(\.$id ~~ shared)
        }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all()
    }

    static func forIncident(_ incident: Incident, user: User, on db: any Database) async throws -> Matches {
        let actor = user.actor
        guard AccessPolicy.canSeeLocation(actor, municipalityCode: incident.municipalityCode) else { return Matches() }
        return Matches(
            incidents: try await incidents(
                bagID: incident.bagID, addressKey: incident.addressKey, municipalityCode: incident.municipalityCode,
                excluding: incident.id, actor: actor, on: db),
            cases: try await cases(bagID: incident.bagID, excluding: nil, user: user, on: db))
    }
}

/// "Op dit adres": the other attacks and the cases at the same place, each a link.
struct SameAddressSection {
    let matches: SameAddress.Matches
    let bagID: String?

    func node<Context: HTML.BodyContext>() -> Node<Context> {
        guard !matches.isEmpty else { return .empty }
        return .element(
            named: "section",
            nodes: [
                .class("same-address"), .attribute(named: "aria-labelledby", value: "op-dit-adres"),
                .h2(.id("op-dit-adres"), .text("Op dit adres")),
                .p(
                    .class("muted"),
                    .text(
                        bagID.map {
                            "Herkend aan het BAG-object \($0)"
                                + (matches.incidents.isEmpty ? "." : " of aan hetzelfde adres en dezelfde postcode.")
                        } ?? "Herkend aan hetzelfde adres en dezelfde postcode.")),
                .if(
                    !matches.incidents.isEmpty,
                    .group(
                        .h3(.text(matches.incidents.count.counted(.otherAttack))),
                        .ul(
                            .forEach(matches.incidents) { incident in
                                .li(
                                    .a(
                                        .href(SiteURL.incident(id: incident.id!).path),
                                        .text(
                                            "\(CivilDate.dutch(iso: incident.occurredOn)) — "
                                                + "\(incident.target.label), \(incident.address ?? "adres onbekend")")),
                                    .if(
                                        bagID != nil && incident.bagID == bagID,
                                        .span(.class("muted"), .text(" (zelfde BAG-object)"))))
                            }))),
                .if(
                    !matches.cases.isEmpty,
                    .group(
                        .h3(.text(matches.cases.count.counted(.caseFile))),
                        .ul(
                            .forEach(matches.cases) { caseFile in
                                .li(
                                    .a(.href(SiteURL.caseFile(id: caseFile.id!).path), .text(caseFile.title)),
                                    .text(
                                        " — \(caseFile.phase.label.lowercased()), geopend \(CivilDate.dutch(iso: caseFile.openedOn))"
                                    ))
                            })))
            ])
    }
}
