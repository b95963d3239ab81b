import Fluent
import Foundation
import Ink
import NEIGCore
import NEIGFormats
import Vapor
import ZIPFoundation

/// Who reads what in the library, saving with version history, attachment text and Markdown rendering.
enum LibraryService {
    /// Public items for everyone, member items for logged-in members, group items for that group's members.
    static func canRead(_ document: LibraryDocument, user: User?, groups: Set<String>) -> Bool {
        switch document.visibility {
        case .publiek: true
        case .leden: user != nil
        case .groep: user != nil && document.groupCode.map(groups.contains) == true
        }
    }

    static func groups(of user: User?, on db: any Database) async throws -> Set<String> {
        guard let id = user?.id else { return [] }
        return Set(try await GroupMembership.query(on: db).filter(\.$user.$id == id).all().map(\.groupCode))
    }

    /// Members write to the library; a document is edited by its author's organisation or a coordinator.
    static func canEdit(_ document: LibraryDocument, user: User) -> Bool {
        user.role == .coordinator || document.createdBy == user.id
            || (document.authorOrganisationID != nil && document.authorOrganisationID == user.$organisation.id)
    }

    struct Draft {
        let title: String
        let summary: String
        let body: String
        let kind: DocumentKind
        let lines: [ApproachLine]
        let phases: [CasePhase]
        let visibility: Visibility
        let groupCode: String?
    }

    static func validate(
        title: String?, summary: String?, body: String?, kind: String?, lines: [String], phases: [String],
        visibility: String?,
        group: String?, knownGroups: Set<String>
    ) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let title = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 {
            errors.append(.init(field: "titel", message: "Geef een titel van hoogstens 200 tekens."))
        }
        let summary = (summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty || summary.count > 1000 {
            errors.append(.init(field: "samenvatting", message: "Vat het stuk samen in 1 tot 1000 tekens."))
        }
        let body = (body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.count > 200_000 {
            errors.append(.init(field: "tekst", message: "De tekst is langer dan 200.000 tekens."))
        }
        let kind = DocumentKind(rawValue: kind ?? "")
        if kind == nil { errors.append(.init(field: "soort", message: "Kies de soort.")) }
        let visibility = Visibility(rawValue: visibility ?? "")
        if visibility == nil { errors.append(.init(field: "zichtbaarheid", message: "Kies wie het mag lezen.")) }
        let group = (group ?? "").trimmingCharacters(in: .whitespaces)
        if visibility == .groep && !knownGroups.contains(group) {
            errors.append(.init(field: "groep", message: "Kies een bestaande groep."))
        }
        guard errors.isEmpty, let kind, let visibility else { return .invalid(errors) }
        return .valid(
            Draft(
                title: title, summary: summary, body: body, kind: kind,
                lines: lines.compactMap(ApproachLine.init(rawValue:)),
                phases: phases.compactMap(CasePhase.init(rawValue:)).filter { $0 != .gesloten }, visibility: visibility,
                groupCode: visibility == .groep ? group : nil))
    }

    struct Upload {
        let name: String
        let type: AttachmentType
        let bytes: [UInt8]
    }

    /// Checks an uploaded file: size, and a type recognised by its content and name.
    static func checkUpload(name: String, bytes: [UInt8]) -> Checked<Upload> {
        guard bytes.count <= AttachmentType.maximumBytes else {
            return .invalid([.init(field: "bijlage", message: "De bijlage is groter dan 20 MB.")])
        }
        guard let type = AttachmentType.detect(fileName: name, bytes: bytes) else {
            return .invalid([
                .init(
                    field: "bijlage",
                    message: "Alleen PDF, DOCX en PPTX; de inhoud van het bestand moet bij de naam passen.")
            ])
        }
        let safeName = String(name.split(separator: "/").last ?? "bijlage").filter {
            $0.isLetter || $0.isNumber || "._- ".contains($0)
        }
        return .valid(Upload(name: String(safeName.prefix(120)), type: type, bytes: bytes))
    }

    /// Creates a document or saves a new version of one; the previous text goes to the version history.
    static func save(
        _ draft: Draft, upload: Upload?, existing: LibraryDocument?, by user: User, context: ServiceContext
    )
        async throws -> LibraryDocument
    {
        let document = existing ?? LibraryDocument()
        let now = context.clock.now()
        let previous = existing.map { ($0.version, $0.title, $0.summary, $0.body) }
        if existing == nil {
            document.createdBy = try user.requireID()
            document.authorOrganisation = user.$organisation.value?.name ?? ""
            document.authorOrganisationID = user.$organisation.id
            document.version = 1
        } else {
            document.version += 1
        }
        document.title = draft.title
        document.summary = draft.summary
        document.body = draft.body
        document.kind = draft.kind
        document.visibility = draft.visibility
        document.groupCode = draft.groupCode
        document.updatedAt = now
        if let upload {
            document.attachmentName = upload.name
            document.attachmentType = upload.type.rawValue
            document.attachmentSize = upload.bytes.count
            // Reading a 20 MB PDF takes a while; not on the event loop.
            let (bytes, type) = (upload.bytes, upload.type)
            let extracted = try await context.application.threadPool.runIfActive {
                AttachmentText.extract(bytes, type: type)
            }
            guard case .success(let text) = extracted else {
                throw NEIGError.unprocessable(
                    "De bijlage pakt uit tot veel meer dan het bestand zelf (meer dan 100 MB of 100 keer zo groot) en is geweigerd. "
                        + "Sla het document opnieuw op of maak er een PDF van.",
                    items: [.init(column: "bijlage", reason: "uitgepakt te groot")])
            }
            document.attachmentText = text
        }
        try await context.db.transaction { tx in
            if let previous {
                let version = LibraryVersion()
                version.$document.id = try document.requireID()
                (version.version, version.title, version.summary, version.body) = previous
                version.editedBy = user.name
                version.editedAt = now
                try await version.create(on: tx)
            }
            try await document.save(on: tx)
            try await document.replaceTags(lines: draft.lines, phases: draft.phases, on: tx)
            if let upload {
                try await LibraryAttachment.query(on: tx).filter(\.$document.$id == document.requireID()).delete()
                let attachment = LibraryAttachment()
                attachment.$document.id = try document.requireID()
                attachment.data = Data(upload.bytes)
                try await attachment.create(on: tx)
            }
            try await LibrarySearch.index(document, isNew: existing == nil, on: tx)
            try await context.audit(
                existing == nil ? "library.create" : "library.edit", object: "library_document",
                id: document.id?.uuidString.lowercased(),
                detail: "version=\(document.version) visibility=\(draft.visibility.rawValue)", on: tx)
        }
        return document
    }

    /// Markdown to HTML. Raw HTML in the source is shown as text, never passed through.
    static func render(_ markdown: String) -> String {
        // Ink writes link and image URLs into attributes as they are; with quotes escaped beforehand a URL
        // cannot end its attribute, and text shows the same characters.
        let escaped = markdown.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
        let html = MarkdownParser().html(from: escaped)
        // Links may only go to web pages, mail addresses and this site; images only to web pages and this site.
        return
            html
            .replacingOccurrences(
                of: #"href="(?!https?:|mailto:|/(?![/\\])|#)[^"]*""#, with: "href=\"#\"", options: .regularExpression
            )
            .replacingOccurrences(
                of: #"src="(?!https?:|/(?![/\\]))[^"]*""#, with: "src=\"\"", options: .regularExpression)
    }
}

/// Text inside attachments, for search: the XML parts of a DOCX or PPTX without their tags, the text operators of a PDF.
/// Everything inflated from one file shares one budget, checked while inflating: a small file whose parts unpack to
/// hundreds of megabytes (a zip bomb) is refused within a fraction of a second instead of filling memory.
enum AttachmentText {
    struct TooLarge: Error {}

    /// At most 100 MB unpacked in all, and at most 100 times the file's own size (plus 1 MB for tiny files).
    final class Budget: @unchecked Sendable {
        let limit: Int
        private(set) var used = 0
        private(set) var exceeded = false

        init(compressedSize: Int) { limit = min(100 << 20, compressedSize * 100 + (1 << 20)) }

        func spend(_ bytes: Int) throws {
            used += bytes
            if used > limit {
                exceeded = true
                throw TooLarge()
            }
        }
    }

    static func extract(_ bytes: [UInt8], type: AttachmentType) -> Result<String?, TooLarge> {
        let budget = Budget(compressedSize: bytes.count)
        let text: String?
        switch type {
        case .pdf:
            text = PDFText.extract(bytes, inflate: { inflate($0, budget: budget) }).map { String($0.prefix(500_000)) }
        case .docx: text = officeText(bytes, budget: budget) { $0 == "word/document.xml" }
        case .pptx:
            text = officeText(bytes, budget: budget) { $0.hasPrefix("ppt/slides/slide") && $0.hasSuffix(".xml") }
        }
        return budget.exceeded ? .failure(TooLarge()) : .success(text)
    }

    /// zlib (RFC 1950) data: the two header bytes, then raw deflate.
    static func inflate(_ bytes: [UInt8], budget: Budget) -> [UInt8]? {
        guard !budget.exceeded, bytes.count > 2, bytes[0] & 0x0F == 8,
            (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0
        else { return nil }
        let deflated = Data(bytes[2...])
        var output = Data()
        do {
            _ = try Data.decompress(
                size: Int64(deflated.count), bufferSize: 64 * 1024, skipCRC32: true,
                provider: { position, size in
                    deflated.subdata(in: Int(position)..<min(deflated.count, Int(position) + size))
                },
                consumer: { chunk in
                    try budget.spend(chunk.count)
                    output.append(chunk)
                })
        } catch {
            // A stream cut short still gives the text up to there; a budget spent gives nothing.
            return budget.exceeded || output.isEmpty ? nil : [UInt8](output)
        }
        return [UInt8](output)
    }

    static func officeText(_ bytes: [UInt8], budget: Budget, parts: (String) -> Bool) -> String? {
        guard let archive = try? Archive(data: Data(bytes), accessMode: .read) else { return nil }
        var text = ""
        for entry in archive where parts(entry.path) {
            var xml = Data()
            let extracted =
                (try? archive.extract(
                    entry,
                    consumer: { chunk in
                        try budget.spend(chunk.count)
                        xml.append(chunk)
                    })) != nil
            if budget.exceeded { return nil }
            guard extracted else { continue }
            let plain = String(decoding: xml, as: UTF8.self)
                .replacingOccurrences(of: "</w:p>|</a:p>", with: "\n", options: .regularExpression)
                .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            text += plain + "\n"
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : String(trimmed.prefix(500_000))
    }
}
