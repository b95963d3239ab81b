import Fluent
import NEIGCore
import Vapor

/// The own municipality's letter paper, for its OOV staff and mayor.
enum LetterheadRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.letterhead, use: show)
        routes.post(.letterhead, use: save)
    }

    static func municipality(_ req: Request) throws -> (code: String, name: String) {
        guard let code = try req.requireUser().actor.municipalityCode else {
            throw NEIGError.forbidden("Briefpapier hoort bij een gemeente.")
        }
        return (code, req.application.neig.municipalities[code]?.displayName ?? code)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (code, name) = try municipality(req)
        let paper = try await LetterheadService.find(code, on: req.db)
        return HTMLPage(
            document: LetterheadView(
                context: req.pageContext, municipality: name, values: LetterheadView.values(of: paper), errors: [],
                updated: paper.map {
                    "Laatst gewijzigd door \($0.updatedBy) op \(CaseDetailView.timeFormat.string(from: $0.updatedAt))."
                }
            ).document)
    }

    struct Form: Content {
        var afzender: String?
        var bezoekadres: String?
        var postadres: String?
        var bezwaaradres: String?
        var bezwaar_email: String?
        var rechtbank: String?
        var ondertekening: String?
    }

    static func save(_ req: Request) async throws -> Response {
        let (code, name) = try municipality(req)
        let form = try req.content.decode(Form.self)
        let errors = try await LetterheadService.save(
            .init(
                sender: form.afzender, visitingAddress: form.bezoekadres, postalAddress: form.postadres,
                objectionAddress: form.bezwaaradres, objectionEmail: form.bezwaar_email, court: form.rechtbank,
                signatory: form.ondertekening), for: code, context: req.context)
        guard errors.isEmpty else {
            let values = [
                "afzender": form.afzender, "bezoekadres": form.bezoekadres, "postadres": form.postadres,
                "bezwaaradres": form.bezwaaradres, "bezwaar_email": form.bezwaar_email, "rechtbank": form.rechtbank,
                "ondertekening": form.ondertekening
            ].compactMapValues { $0 }
            return try await HTMLPage(
                document: LetterheadView(
                    context: req.pageContext, municipality: name, values: values, errors: errors, updated: nil
                ).document, status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        return try await req.redirect(
            to: SiteURL.letterhead.path, saying: "Het briefpapier is opgeslagen; nieuwe besluiten gebruiken het meteen."
        )
    }
}
