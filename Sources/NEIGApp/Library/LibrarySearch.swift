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
            try await sql.raw(
                """
                ALTER TABLE library_documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', summary), 'B')
                  || setweight(to_tsvector('dutch', body), 'C') || setweight(to_tsvector('dutch', coalesce(attachment_text, '')), 'D')) STORED
                """
            ).run()
            // Ranking reads only this small vector: the full one is large (TOASTed), and reading it for every match is the cost.
            try await sql.raw(
                """
                ALTER TABLE library_documents ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('dutch', title), 'A') || setweight(to_tsvector('dutch', summary), 'B')) STORED
                """
            ).run()
            try await sql.raw("CREATE INDEX library_documents_search ON library_documents USING GIN (search)").run()
        } else {
            try await createSQLiteIndex(on: sql)
        }
    }

    /// `doc_id` holds the id as the documents' own column does, so the tag tables can be joined to it.
    private static func createSQLiteIndex(on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE library_fts USING fts5(doc_id UNINDEXED, visibility UNINDEXED, group_code UNINDEXED, kind UNINDEXED,
              title, summary, body, attachment, tokenize = 'unicode61 remove_diacritics 2')
            """
        ).run()
    }

    /// Builds the SQLite index anew from the documents (PostgreSQL's columns follow by themselves).
    static func rebuildIndex(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.sql.raw("DROP TABLE IF EXISTS library_fts").run()
        try await createSQLiteIndex(on: database.sql)
        try await database.sql.raw(
            """
            INSERT INTO library_fts (doc_id, visibility, group_code, kind, title, summary, body, attachment)
            SELECT id, visibility, coalesce(group_code, ''), kind, title, summary, body, coalesce(attachment_text, '') FROM library_documents
            """
        ).run()
    }

    static func dropIndex(on database: any Database) async throws {
        if !database.isPostgres { try await database.sql.raw("DROP TABLE IF EXISTS library_fts").run() }
    }

    /// Keeps the SQLite index in step with a saved document (PostgreSQL computes its column itself).
    /// `isNew` skips looking for an earlier entry, which scans the index (`doc_id` is not indexed).
    static func index(_ document: LibraryDocument, isNew: Bool = false, on database: any Database) async throws {
        guard !database.isPostgres else { return }
        let id = try document.requireID()
        if !isNew { try await database.sql.raw("DELETE FROM library_fts WHERE doc_id = \(bind: id)").run() }
        try await database.sql.raw(
            """
            INSERT INTO library_fts (doc_id, visibility, group_code, kind, title, summary, body, attachment)
            VALUES (\(bind: id), \(bind: document.visibility.rawValue), \(bind: document.groupCode ?? ""), \(bind: document.kind.rawValue),
                    \(bind: document.title), \(bind: document.summary), \(bind: document.body), \(bind: document.attachmentText ?? ""))
            """
        ).run()
    }

    static func remove(_ id: UUID, on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.sql.raw("DELETE FROM library_fts WHERE doc_id = \(bind: id)").run()
    }

    struct RankedID: Decodable { let id: String }

    static func termQuery(_ term: (word: String, stem: String)) -> SQLQueryString {
        "(plainto_tsquery('dutch', \(bind: term.word)) || to_tsquery('simple', \(bind: term.stem + ":*")))"
    }

    /// What a reader may see and asked for, as SQL on `d`: the documents (PostgreSQL) or the index, which carries the
    /// same facets ahead of the text so that filtering never reads the text (SQLite).
    struct Scope {
        var loggedIn: Bool
        var groups: Set<String>
        var kind: DocumentKind?
        var line: ApproachLine?
        var phase: CasePhase?

        /// The condition on the columns of `table`, whose document id is in `idColumn`.
        func condition(_ table: String, idColumn: String) -> SQLQueryString {
            let t = SQLRaw(table), id = SQLRaw(idColumn)
            var sql: SQLQueryString = "(\(t).visibility = 'publiek'"
            if loggedIn { sql = "\(sql) OR \(t).visibility = 'leden'" }
            if !groups.isEmpty {
                sql =
                    "\(sql) OR (\(t).visibility = 'groep' AND \(t).group_code IN (\(SQLList(groups.sorted().map { SQLBind($0) }))))"
            }
            sql = "\(sql))"
            if let kind { sql = "\(sql) AND \(t).kind = \(bind: kind.rawValue)" }
            if let line {
                sql =
                    "\(sql) AND EXISTS (SELECT 1 FROM library_document_lines l WHERE l.document_id = \(t).\(id) AND l.line = \(bind: line.rawValue))"
            }
            if let phase {
                sql =
                    "\(sql) AND EXISTS (SELECT 1 FROM library_document_phases p WHERE p.document_id = \(t).\(id) AND p.phase = \(bind: phase.rawValue))"
            }
            return sql
        }
    }

    /// Ids of the readable documents matching every term, best first (at most `limit`). Filtering happens in the
    /// same query, so a page is never short because better matches were hidden.
    static func rankedIDs(words: [(word: String, stem: String)], scope: Scope, limit: Int, on database: any Database)
        async throws -> [UUID]
    {
        guard !words.isEmpty else { return [] }
        let terms = words.map(\.stem)
        let rows: [RankedID]
        if database.isPostgres {
            // Each word as PostgreSQL stems it, or any word starting with our stem.
            let query = words.dropFirst().reduce(termQuery(words[0])) { "\($0) && \(termQuery($1))" }
            let sql: SQLQueryString = """
                SELECT CAST(d.id AS text) AS id FROM library_documents d, (SELECT \(query) AS q) query
                WHERE d.search @@ query.q AND \(scope.condition("d", idColumn: "id"))
                ORDER BY ts_rank(d.search_head, query.q) DESC, d.updated_at DESC LIMIT \(bind: limit)
                """
            // Once the table has statistics, PostgreSQL prefers a sequential scan for a common word, testing @@ against
            // every document's large, compressed vector (52 ms on 10k documents); the GIN index answers the same match
            // exactly without reading those vectors (19 ms). The planner does not price the decompression, so we say it.
            rows = try await database.transaction { tx in
                try await tx.sql.raw("SET LOCAL enable_seqscan = off").run()
                return try await tx.sql.raw(sql).all(decoding: RankedID.self)
            }
        } else {
            let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
            // ORDER BY rank lets FTS5 sort the matches by score itself and hand them over best first, so the facet
            // columns are read only until the page is full rather than for every match.
            rows = try await database.sql.raw(
                """
                SELECT doc_id AS id FROM library_fts
                WHERE library_fts MATCH \(bind: match) AND rank MATCH 'bm25(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 20.0, 4.0, 1.0, 0.5)'
                  AND \(scope.condition("library_fts", idColumn: "doc_id"))
                ORDER BY rank LIMIT \(bind: limit)
                """
            ).all(decoding: RankedID.self)
        }
        return rows.compactMap { UUID(uuidString: $0.id) }
    }

    /// Markdown source without its markup, for excerpts.
    static func plain(_ markdown: String) -> String {
        markdown.replacingOccurrences(
            of: #"(?m)(^|\s)#{1,6}\s|\*\*|__|`|\]\([^)]*\)|\[|(?m)^\s*[-*]\s"#, with: "$1", options: .regularExpression)
    }

    /// Escapes a snippet for HTML and turns the match markers into `<mark>`.
    static func highlighted(_ snippet: String) -> String {
        snippet
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: markStart, with: "<mark>").replacingOccurrences(of: markEnd, with: "</mark>")
    }
}
