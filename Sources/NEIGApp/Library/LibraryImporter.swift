import Fluent
import Foundation
import NEIGCore
import Vapor

/// Bulk load of library items from JSON lines (one object per line: title, summary, body, kind, lines, phases,
/// visibility, author_organisation): all lines or none, with the line and field of every problem.
public enum LibraryImporter {
    struct Line: Decodable {
        var title: String?
        var summary: String?
        var body: String?
        var kind: String?
        var lines: [String]?
        var phases: [String]?
        var visibility: String?
        var author_organisation: String?
    }

    public struct Problem: Error, CustomStringConvertible, Sendable {
        public let line: Int
        public let field: String?
        public let reason: String
        public var description: String { "line \(line)" + (field.map { ", field \($0)" } ?? "") + ": \(reason)" }
    }

    public enum Outcome: Sendable {
        case imported(Int)
        case rejected([Problem])
    }

    public static func run(_ data: Data, actor: String, app: Application) async throws -> Outcome {
        var documents: [(LibraryDocument, [ApproachLine], [CasePhase])] = [], problems: [Problem] = []
        let now = app.neig.clock.now()
        for (index, raw) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !raw.allSatisfy({ $0 == 32 || $0 == 13 }) {
            guard let line = try? JSONDecoder().decode(Line.self, from: Data(raw)) else {
                problems.append(
                    Problem(line: index + 1, field: nil, reason: "geen JSON-object met de beschreven velden"))
                continue
            }
            switch LibraryService.validate(
                title: line.title, summary: line.summary, body: line.body, kind: line.kind, lines: line.lines ?? [],
                phases: line.phases ?? [], visibility: line.visibility, group: nil, knownGroups: [])
            {
            case .invalid(let errors):
                problems += errors.map { Problem(line: index + 1, field: $0.field, reason: $0.message) }
            case .valid(let draft):
                let document = LibraryDocument()
                document.title = draft.title
                document.summary = draft.summary
                document.body = draft.body
                document.kind = draft.kind
                document.authorOrganisation = String((line.author_organisation ?? "").prefix(200))
                document.visibility = draft.visibility
                document.version = 1
                document.createdBy = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                document.updatedAt = now
                documents.append((document, draft.lines, draft.phases))
            }
        }
        guard problems.isEmpty else { return .rejected(problems) }
        let checked = documents
        try await app.db.transaction { tx in
            for (document, lines, phases) in checked {
                try await document.create(on: tx)
                try await document.replaceTags(lines: lines, phases: phases, on: tx)
                try await LibrarySearch.index(document, isNew: true, on: tx)
            }
            try await Audit.record(
                "library.import", object: "library_document", detail: "documents=\(checked.count)", actor: actor,
                at: now, on: tx)
        }
        return .imported(checked.count)
    }
}
