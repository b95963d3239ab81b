import ArgumentParser
import Foundation
import NEIGApp
import NEIGCore

#if canImport(Glibc)
    import Glibc
#endif

extension Role: ExpressibleByArgument {}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.",
        subcommands: [Create.self, ResetSecondFactor.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account.",
            discussion: "The password is read from standard input when that is not a terminal, prompted for otherwise.")

        @Option var email: String
        @Option var name: String
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: Role
        @Option(help: "A municipality code (GM0363) or an organisation code.") var organisation: String
        @Flag(help: "Generate a password and print it.") var generatePassword = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let password: String
            if generatePassword {
                password = AccountService.generatePassword()
            } else if isatty(STDIN_FILENO) != 0 {
                guard let entered = getpass("Wachtwoord: ") else { throw ExitCode(2) }
                password = String(cString: entered)
            } else {
                password = (readLine(strippingNewline: true) ?? "")
            }
            do {
                try await AppRunner.withApp(database) { app in
                    _ = try await prepareDatabase(app, loadDemoData: false)
                    try await AccountService.createUser(
                        email: email, name: name, role: role, organisationCode: organisation,
                        password: password, on: app)
                }
            } catch let error as ConfigurationError {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
            print("created \(email) (\(role.rawValue))")
            if generatePassword { print(password) }
        }
    }
}

extension UserCommand {
    struct ResetSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-second-factor",
            abstract:
                "Remove an account's authenticator and recovery codes, e.g. after a lost phone; ends its sessions.",
            discussion: "At the next login the user enrols a new authenticator app. Check the person's identity first.")

        @Option var email: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            do {
                try await AppRunner.withApp(database) { app in
                    _ = try await prepareDatabase(app, loadDemoData: false)
                    try await AccountService.resetSecondFactor(email: email, on: app)
                }
            } catch let error as ConfigurationError {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
            print("second factor of \(email) removed; the next login enrols a new one")
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a personal API token; it is printed once, on the last line.")
        @Option var email: String
        @Option(help: "What the token is for.") var label = "cli"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            do {
                let token = try await AppRunner.withApp(database) { app in
                    _ = try await prepareDatabase(app, loadDemoData: false)
                    return try await AccountService.createToken(email: email, label: label, on: app)
                }
                print("token for \(email) (shown once; use it as 'Authorization: Bearer …'):")
                print(token)
            } catch let error as ConfigurationError {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
        }
    }
}
