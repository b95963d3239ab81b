import ArgumentParser
import NEIGApp

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Checks over all accounts.",
        subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List accounts whose role does not fit the kind of their organisation (exit 1 when there are any).",
            discussion:
                "Nothing is changed: such an account keeps no municipality's rights until it is moved or its role corrected."
        )
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let mismatches = try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                return try await AccountService.mismatchedAccounts(on: app)
            }
            for item in mismatches {
                print(
                    "\(item.email)\trole=\(item.role)\torganisation=\(item.organisation)\tkind=\(item.kind)\tallowed=\(item.allowed.joined(separator: ","))"
                )
            }
            printError(
                mismatches.isEmpty
                    ? "all accounts fit their organisation"
                    : "\(mismatches.count) accounts do not fit their organisation")
            if !mismatches.isEmpty { throw ExitCode(1) }
        }
    }
}
