import ArgumentParser
import Foundation
import NEIGApp

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a consistent backup while neig keeps running.")
    @Option(help: "The backup file to create.") var output: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        do {
            try await AppRunner.withApp(database) { app in
                let location = try DatabaseLocation.resolve(
                    argument: database.database, environment: ProcessInfo.processInfo.environment)
                try await BackupService.backup(location, to: output, on: app.db)
            }
        } catch let error as BackupService.Failure {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        print("backup written to \(output)")
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup.", discussion: "Stop every neig serve process first.")
    @Option(help: "The backup file.") var input: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        do {
            let location = try DatabaseLocation.resolve(
                argument: database.database, environment: ProcessInfo.processInfo.environment)
            try BackupService.restore(location, from: input)
        } catch let error as BackupService.Failure {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        print("database restored from \(input)")
    }
}
