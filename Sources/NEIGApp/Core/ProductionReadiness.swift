import Fluent
import Vapor

/// What stops `neig serve` in production mode (BIO / ASVS 14.1): demo accounts with a published password,
/// and database passwords that are defaults or guessable.
public enum ProductionReadiness {
    static let defaultPasswords: Set<String> = [
        "postgres", "password", "wachtwoord", "neig", "admin", "secret", "changeme",
        "welkom", "test", "123456"
    ]

    public static func problems(_ configuration: AppConfiguration, on db: any Database) async throws -> [String] {
        guard configuration.isProduction else { return [] }
        var problems: [String] = []
        if let password = configuration.database.password,
            defaultPasswords.contains(password.lowercased()) || password.count < 12
        {
            problems.append(
                "the database password is a default or shorter than 12 characters; set a strong one in DATABASE_URL or DATABASE_URL_FILE"
            )
        }
        let demoEmails = DemoSeeder.accounts.map(\.email)
        let demoUsers = try await User.query(on: db).filter(\.$email ~~ demoEmails).count()
        if demoUsers > 0 {
            problems.append(
                "\(demoUsers) demo accounts with the published demo password exist; production needs a database without demo data"
            )
        }
        if try await Incident.query(on: db).filter(\.$source == "demo").count() > 0 {
            problems.append(
                "the register holds demo incidents (source 'demo'); production needs a database without demo data")
        }
        return problems
    }
}
