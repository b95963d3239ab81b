import ArgumentParser
import NEIGApp

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Near-repeat warnings.",
        subcommands: [Configure.self])

    struct Configure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a municipality's risk zone after an attack (default 400 m, 28 days).")
        @Option(help: "The municipality (GMxxxx).") var gemeente: String
        @Option(help: "Radius of the zone in metres.") var distance: Double
        @Option(help: "How many days the zone lasts.") var days: Int
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            try FlagBounds.check(distance, "--distance", 1...5000)
            try FlagBounds.check(days, "--days", 1...365)
        }

        func run() async throws {
            do {
                try await AppRunner.withApp(database) { app in
                    _ = try await prepareDatabase(app, loadDemoData: false)
                    try await NearRepeatAlertService.configure(
                        municipality: gemeente.uppercased(), radius: distance, days: days, on: app)
                }
            } catch let error as ConfigurationError {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
            print("\(gemeente.uppercased()): zone of \(Int(distance)) m for \(days) days")
        }
    }
}
