import Fluent
import Foundation
import NEIGCore

/// A line of the approach (prevention, aftercare …) a library document is about.
final class LibraryDocumentLine: OwnedListRow, @unchecked Sendable {
    static let schema = "library_document_lines"
    static let ownerColumn = "document_id"
    static let ownerTable = "library_documents"
    var listKey: String { line.rawValue }

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: LibraryDocument
    @Field(key: "line") var line: ApproachLine
    @Field(key: "position") var position: Int

    init() {}
    init(_ line: ApproachLine, of owner: UUID) {
        self.$document.id = owner
        self.line = line
        self.position = 0
    }
}

/// A phase of the handelingskader a library document is about.
final class LibraryDocumentPhase: OwnedListRow, @unchecked Sendable {
    static let schema = "library_document_phases"
    static let ownerColumn = "document_id"
    static let ownerTable = "library_documents"
    var listKey: String { phase.rawValue }

    @ID(key: .id) var id: UUID?
    @Parent(key: "document_id") var document: LibraryDocument
    @Field(key: "phase") var phase: CasePhase
    @Field(key: "position") var position: Int

    init() {}
    init(_ phase: CasePhase, of owner: UUID) {
        self.$document.id = owner
        self.phase = phase
        self.position = 0
    }
}

extension LibraryDocument {
    var lineTags: [ApproachLine] { get throws { try $lineRows.ordered().map(\.line) } }
    var phaseTags: [CasePhase] { get throws { try $phaseRows.ordered().map(\.phase) } }

    /// Stores the tags of a saved document; run it in the transaction that saved it.
    func replaceTags(lines: [ApproachLine], phases: [CasePhase], on db: any Database) async throws {
        let id = try requireID()
        $lineRows.value = try await LibraryDocumentLine.replace(
            owner: id, with: lines.map { LibraryDocumentLine($0, of: id) }, on: db)
        $phaseRows.value = try await LibraryDocumentPhase.replace(
            owner: id, with: phases.map { LibraryDocumentPhase($0, of: id) }, on: db)
    }
}

extension QueryBuilder where Model == LibraryDocument {
    func withTags() -> Self { with(\.$lineRows).with(\.$phaseRows) }
}

struct MoveLibraryListsToTables: AsyncMigration {
    static let moves = [
        ListColumnMove(
            owner: "library_documents", column: "lines", table: "library_document_lines",
            ownerColumn: "document_id", valueColumn: "line", allowedValues: Set(ApproachLine.allCases.map(\.rawValue))),
        ListColumnMove(
            owner: "library_documents", column: "phases", table: "library_document_phases",
            ownerColumn: "document_id", valueColumn: "phase", allowedValues: Set(CasePhase.allCases.map(\.rawValue)))
    ]

    func prepare(on database: any Database) async throws {
        // The SQLite index carried the lists too; it is derived, so it is built again without them.
        try await ListColumnMove.apply(Self.moves, on: database) { try await LibrarySearch.rebuildIndex(on: $0) }
    }

    func revert(on database: any Database) async throws {
        try await ListColumnMove.undo(Self.moves, on: database) { database in
            guard !database.isPostgres else { return }
            // The index as the code before this migration wrote it: lists in it, ids in lower case.
            try await database.sql.raw("DROP TABLE IF EXISTS library_fts").run()
            try await database.sql.raw(
                """
                CREATE VIRTUAL TABLE library_fts USING fts5(doc_id UNINDEXED, visibility UNINDEXED, group_code UNINDEXED,
                  kind UNINDEXED, lines UNINDEXED, phases UNINDEXED, title, summary, body, attachment,
                  tokenize = 'unicode61 remove_diacritics 2')
                """
            ).run()
            try await database.sql.raw(
                """
                INSERT INTO library_fts (doc_id, visibility, group_code, kind, lines, phases, title, summary, body, attachment)
                SELECT lower(id), visibility, coalesce(group_code, ''), kind, lines, phases, title, summary, body,
                       coalesce(attachment_text, '') FROM library_documents
                """
            ).run()
        }
    }
}
