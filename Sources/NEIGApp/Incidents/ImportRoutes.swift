import Fluent
import NEIGCore
import NEIGFormats
import Vapor

/// The web import in two steps: "controleren" reads the whole file and shows what would be written, and only
/// "importeren" on that preview writes it. The checked file waits in the database in between.
enum ImportRoutes {
    static let maximumUploadBytes = 50 << 20

    static func register(_ routes: any RoutesBuilder) {
        routes.get(.importIncidents, use: form)
        routes.on(.POST, .importIncidents, body: .collect(maxSize: ByteCount(value: maximumUploadBytes)), use: check)
        routes.post(.confirmImport, use: confirm)
        routes.get(.importTemplate(.csv), use: csvTemplate)
        routes.get(.importTemplate(.xlsx), use: xlsxTemplate)
    }

    static func form(_ req: Request) async throws -> HTMLPage {
        HTMLPage(document: ImportView(step: .choose, context: req.pageContext).document)
    }

    struct Upload: Content {
        var bestand: File?
        var bron: String?
    }

    static func check(_ req: Request) async throws -> HTMLPage {
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.bestand, file.data.readableBytes > 0 else {
            throw NEIGError.badRequest("Kies een CSV- of Excel-bestand om te controleren.")
        }
        let source = String((upload.bron?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? "politie").prefix(50))
        let bytes = Array(file.data.readableBytesView)
        let outcome = try await IncidentImporter.run(
            bytes, source: source, dryRun: true, actor: req.auditActor, app: req.application)
        let fileName = String(file.filename.prefix(200))
        guard outcome.succeeded, outcome.summary.inserted > 0 else {
            return HTMLPage(
                document: ImportView(
                    step: .checked(outcome, fileName: fileName, pending: nil), context: req.pageContext
                )
                .document,
                status: outcome.succeeded ? .ok : .unprocessableEntity)
        }
        let pending = try await PendingImport.keep(
            bytes, source: source, fileName: fileName, userID: try req.requireUser().requireID(),
            now: req.application.neig.clock.now(), on: req.db)
        return HTMLPage(
            document: ImportView(
                step: .checked(outcome, fileName: fileName, pending: pending), context: req.pageContext
            )
            .document)
    }

    struct Confirmation: Content {
        var bestand: UUID?
    }

    static func confirm(_ req: Request) async throws -> HTMLPage {
        let form = try req.content.decode(Confirmation.self)
        guard let id = form.bestand,
            let pending = try await PendingImport.take(
                id, userID: try req.requireUser().requireID(), now: req.application.neig.clock.now(), on: req.db)
        else {
            throw NEIGError.badRequest(
                "Dit bestand is al geïmporteerd of de controle is langer dan een uur geleden. Controleer het opnieuw.")
        }
        let outcome = try await IncidentImporter.run(
            [UInt8](pending.bytes), source: pending.source, dryRun: false, actor: req.auditActor,
            app: req.application)
        let written = try await IncidentImporter.stored(outcome.records, on: req.db)
        return HTMLPage(
            document: ImportView(
                step: .imported(outcome, fileName: pending.fileName, incidents: written), context: req.pageContext
            ).document,
            status: outcome.succeeded ? .ok : .unprocessableEntity)
    }

    static var templateRows: [[String]] {
        [IncidentImportParser.columns.map(\.name), IncidentImportParser.columns.map(\.example)]
    }

    static func csvTemplate(_ req: Request) async throws -> Response {
        ExportRoutes.download(
            "\u{FEFF}" + CSVWriter().document(templateRows), type: HTTPMediaType(type: "text", subType: "csv"),
            fileName: "neig-sjabloon-incidenten.csv")
    }

    static func xlsxTemplate(_ req: Request) async throws -> Response {
        let rules =
            [["kolom", "verplicht", "regel", "voorbeeld"]]
            + IncidentImportParser.columns.map { [$0.name, $0.required ? "ja" : "nee", $0.rule, $0.example] }
        let workbook = XLSXWorkbook(sheets: [
            .init(name: "Incidenten", rows: templateRows), .init(name: "Toelichting", rows: rules)
        ])
        return ExportRoutes.download(
            try workbook.data(),
            type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            fileName: "neig-sjabloon-incidenten.xlsx")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
