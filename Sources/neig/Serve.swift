import ArgumentParser
import NEIGApp
import Vapor

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the web server (migrates first; demo data on an empty database).")

    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080

    func validate() throws { try FlagBounds.check(port, "--port", 1...65535) }
    @ArgumentParser.Flag(help: "Do not load demo data into an empty database.") var noDemo = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let arguments = ["neig", "serve", "--hostname", hostname, "--port", String(port)]
        try await AppRunner.withApp(database, loadDemoData: !noDemo, arguments: arguments) { app in
            let location = try DatabaseLocation.resolve(
                argument: database.database, environment: ProcessInfo.processInfo.environment)
            app.logger.info("database: \(location)")
            let configuration = try AppConfiguration.fromEnvironment(database: database.database, loadDemoData: !noDemo)
            if let outcome = try await prepareDatabase(app, loadDemoData: configuration.loadDemoData) {
                app.logger.notice(
                    "demo data loaded: \(outcome.incidents) synthetic incidents; demo logins (password '\(DemoSeeder.password)'):"
                )
                for account in outcome.accounts {
                    let note =
                        account.role.requiresSecondFactor
                        ? "  (tweestapsverificatie: authenticator-app koppelen bij eerste login)" : ""
                    app.logger.notice(
                        "  \(account.role.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(account.email)\(note)"
                    )
                }
            }
            let problems = try await ProductionReadiness.problems(configuration, on: app.db)
            guard problems.isEmpty else {
                for problem in problems { app.logger.critical("refusing to start in production: \(problem)") }
                throw ExitCode(1)
            }
            startBackgroundJobs(app)
            app.logger.notice(
                "neig is running at http://\(hostname):\(port)/\(configuration.isProduction ? " (production)" : "")")
            try await app.execute()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, nothing else.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await AppRunner.withApp(database) { app in
            _ = try await prepareDatabase(app, loadDemoData: false)
            print("database is up to date")
        }
    }
}
