import ArgumentParser
import Foundation
import NEIGApp

struct LibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library", abstract: "The knowledge library.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Load library items from JSON lines (title, summary, body, kind, lines, phases, visibility, author_organisation): all or none."
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The JSON-lines file.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("cannot read \(file)")
                throw ExitCode(2)
            }
            let result = try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                return try await LibraryImporter.run(data, actor: "cli", app: app)
            }
            switch result {
            case .imported(let count): print("imported \(count) library items")
            case .rejected(let problems):
                for problem in problems.prefix(100) { printError(problem.description) }
                printError("nothing imported: \(problems.count) problems")
                throw ExitCode(1)
            }
        }
    }
}
