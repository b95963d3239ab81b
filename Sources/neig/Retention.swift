import ArgumentParser
import NEIGApp
import NEIGCore

struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Delete what the retention periods no longer allow.",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Delete closed cases, expired police/OM information and settled signals past their periods; an audit stub stays."
        )
        @OptionGroup var database: DatabaseOptions
        @Flag(name: .customLong("dry-run"), help: "Only show what would be deleted.") var dryRun = false
        @Option(help: "Days a closed case is kept after closure.") var closedCaseDays = RetentionPolicy().closedCaseDays
        @Option(help: "Days an information item is kept after it expired.") var informationDays = RetentionPolicy()
            .expiredInformationDays
        @Option(help: "Days a linked or rejected signal is kept.") var signalDays = RetentionPolicy().settledSignalDays

        func validate() throws {
            guard [closedCaseDays, informationDays, signalDays].allSatisfy({ (0...36_500).contains($0) }) else {
                throw ValidationError("retention periods are whole days from 0 to 36500")
            }
        }

        func run() async throws {
            let policy = RetentionPolicy(
                closedCaseDays: closedCaseDays, expiredInformationDays: informationDays, settledSignalDays: signalDays)
            let report = try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                return try await RetentionService.run(policy: policy, dryRun: dryRun, actor: "cli", app: app)
            }
            let verb = dryRun ? "would delete" : "deleted"
            print(
                "\(verb): \(report.closedCases.count) closed cases, \(report.expiredInformation.count) information items, "
                    + "\(report.settledSignals.count) signals")
            for (kind, ids) in [
                ("case", report.closedCases), ("information", report.expiredInformation),
                ("signal", report.settledSignals)
            ] {
                for id in ids { print("  \(kind) \(id.uuidString.lowercased())") }
            }
        }
    }
}
