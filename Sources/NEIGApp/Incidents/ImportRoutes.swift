import NEIGCore
import Vapor

enum ImportRoutes {
    static let maximumUploadBytes = 50 << 20

    static func register(_ routes: any RoutesBuilder) {
        routes.get(.importIncidents, use: form)
        routes.on(.POST, .importIncidents, body: .collect(maxSize: ByteCount(value: maximumUploadBytes)), use: upload)
    }

    static func form(_ req: Request) async throws -> HTMLPage {
        HTMLPage(document: ImportView(outcome: nil, fileName: nil, context: req.pageContext).document)
    }

    struct Upload: Content {
        var bestand: File?
        var bron: String?
        var proef: String?
    }

    static func upload(_ req: Request) async throws -> HTMLPage {
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.bestand, file.data.readableBytes > 0 else {
            throw NEIGError.badRequest("Kies een CSV-bestand om te importeren.")
        }
        let source = upload.bron?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? "politie"
        let outcome = try await IncidentImporter.run(
            Array(file.data.readableBytesView), source: String(source.prefix(50)),
            dryRun: upload.proef == "1", actor: req.auditActor, app: req.application)
        return HTMLPage(
            document: ImportView(outcome: outcome, fileName: file.filename, context: req.pageContext).document,
            status: outcome.succeeded ? .ok : .unprocessableEntity)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
