import Fluent
import Foundation
import NEIGCore
import Vapor

/// `/api/v1/library` and `/api/v1/search`: the library for other systems, with the same visibility as the pages.
enum LibraryAPIRoutes {
    static func register(_ api: any RoutesBuilder) {
        api.get(.apiLibrary, use: list)
        api.get(.apiDocument(id: .key), use: get)
        api.get(.apiSearch, use: search)
    }

    struct ItemDTO: Content {
        var id: UUID
        var title: String
        var summary: String
        var kind: String
        var lines: [String]
        var phases: [String]
        var author_organisation: String
        var visibility: String
        var version: Int
        var updated_at: String
        var url: String
        var attachment: AttachmentDTO?
        var body_markdown: String?
        /// HTML-escaped excerpt with `<mark>` around the matched words (search only).
        var snippet_html: String?

        init(_ document: LibraryDocument, body: Bool = false, snippet: String? = nil) throws {
            let id = document.id!
            self.id = id
            title = document.title
            summary = document.summary
            kind = document.kind.rawValue
            lines = try document.lineTags.map(\.rawValue)
            phases = try document.phaseTags.map(\.rawValue)
            author_organisation = document.authorOrganisation
            visibility = document.visibility.rawValue
            version = document.version
            updated_at = document.updatedAt.formatted(.iso8601)
            url = SiteURL.document(id: id).path
            attachment = document.attachmentName.map {
                AttachmentDTO(
                    name: $0, type: document.attachmentType ?? "", size: document.attachmentSize ?? 0,
                    url: SiteURL.document(id: id, .bijlage).path)
            }
            body_markdown = body ? document.body : nil
            snippet_html = snippet.map(LibrarySearch.highlighted)
        }
    }

    struct AttachmentDTO: Content {
        var name: String
        var type: String
        var size: Int
        var url: String
    }

    struct ItemList: Content { var items: [ItemDTO] }

    static func filters(_ req: Request) throws -> LibraryCatalogue.Filters {
        for (name, valid) in [
            ("kind", DocumentKind.allCases.map(\.rawValue)), ("line", ApproachLine.allCases.map(\.rawValue)),
            ("phase", ["dreiging", "explosie", "nazorg"])
        ] {
            if let value = req.query[String.self, at: name], !value.isEmpty, !valid.contains(value) {
                throw NEIGError.badRequest(
                    "\(name) is onbekend.",
                    items: [.init(column: name, reason: "'\(value)' is niet een van \(valid.joined(separator: ", "))")])
            }
        }
        var filters = LibraryCatalogue.Filters(req)
        filters.kind = req.query[String.self, at: "kind"].flatMap(DocumentKind.init(rawValue:))
        filters.line = req.query[String.self, at: "line"].flatMap(ApproachLine.init(rawValue:))
        filters.phase = req.query[String.self, at: "phase"].flatMap(CasePhase.init(rawValue:))
        return filters
    }

    static func limit(_ req: Request) throws -> Int {
        try req.queryInteger("limit", in: 1...100) ?? 20
    }

    static func list(_ req: Request) async throws -> ItemList {
        var filters = try filters(req)
        filters.query = ""
        return ItemList(
            items: try await LibraryCatalogue.find(filters, user: req.user, limit: try limit(req), on: req.db).map {
                try ItemDTO($0.document)
            })
    }

    static func search(_ req: Request) async throws -> ItemList {
        let filters = try filters(req)
        guard !DutchSearch.terms(filters.query).isEmpty else {
            throw NEIGError.badRequest(
                "q moet ten minste één zoekwoord bevatten.", items: [.init(column: "q", reason: "geen zoekwoord")])
        }
        return ItemList(
            items: try await LibraryCatalogue.find(filters, user: req.user, limit: try limit(req), on: req.db)
                .map { try ItemDTO($0.document, snippet: $0.snippet ?? "") })
    }

    static func get(_ req: Request) async throws -> ItemDTO {
        try ItemDTO(
            try await LibraryCatalogue.readable(req.parameters.get("id", as: UUID.self), user: req.user, on: req.db),
            body: true)
    }
}
