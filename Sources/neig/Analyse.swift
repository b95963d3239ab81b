import ArgumentParser
import Foundation
import NEIGApp
import NEIGCore

extension DistanceMetric: ExpressibleByArgument {}

struct Analyse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Space-time analyses: Knox test, near-repeat matrix, local Knox and hotspots.",
        subcommands: [KnoxCommand.self, NearRepeatCommand.self, LocalKnoxCommand.self, HotspotsCommand.self])
}

/// Where the incidents come from: a CSV file in the import format, or the register.
struct AnalysisSource: ParsableArguments {
    @Option(help: "An incident CSV file (the import format). Without it the register is read.") var input: String?
    @Option(help: "Only this municipality (GMxxxx), when reading the register.") var gemeente: String?
    @Option(help: "First date (YYYY-MM-DD), when reading the register.") var from: String?
    @Option(help: "Last date (YYYY-MM-DD), when reading the register.") var to: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] where value != nil && CivilDate(parsing: value!) == nil {
            throw ValidationError("\(name): '\(value!)' is not a date (YYYY-MM-DD)")
        }
        if let gemeente, !Municipality.isValidCode(gemeente) {
            throw ValidationError("--gemeente: '\(gemeente)' is not a GMxxxx code")
        }
        if input != nil, gemeente != nil || from != nil || to != nil {
            throw ValidationError(
                "--gemeente, --from and --to select from the register; filter the file itself instead")
        }
    }

    func load() async throws -> AnalysisInput {
        guard let input else {
            return try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                return try await AnalysisInput.load(
                    municipality: gemeente, from: from.flatMap(CivilDate.init(parsing:)),
                    to: to.flatMap(CivilDate.init(parsing:)), on: app.db)
            }
        }
        guard let data = FileManager.default.contents(atPath: input) else {
            printError("cannot read \(input)")
            throw ExitCode(1)
        }
        let parser = IncidentImportParser(municipalities: .bundled, today: NEIGClock.system.today)
        let parsed = parser.parse(Array(data))
        guard parsed.problems.isEmpty else {
            for problem in parsed.problems { printError(problem.description) }
            printError("\(input): \(parsed.problems.count) problems; nothing analysed")
            throw ExitCode(1)
        }
        return AnalysisInput(records: parsed.records)
    }
}

struct PermutationOptions: ParsableArguments {
    @Option(help: "Number of permutations for the p-values.") var permutations = 999
    @Option(help: "Seed of the permutations; the same seed gives the same result.") var seed: UInt64 = 1
    @Option(help: "euclidean or manhattan.") var metric: DistanceMetric = .euclidean

    func validate() throws {
        guard (0...100_000).contains(permutations) else { throw ValidationError("--permutations must be 0 to 100000") }
    }
}

enum AnalysisFormat: String, ExpressibleByArgument, CaseIterable { case json, csv, text }

/// "Close" for the Knox tests: both limits inclusive.
struct Closeness: ParsableArguments {
    @Option(help: "Close in space: at most this many metres.") var distance: Double
    @Option(help: "Close in time: at most this many days.") var days: Int

    func validate() throws {
        try FlagBounds.check(distance, "--distance", FlagBounds.metres)
        try FlagBounds.check(days, "--days", FlagBounds.days)
    }
}

extension Analyse {
    struct KnoxCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "knox", abstract: "Knox test: are attacks closer together in space and time than chance gives?"
        )

        @OptionGroup var source: AnalysisSource
        @OptionGroup var close: Closeness
        @OptionGroup var permutation: PermutationOptions
        @Option(help: "json or text.") var format: AnalysisFormat = .json

        func validate() throws {
            guard format != .csv else { throw ValidationError("knox writes json or text") }
        }

        func run() async throws {
            let input = try await source.load()
            let result = await Knox.run(
                input.events, distance: close.distance, days: close.days, permutations: permutation.permutations,
                seed: permutation.seed, metric: permutation.metric)
            print(
                format == .json ? try AnalysisFormatting.json(result) : AnalysisFormatting.knoxText(result),
                terminator: format == .json ? "\n" : "")
        }
    }

    struct NearRepeatCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "near-repeat", abstract: "Near-repeat matrix (as Ratcliffe's Near Repeat Calculator).")

        @OptionGroup var source: AnalysisSource
        @Option(help: "Upper limits of the distance bands in metres, e.g. 100,200,300,400.") var distanceBands =
            "100,200,300,400"
        @Option(help: "Upper limits of the time bands in days, e.g. 7,14,21,28.") var timeBands = "7,14,21,28"
        @Flag(inversion: .prefixedNo, help: "Add a last distance band 'more than the last limit'.") var beyondBand =
            true
        @OptionGroup var permutation: PermutationOptions
        @Option(help: "json, csv or text.") var format: AnalysisFormat = .json

        func bands() throws -> NearRepeatBands {
            let distances = try FlagBounds.list(
                BoundedNumber.decimals(distanceBands, in: FlagBounds.metres, count: 1...32), "--distance-bands")
            let days = try FlagBounds.list(
                BoundedNumber.integers(timeBands, in: FlagBounds.days, count: 1...32), "--time-bands")
            do {
                return try NearRepeatBands(distances: distances, days: days, includeBeyond: beyondBand)
            } catch let error as NearRepeatError {
                throw ValidationError(error.description)
            }
        }

        func validate() throws { _ = try bands() }

        func run() async throws {
            let bands = try bands()
            let input = try await source.load()
            let result = await NearRepeat.run(
                input.events, bands: bands, permutations: permutation.permutations,
                seed: permutation.seed, metric: permutation.metric)
            switch format {
            case .json: print(try AnalysisFormatting.json(result))
            case .csv: print(AnalysisFormatting.nearRepeatCSV(result), terminator: "")
            case .text: print(AnalysisFormatting.nearRepeatText(result), terminator: "")
            }
        }
    }

    struct LocalKnoxCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "local-knox",
            abstract: "Per attack: neighbours close in space and time, before and after it, and significance.")

        @OptionGroup var source: AnalysisSource
        @OptionGroup var close: Closeness
        @OptionGroup var permutation: PermutationOptions
        @Option(help: "json or csv.") var format: AnalysisFormat = .json

        func validate() throws {
            guard format != .text else { throw ValidationError("local-knox writes json or csv") }
        }

        func run() async throws {
            let input = try await source.load()
            let result = await LocalKnox.run(
                input.events, distance: close.distance, days: close.days, permutations: permutation.permutations,
                seed: permutation.seed, metric: permutation.metric)
            let rows = AnalysisFormatting.localKnoxRows(result, input: input)
            print(
                format == .json ? try AnalysisFormatting.json(rows) : AnalysisFormatting.localKnoxCSV(rows),
                terminator: format == .json ? "\n" : "")
        }
    }

    struct HotspotsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hotspots", abstract: "Quartic-kernel density of attacks, as GeoJSON (WGS84) or an SVG map.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case geojson, svg }

        @OptionGroup var source: AnalysisSource
        @Option(help: "Kernel bandwidth in metres.") var bandwidth: Double = 400
        @Option(
            help:
                "Grid cell size in metres (default: the finest of 25, 50, 100 … that keeps the grid at 250,000 cells).")
        var cellSize: Double?
        @Option(help: "geojson or svg.") var format: Format = .geojson

        func validate() throws {
            try FlagBounds.check(bandwidth, "--bandwidth", 1...FlagBounds.metres.upperBound)
            if let cellSize { try FlagBounds.check(cellSize, "--cell-size", 1...FlagBounds.metres.upperBound) }
        }

        func run() async throws {
            let input = try await source.load()
            let grid: DensityGrid
            do {
                let size =
                    cellSize
                    ?? DensityGrid.automaticCellSize(x: input.events.x, y: input.events.y, bandwidth: bandwidth)
                grid = try DensityGrid.quartic(
                    x: input.events.x, y: input.events.y, bandwidth: bandwidth, cellSize: size)
            } catch let error as DensityGrid.DensityError {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
            switch format {
            case .geojson: print(try AnalysisFormatting.hotspotGeoJSON(grid))
            case .svg:
                print(
                    HotspotMap.svg(
                        grid, events: input.events,
                        title: "Hotspots van aanslagen (quartic kernel, \(Int(bandwidth)) m)"))
            }
        }
    }
}
