import Fluent
import Foundation
import NEIGCore
import SQLKit

/// Dutch full-text search over the library: SQLite FTS5 (words as written, diacritics folded) or PostgreSQL's `dutch`
/// configuration, both queried with the prefix terms of `DutchSearch`, ranked (title above summary above text) and
/// with highlighted snippets.
enum LibrarySearch {
    struct Hit {
        let id: UUID
        /// Snippet text with U+0002 / U+0003 around matched words.
        var snippet: String
    }

    static let markStart = "\u{2}", markEnd = "\u{3}"

    static func createIndex(on database: any Database) async throws {
        let sql = database.sql
        if database.isPostgres {
            try await sql.raw("""
                ALTER TABLE library_documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', summary), 'B')
                  || setweight(to_tsvector('dutch', body), 'C') || setweight(to_tsvector('dutch', coalesce(attachment_text, '')), 'D')) STORED
                """).run()
            try await sql.raw("CREATE INDEX library_documents_search ON library_documents USING GIN (search)").run()
        } else {
            try await sql.raw("""
                CREATE VIRTUAL TABLE library_fts USING fts5(doc_id UNINDEXED, title, summary, body, attachment,
                  tokenize = 'unicode61 remove_diacritics 2')
                """).run()
        }
    }

    static func dropIndex(on database: any Database) async throws {
        if !database.isPostgres { try await database.sql.raw("DROP TABLE IF EXISTS library_fts").run() }
    }

    /// Keeps the SQLite index in step with a saved document (PostgreSQL computes its column itself).
    static func index(_ document: LibraryDocument, on database: any Database) async throws {
        guard !database.isPostgres else { return }
        let id = try document.requireID().uuidString.lowercased()
        try await database.sql.raw("DELETE FROM library_fts WHERE doc_id = \(bind: id)").run()
        try await database.sql.raw("""
            INSERT INTO library_fts (doc_id, title, summary, body, attachment)
            VALUES (\(bind: id), \(bind: document.title), \(bind: document.summary), \(bind: document.body), \(bind: document.attachmentText ?? ""))
            """).run()
    }

    static func remove(_ id: UUID, on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.sql.raw("DELETE FROM library_fts WHERE doc_id = \(bind: id.uuidString.lowercased())").run()
    }

    struct RankedID: Decodable { let id: String }

    /// Document ids matching every term, best first (at most `limit`).
    static func rankedIDs(terms: [String], limit: Int, on database: any Database) async throws -> [UUID] {
        guard !terms.isEmpty else { return [] }
        let rows: [RankedID]
        if database.isPostgres {
            let query = terms.map { "\($0):*" }.joined(separator: " & ")
            rows = try await database.sql.raw("""
                SELECT CAST(id AS text) AS id FROM library_documents WHERE search @@ to_tsquery('simple', \(bind: query))
                ORDER BY ts_rank(search, to_tsquery('simple', \(bind: query))) DESC, updated_at DESC LIMIT \(bind: limit)
                """).all(decoding: RankedID.self)
        } else {
            let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
            rows = try await database.sql.raw("""
                SELECT doc_id AS id FROM library_fts WHERE library_fts MATCH \(bind: match)
                ORDER BY bm25(library_fts, 0.0, 20.0, 4.0, 1.0, 0.5) LIMIT \(bind: limit)
                """).all(decoding: RankedID.self)
        }
        return rows.compactMap { UUID(uuidString: $0.id) }
    }

    struct SnippetRow: Decodable {
        let id: String
        let snippet: String?
    }

    /// Snippets for the documents on one page of results.
    static func snippets(for ids: [UUID], terms: [String], on database: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty, !terms.isEmpty else { return [:] }
        let rows: [SnippetRow]
        if database.isPostgres {
            let query = terms.map { "\($0):*" }.joined(separator: " & ")
            rows = try await database.sql.raw("""
                SELECT CAST(id AS text) AS id, ts_headline('dutch', summary || ' ' || body || ' ' || coalesce(attachment_text, ''),
                  to_tsquery('simple', \(bind: query)), 'StartSel=\(unsafeRaw: markStart), StopSel=\(unsafeRaw: markEnd), MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
                FROM library_documents WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))
                """).all(decoding: SnippetRow.self)
        } else {
            let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
            rows = try await database.sql.raw("""
                SELECT doc_id AS id, snippet(library_fts, -1, \(bind: markStart), \(bind: markEnd), '…', 24) AS snippet
                FROM library_fts WHERE library_fts MATCH \(bind: match) AND doc_id IN (\(SQLList(ids.map { SQLBind($0.uuidString.lowercased()) })))
                """).all(decoding: SnippetRow.self)
        }
        return Dictionary(rows.compactMap { row in UUID(uuidString: row.id).map { ($0, row.snippet ?? "") } }, uniquingKeysWith: { first, _ in first })
    }

    /// Escapes a snippet for HTML and turns the match markers into `<mark>`.
    static func highlighted(_ snippet: String) -> String {
        // Snippets come from the Markdown source; its markup means nothing in a one-line excerpt.
        snippet.replacingOccurrences(of: #"(?m)(^|\s)#{1,6}\s|\*\*|__|`|\]\([^)]*\)|\["#, with: "$1", options: .regularExpression)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: markStart, with: "<mark>").replacingOccurrences(of: markEnd, with: "</mark>")
    }
}
