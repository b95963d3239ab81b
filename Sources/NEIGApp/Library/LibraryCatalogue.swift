import Fluent
import Foundation
import NEIGCore
import Vapor

/// Finding library documents for a reader: the list and search of the pages and of the API.
enum LibraryCatalogue {
    struct Filters {
        var query: String
        var kind: DocumentKind?
        var line: ApproachLine?
        var phase: CasePhase?

        init(_ req: Request) {
            query = String((req.query[String.self, at: "q"] ?? "").prefix(200))
            kind = req.query[String.self, at: "soort"].flatMap(DocumentKind.init(rawValue:))
            line = req.query[String.self, at: "lijn"].flatMap(ApproachLine.init(rawValue:))
            phase = req.query[String.self, at: "fase"].flatMap(CasePhase.init(rawValue:))
        }

        func accepts(_ document: LibraryDocument) throws -> Bool {
            try (kind.map { $0 == document.kind } ?? true) && (line.map(document.lineTags.contains) ?? true)
                && (phase.map(document.phaseTags.contains) ?? true)
        }
    }

    struct Result {
        let document: LibraryDocument
        let snippet: String?
        let lines: [ApproachLine]
        let phases: [CasePhase]

        init(document: LibraryDocument, snippet: String?) throws {
            (self.document, self.snippet) = (document, snippet)
            (lines, phases) = (try document.lineTags, try document.phaseTags)
        }
    }

    /// One page of results for the reader: ranked matches with snippets for a query, else the newest items.
    static func find(_ filters: Filters, user: User?, limit: Int, on db: any Database) async throws -> [Result] {
        let groups = try await LibraryService.groups(of: user, on: db)
        let words = DutchSearch.words(filters.query)
        let terms = words.map(\.stem)
        if terms.isEmpty {
            var query = slim(LibraryDocument.query(on: db)).withTags()
            if let kind = filters.kind { query = query.filter(\.$kind == kind) }
            if let line = filters.line {
                query = query.join(
                    LibraryDocumentLine.self, on: \LibraryDocumentLine.$document.$id == \LibraryDocument.$id
                )
                .filter(LibraryDocumentLine.self, \.$line == line)
            }
            if let phase = filters.phase {
                query = query.join(
                    LibraryDocumentPhase.self, on: \LibraryDocumentPhase.$document.$id == \LibraryDocument.$id
                )
                .filter(LibraryDocumentPhase.self, \.$phase == phase)
            }
            let documents = try await query.sort(\.$updatedAt, .descending).limit(2000).all()
            return try documents.filter {
                try filters.accepts($0) && LibraryService.canRead($0, user: user, groups: groups)
            }.prefix(limit)
                .map { try Result(document: $0, snippet: nil) }
        }
        let scope = LibrarySearch.Scope(
            loggedIn: user != nil, groups: groups, kind: filters.kind, line: filters.line, phase: filters.phase)
        let ranked = try await LibrarySearch.rankedIDs(words: words, scope: scope, limit: limit, on: db)
        guard !ranked.isEmpty else { return [] }
        let documents = Dictionary(
            uniqueKeysWithValues: try await LibraryDocument.query(on: db).withTags().filter(\.$id ~~ ranked).all()
                .map { ($0.id!, $0) })
        // The query applied the same rules; checking again keeps one definition of who reads what in charge.
        let page = try ranked.compactMap { documents[$0] }.filter {
            try filters.accepts($0) && LibraryService.canRead($0, user: user, groups: groups)
        }
        // Excerpts are cut here from the page's own documents: asking the engines again would cost a second search.
        return try page.map { document in
            try Result(
                document: document,
                snippet: (DutchSearch.snippet(document.summary + " " + document.body, terms: terms)
                    ?? document.attachmentText.flatMap { DutchSearch.snippet($0, terms: terms) }).map(
                        LibrarySearch.plain))
        }
    }

    /// Lists need neither the text nor the attachment's text.
    static func slim(_ query: QueryBuilder<LibraryDocument>) -> QueryBuilder<LibraryDocument> {
        query.field(\.$id).field(\.$title).field(\.$summary).field(\.$kind).field(\.$authorOrganisation)
            .field(\.$visibility).field(\.$groupCode).field(\.$version).field(\.$attachmentName).field(
                \.$attachmentType
            )
            .field(\.$attachmentSize).field(\.$createdBy).field(\.$updatedAt)
    }

    /// The document with this id if this reader may see it; 404 otherwise (also for items that exist).
    static func readable(_ id: UUID?, user: User?, on db: any Database) async throws -> LibraryDocument {
        guard let id, let document = try await LibraryDocument.query(on: db).withTags().filter(\.$id == id).first(),
            LibraryService.canRead(document, user: user, groups: try await LibraryService.groups(of: user, on: db))
        else {
            throw NEIGError.notFound()
        }
        return document
    }
}
