import ArgumentParser
import Foundation
import NEIGCore

/// `neig anonymise-check FILE`: the check casuïstiek passes before publication, for reuse and auditing.
struct AnonymiseCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymise-check",
        abstract:
            "Find personal data in a UTF-8 text: print {\"findings\": [{kind, text, start, end}]}; exit 1 when anything is found."
    )

    @Argument(help: "A UTF-8 text file (- for standard input).") var file: String

    struct Output: Encodable { let findings: [Anonymiser.Finding] }

    func run() throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: file) else {
                printError("cannot read \(file)")
                throw ExitCode(2)
            }
            data = read
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("\(file) is not UTF-8 text")
            throw ExitCode(2)
        }
        let findings = Anonymiser.check(text, placeNames: Anonymiser.placeNames(.bundled))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(Output(findings: findings)), as: UTF8.self))
        if !findings.isEmpty { throw ExitCode(1) }
    }
}
