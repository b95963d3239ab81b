import Fluent
import NEIGCore
import Vapor

/// Fills an empty database with synthetic incidents and one account per role, so a new user sees a
/// working platform at once. Everything it creates is marked as demo.
public enum DemoSeeder {
    public static let password = "demo-wachtwoord-neig"

    public struct Account: Sendable {
        public let email: String
        public let role: Role
        public let organisation: String
    }

    public struct Outcome: Sendable {
        public let accounts: [Account]
        public let incidents: Int
    }

    struct Partner {
        let code: String
        let name: String
        let kind: OrganisationKind
    }

    static let partners = [
        Partner(code: "vng", name: "VNG — Netwerk Explosies In Gemeenten", kind: .vng),
        Partner(code: "politie-amsterdam", name: "Politie Eenheid Amsterdam (demo)", kind: .police),
        Partner(code: "om-amsterdam", name: "Openbaar Ministerie, arrondissement Amsterdam (demo)", kind: .prosecution),
        Partner(code: "woningcorporatie-demo", name: "Woningcorporatie Voorbeeld (demo)", kind: .housingCorporation),
        Partner(code: "ondernemers-demo", name: "Ondernemersvereniging Voorbeeld (demo)", kind: .businessAssociation),
        Partner(code: "neig-beheer", name: "neig beheer", kind: .operator)
    ]

    public static let accounts: [(email: String, name: String, role: Role, organisation: String)] = [
        ("coordinator@demo.neig.nl", "Carla Coördinator", .coordinator, "vng"),
        ("oov.amsterdam@demo.neig.nl", "Olaf OOV-adviseur", .municipalOfficer, "GM0363"),
        ("oov.rotterdam@demo.neig.nl", "Rana OOV-adviseur", .municipalOfficer, "GM0599"),
        ("burgemeester.amsterdam@demo.neig.nl", "Bram Burgemeester", .mayor, "GM0363"),
        ("politie@demo.neig.nl", "Pieter Politie", .police, "politie-amsterdam"),
        ("om@demo.neig.nl", "Olga Officier", .prosecutor, "om-amsterdam"),
        ("corporatie@demo.neig.nl", "Wim Woningcorporatie", .housingCorporation, "woningcorporatie-demo"),
        ("ondernemers@demo.neig.nl", "Bea Bedrijven", .business, "ondernemers-demo"),
        ("analist@demo.neig.nl", "Anna Analist", .analyst, "vng"),
        ("beheer@demo.neig.nl", "Bert Beheerder", .admin, "neig-beheer")
    ]

    /// Seeds only a database without users and incidents: never mixes demo data into real data.
    public static func seedIfEmpty(_ app: Application) async throws -> Outcome? {
        guard try await User.query(on: app.db).count() == 0, try await Incident.query(on: app.db).count() == 0 else {
            return nil
        }
        let registry = app.neig.municipalities
        let hash = try await AccountService.hashPassword(password, cost: app.neig.passwordHashCost, on: app)
        let incidents = DemoData(registry: registry, today: app.neig.clock.today).incidents()
        try await app.db.transaction { tx in
            for partner in partners {
                try await Organisation(code: partner.code, name: partner.name, kind: partner.kind).create(on: tx)
            }
            for account in accounts {
                let organisation = try await Organisation.forAccount(
                    code: account.organisation, role: account.role, registry: registry, on: tx)
                try await User(
                    email: account.email, name: account.name, role: account.role,
                    organisationID: try organisation.requireID(), passwordHash: hash
                ).create(on: tx)
            }
            _ = try await IncidentStore.insert(incidents, on: tx, now: app.neig.clock.now())
            try await Audit.record(
                "demo.seed", object: "database", detail: "incidents=\(incidents.count) users=\(accounts.count)",
                actor: "system", at: app.neig.clock.now(), on: tx)
        }
        try await DemoCases.seed(app)
        if let coordinator = try await User.query(on: app.db).filter(\.$email == "coordinator@demo.neig.nl").first() {
            try await DemoLibrary.seed(app, author: coordinator)
            try await DemoNetwork.seed(app, coordinator: coordinator)
            try await DemoInterventions.seed(app, coordinator: coordinator)
        }
        // The last weeks' attacks get their near-repeat warnings, as if they had just been registered.
        let recent = try await Incident.query(on: app.db)
            .filter(\.$occurredOn >= app.neig.clock.today.adding(days: -NearRepeatZoneSettings.standard.days).iso).all()
        await NearRepeatAlertService.evaluateLogged(recent, app: app, actor: "system")
        return Outcome(
            accounts: accounts.map { Account(email: $0.email, role: $0.role, organisation: $0.organisation) },
            incidents: incidents.count)
    }
}
