import ArgumentParser
import Foundation
import NEIGApp
import NEIGCore

struct Monitor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the year figures against the previous year.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv, table }

    @Option(help: "The year.") var year: Int
    @Option(help: "json, csv or table.") var format: Format = .json

    func validate() throws { try FlagBounds.check(year, "--year", 2000...2100) }
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let report = try await AppRunner.withApp(database) { app in
            _ = try await prepareDatabase(app, loadDemoData: false)
            return try await MonitorService.report(year: year, on: app)
        }
        switch format {
        case .json: print(try MonitorFormatting.json(report))
        case .csv: print(MonitorFormatting.csv(report), terminator: "")
        case .table: print(MonitorFormatting.table(report), terminator: "")
        }
    }
}
