import ArgumentParser
import NEIGApp

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The tamper-evident audit log.",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the hash chain; exit 1 naming the first entry that was changed or removed.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let result = try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                try await AuditChain.seal(on: app.db)
                return try await AuditChain.verify(on: app.db)
            }
            guard let problem = result.problem else {
                print("audit chain intact: \(result.entries) entries")
                return
            }
            printError("audit chain broken: \(problem) (\(result.entries) entries before it are intact)")
            throw ExitCode(1)
        }
    }
}
