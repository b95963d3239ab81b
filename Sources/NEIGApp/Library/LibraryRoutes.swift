import Fluent
import NEIGCore
import Vapor

/// The knowledge library: public items for everyone, the rest for members (or one group); Dutch search with
/// highlighted snippets; documents with version history and attachments that are always downloaded, never shown inline.
enum LibraryRoutes {
    static let uploadLimit = AttachmentType.maximumBytes + (1 << 20)

    static func registerPublic(_ routes: any RoutesBuilder) {
        routes.get(.library, use: list)
        routes.get(.document(id: .key), use: show)
        routes.get(.document(id: .key, .bijlage), use: attachment)
        routes.get(.document(id: .key, .versies), use: versions)
    }

    static func registerMembers(_ routes: any RoutesBuilder) {
        routes.get(.newDocument, use: newForm)
        routes.on(.POST, .library, body: .collect(maxSize: ByteCount(value: uploadLimit)), use: create)
        routes.get(.document(id: .key, .bewerken), use: editForm)
        routes.on(.POST, .document(id: .key), body: .collect(maxSize: ByteCount(value: uploadLimit)), use: update)
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let filters = LibraryCatalogue.Filters(req)
        let results = try await LibraryCatalogue.find(filters, user: req.user, limit: 30, on: req.db)
        return HTMLPage(
            document: LibraryListView(
                context: req.pageContext, filters: filters, results: results, canWrite: req.user != nil
            ).document)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let document = try await LibraryCatalogue.readable(
            req.parameters.get("id", as: UUID.self), user: req.user, on: req.db)
        let canEdit = req.user.map { LibraryService.canEdit(document, user: $0) } ?? false
        return HTMLPage(
            document: try LibraryDocumentView(context: req.pageContext, document: document, canEdit: canEdit).page)
    }

    static func versions(_ req: Request) async throws -> HTMLPage {
        let document = try await LibraryCatalogue.readable(
            req.parameters.get("id", as: UUID.self), user: req.user, on: req.db)
        let versions = try await LibraryVersion.query(on: req.db).filter(\.$document.$id == document.requireID()).sort(
            \.$version, .descending
        ).all()
        return HTMLPage(
            document: LibraryVersionsView(context: req.pageContext, document: document, versions: versions).page)
    }

    /// Always a download (`attachment`), with the type neig recognised and `nosniff`, so a file is never run as a page.
    static func attachment(_ req: Request) async throws -> Response {
        let document = try await LibraryCatalogue.readable(
            req.parameters.get("id", as: UUID.self), user: req.user, on: req.db)
        guard let type = document.attachmentType.flatMap(AttachmentType.init(rawValue:)),
            let stored = try await LibraryAttachment.query(on: req.db).filter(\.$document.$id == document.requireID())
                .first()
        else {
            throw NEIGError.notFound()
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type.contentType)
        let name = document.attachmentName ?? "bijlage.\(type.rawValue)"
        let ascii = String(name.unicodeScalars.filter { $0.isASCII && $0 != "\"" }.map(Character.init))
        headers.replaceOrAdd(
            name: .contentDisposition,
            value:
                "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii)"
        )
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return Response(status: .ok, headers: headers, body: .init(data: stored.data))
    }

    static func member(_ req: Request) throws -> User { try req.requireUser() }

    static func knownGroups(_ db: any Database) async throws -> [MemberGroup] {
        try await MemberGroup.query(on: db).sort(\.$name).all()
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        _ = try member(req)
        return HTMLPage(
            document: LibraryFormView(
                context: req.pageContext, document: nil, values: ["zichtbaarheid": "leden", "soort": "handreiking"],
                lists: [:], errors: [], groups: try await knownGroups(req.db)
            ).page)
    }

    static func editForm(_ req: Request) async throws -> HTMLPage {
        let user = try member(req)
        let document = try await LibraryCatalogue.readable(
            req.parameters.get("id", as: UUID.self), user: req.user, on: req.db)
        guard LibraryService.canEdit(document, user: user) else {
            throw NEIGError.forbidden("Alleen de auteur, de eigen organisatie of een coördinator bewerkt dit stuk.")
        }
        return HTMLPage(
            document: LibraryFormView(
                context: req.pageContext, document: document,
                values: [
                    "titel": document.title, "samenvatting": document.summary, "tekst": document.body,
                    "soort": document.kind.rawValue,
                    "zichtbaarheid": document.visibility.rawValue, "groep": document.groupCode ?? ""
                ],
                lists: [
                    "lijnen": try document.lineTags.map(\.rawValue), "fasen": try document.phaseTags.map(\.rawValue)
                ], errors: [],
                groups: try await knownGroups(req.db)
            ).page)
    }

    struct DocumentForm: Content {
        var titel: String?
        var samenvatting: String?
        var tekst: String?
        var soort: String?
        var lijnen: [String]?
        var fasen: [String]?
        var zichtbaarheid: String?
        var groep: String?
        var bijlage: File?
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, existing: nil) }

    static func update(_ req: Request) async throws -> Response {
        let user = try member(req)
        let document = try await LibraryCatalogue.readable(
            req.parameters.get("id", as: UUID.self), user: req.user, on: req.db)
        guard LibraryService.canEdit(document, user: user) else {
            throw NEIGError.forbidden("Alleen de auteur, de eigen organisatie of een coördinator bewerkt dit stuk.")
        }
        return try await save(req, existing: document)
    }

    static func save(_ req: Request, existing: LibraryDocument?) async throws -> Response {
        let user = try member(req)
        let form = try req.content.decode(DocumentForm.self)
        let groups = try await knownGroups(req.db)
        var errors: [FormViews.FieldError] = []
        var draft: LibraryService.Draft?
        switch LibraryService.validate(
            title: form.titel, summary: form.samenvatting, body: form.tekst, kind: form.soort, lines: form.lijnen ?? [],
            phases: form.fasen ?? [], visibility: form.zichtbaarheid, group: form.groep,
            knownGroups: Set(groups.map(\.code)))
        {
        case .valid(let checked): draft = checked
        case .invalid(let problems): errors += problems
        }
        var upload: LibraryService.Upload?
        if let file = form.bijlage, file.data.readableBytes > 0 {
            switch LibraryService.checkUpload(name: file.filename, bytes: Array(file.data.readableBytesView)) {
            case .valid(let checked): upload = checked
            case .invalid(let problems): errors += problems
            }
        }
        guard errors.isEmpty, let draft else {
            let values = [
                "titel": form.titel, "samenvatting": form.samenvatting, "tekst": form.tekst, "soort": form.soort,
                "zichtbaarheid": form.zichtbaarheid, "groep": form.groep
            ].compactMapValues { $0 }
            let view = LibraryFormView(
                context: req.pageContext, document: existing, values: values,
                lists: ["lijnen": form.lijnen ?? [], "fasen": form.fasen ?? []], errors: errors, groups: groups)
            return try await HTMLPage(document: view.page, status: .unprocessableEntity).encodeResponse(for: req)
        }
        let document = try await LibraryService.save(
            draft, upload: upload, existing: existing, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.document(id: try document.requireID()).path,
            saying: existing == nil
                ? "Het stuk staat in de kennisbank." : "De nieuwe versie is opgeslagen; de vorige blijft bewaard.")
    }
}
