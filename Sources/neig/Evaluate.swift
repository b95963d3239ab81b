import ArgumentParser
import Foundation
import NEIGApp
import NEIGCore

/// `neig evaluate`: did attacks fall where an intervention ran, compared with similar municipalities?
struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Effect of an intervention on attacks: difference in differences with placebo test and bootstrap interval.",
        discussion: """
            Either a registered intervention (--intervention ID, on the register; nothing is stored) or a file in the incident CSV \
            format (--incidents FILE --treated GM0363[,GM0599] --start YYYY-MM-DD). Without --controls, twenty municipalities with \
            a similar number of attacks before the start are proposed. With a file, its first and last month bound the data.
            """)

    enum Format: String, ExpressibleByArgument { case json, text }

    @Option(help: "Id of a registered intervention.") var intervention: String?
    @Option(help: "Incident CSV file (the import format).") var incidents: String?
    @Option(help: "Intervention municipalities, comma-separated CBS codes (with --incidents).") var treated: String?
    @Option(help: "Start date of the intervention, YYYY-MM-DD (with --incidents).") var start: String?
    @Option(help: "Comparison municipalities, comma-separated CBS codes (default: proposed).") var controls: String?
    @Option(help: "Months before the start.") var monthsBefore = 24
    @Option(help: "Months after the start.") var monthsAfter = 12
    @Option(help: "Seed of the placebo draws and the bootstrap; the same seed gives the same result.") var seed:
        UInt64 = 1
    @Option(help: "json or text.") var format: Format = .text
    @OptionGroup var database: DatabaseOptions

    static func codes(_ text: String?, option: String) throws -> [String]? {
        guard let text else { return nil }
        let codes = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter {
            !$0.isEmpty
        }
        for code in codes where !MunicipalityRegistry.bundled.contains(code) {
            throw ValidationError("\(option): '\(code)' is not a municipality code (GMxxxx)")
        }
        return codes
    }

    func validate() throws {
        guard (intervention == nil) != (incidents == nil) else {
            throw ValidationError("give either --intervention ID or --incidents FILE")
        }
        if let intervention, UUID(uuidString: intervention) == nil {
            throw ValidationError("--intervention: '\(intervention)' is not an id")
        }
        if incidents != nil {
            guard let treated, !((try Self.codes(treated, option: "--treated")) ?? []).isEmpty else {
                throw ValidationError("--incidents needs --treated GMxxxx")
            }
            guard let start, CivilDate(parsing: start) != nil else {
                throw ValidationError("--incidents needs --start YYYY-MM-DD")
            }
        } else if treated != nil || start != nil {
            throw ValidationError("--treated and --start go with --incidents; a registered intervention has its own")
        }
        _ = try Self.codes(controls, option: "--controls")
        guard (1...240).contains(monthsBefore) else { throw ValidationError("--months-before: 1 to 240") }
        guard (1...120).contains(monthsAfter) else { throw ValidationError("--months-after: 1 to 120") }
    }

    func run() async throws {
        let chosen = try Self.codes(controls, option: "--controls")
        let outcome: Result<EffectEvaluation.Result, EffectEvaluation.Failure>
        if let intervention, let id = UUID(uuidString: intervention) {
            let result = try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                return try await InterventionCommands.evaluate(
                    id: id, controls: chosen, monthsBefore: monthsBefore, monthsAfter: monthsAfter, seed: seed, app: app
                )
            }
            switch result {
            case .notFound:
                printError("no intervention \(intervention)")
                throw ExitCode(1)
            case .failed(let failure): outcome = .failure(failure)
            case .evaluated(let evaluation): outcome = .success(evaluation)
            }
        } else {
            outcome = EffectEvaluation.evaluate(try fileInput(controls: chosen))
        }
        switch outcome {
        case .failure(let failure):
            printError("cannot evaluate: \(failure)")
            throw ExitCode(1)
        case .success(let result):
            print(format == .json ? try json(result) : text(result))
        }
    }

    func fileInput(controls: [String]?) throws -> EffectEvaluation.Input {
        guard let incidents, let data = FileManager.default.contents(atPath: incidents) else {
            printError("cannot read \(incidents ?? "")")
            throw ExitCode(1)
        }
        let parsed = IncidentImportParser(municipalities: .bundled, today: NEIGClock.system.today).parse(Array(data))
        guard parsed.problems.isEmpty else {
            for problem in parsed.problems.prefix(50) { printError(problem.description) }
            printError("\(incidents): \(parsed.problems.count) problems; nothing evaluated")
            throw ExitCode(1)
        }
        guard let first = parsed.records.map(\.date).min(), let last = parsed.records.map(\.date).max() else {
            printError("\(incidents): no incidents")
            throw ExitCode(1)
        }
        return EffectEvaluation.Input(
            counts: MonthIndex.counts(parsed.records.map { ($0.municipalityCode, $0.date) }),
            universe: MunicipalityRegistry.bundled.all.map(\.code),
            treated: try Self.codes(treated, option: "--treated") ?? [], start: CivilDate(parsing: start ?? "")!,
            controls: controls,
            monthsBefore: monthsBefore, monthsAfter: monthsAfter, dataStart: MonthIndex.of(first),
            dataEnd: MonthIndex.of(last), seed: seed)
    }

    func json(_ result: EffectEvaluation.Result) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    func text(_ result: EffectEvaluation.Result) -> String {
        ([
            result.verdict,
            "effect: \(result.effectPct) % (90 % interval \(result.ciLow) to \(result.ciHigh) %), p = \(result.pValue.map { String(format: "%.3f", $0) } ?? "-")",
            "treated \(result.treated.joined(separator: ",")): \(result.treatedBefore) before, \(result.treatedAfter) after \(result.start)",
            "controls\(result.controlsProposed ? " (proposed)" : "") \(result.controls.joined(separator: ",")): \(result.controlBefore) before, \(result.controlAfter) after"
        ]
            + result.warnings.map { "warning: \($0)" }).joined(separator: "\n")
    }
}

struct InterventionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interventions", abstract: "The interventions registry.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write all interventions as CSV (stdout, or --output FILE).")
        @Option(help: "File to write; default standard output.") var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let csv = try await AppRunner.withApp(database) { app in
                _ = try await prepareDatabase(app, loadDemoData: false)
                return try await InterventionCommands.exportCSV(app: app)
            }
            if let output {
                try csv.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                print(csv, terminator: "")
            }
        }
    }
}
