import Foundation
import NEIGCore
import Testing

@testable import NEIGApp

@Suite struct ProductionReadinessTests {
    @Test func productionRefusesDemoAccountsAndDemoIncidents() async throws {
        try await withNEIGApp(demo: true) { app in
            var configuration = AppConfiguration(database: app.neig.database, isProduction: true)
            let problems = try await ProductionReadiness.problems(configuration, on: app.db)
            #expect(problems.count == 2)
            #expect(problems[0].contains("10 demo accounts"))
            configuration.isProduction = false
            #expect(try await ProductionReadiness.problems(configuration, on: app.db).isEmpty)
            let weak = AppConfiguration(
                database: .postgres(url: "postgres://neig:postgres@db:5432/neig"), isProduction: true)
            #expect(
                try await ProductionReadiness.problems(weak, on: app.db).first?.contains("database password") == true)
        }
    }

    @Test func productionRefusesDefaultDatabasePasswordsAndNeverLogsThem() throws {
        let weak = try AppConfiguration.fromEnvironment(
            database: "postgres://neig:postgres@db.internal:5432/neig", loadDemoData: true,
            environment: ["NEIG_ENV": "production"])
        #expect(weak.isProduction)
        #expect(!weak.loadDemoData, "production never loads demo data")
        #expect(weak.secureCookies, "production sets Secure cookies unless told otherwise")
        #expect(weak.database.description == "postgres://neig:***@db.internal:5432/neig")
        #expect(weak.database.password == "postgres")
    }

    @Test func theDatabaseURLCanComeFromASecretFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("db-url-\(UUID())").path
        try "postgres://neig:Lang-en-geheim-2025@db:5432/neig\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let location = try DatabaseLocation.resolve(argument: nil, environment: ["DATABASE_URL_FILE": file])
        #expect(location == .postgres(url: "postgres://neig:Lang-en-geheim-2025@db:5432/neig"))
    }
}
