import ArgumentParser
import Foundation
import NEIGApp

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data files.", subcommands: [Incidents.self])

    struct Incidents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an incident file (CSV in UTF-8 or Windows-1252, or an .xlsx workbook): all rows or none.",
            discussion:
                "Problems are printed as 'line N, column C: reason' on standard error, all of them in one pass; "
                + "values read in another spelling are printed as 'note: …'. Exit status 1 when the file is rejected."
        )

        @Argument(help: "The CSV or .xlsx file.") var file: String
        @Flag(help: "Check the file and report what would happen, without writing.") var dryRun = false
        @Option(help: "The source of the file; bron_id is unique per source.") var source = "politie"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("cannot read \(file)")
                throw ExitCode(2)
            }
            let outcome = try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                return try await IncidentImporter.run(
                    [UInt8](data), source: source, dryRun: dryRun, actor: "cli", app: app)
            }
            for problem in outcome.problems { printError(problem.description) }
            if outcome.omittedProblems > 0 { printError("… and \(outcome.omittedProblems) more problems") }
            for note in outcome.notes { printError("note: \(note.description)") }
            if !outcome.readAs.isEmpty { print("read as \(outcome.readAs)") }
            let s = outcome.summary
            let verb = outcome.dryRun ? "would insert" : "inserted"
            print(
                "\(verb) \(s.inserted), already present \(s.alreadyPresent), rejected \(s.rejected)"
                    + (outcome.succeeded
                        ? "" : " — file rejected, nothing written (\(outcome.problems.count) problems)"))
            if !outcome.succeeded { throw ExitCode(1) }
        }
    }
}
