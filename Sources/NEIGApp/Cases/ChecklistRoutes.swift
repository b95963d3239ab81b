import Fluent
import NEIGCore
import Vapor

/// The handelingskader checklists: coordinators edit the national template, a municipality its local steps. Every
/// save is a new version; cases keep the steps of the version they were created from.
enum ChecklistRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.handelingskader, use: show)
        routes.post(.handelingskader, use: save)
    }

    /// The template this user edits: national for coordinators, their municipality's local one otherwise.
    static func scope(_ req: Request) throws -> (User, String) {
        let user = try req.requireUser()
        if user.role == .coordinator { return (user, ChecklistTemplate.national) }
        guard let code = user.actor.municipalityCode else {
            throw NEIGError.forbidden("Uw account hoort niet bij een gemeente.")
        }
        return (user, code)
    }

    static func page(_ req: Request, scope: String, text: String?, errors: [FormViews.FieldError]) async throws
        -> ChecklistView
    {
        let national = try await Checklists.latest(scope: ChecklistTemplate.national, on: req.db)
        let local = scope == ChecklistTemplate.national ? nil : try await Checklists.latest(scope: scope, on: req.db)
        let versions = try await ChecklistTemplate.query(on: req.db).filter(\.$scope == scope).sort(
            \.$version, .descending
        ).all()
        let editing = scope == ChecklistTemplate.national ? national : local
        return ChecklistView(
            context: req.pageContext, national: national, local: local, versions: versions,
            editsNational: scope == ChecklistTemplate.national, text: text ?? editing?.steps ?? "", errors: errors)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (_, scope) = try scope(req)
        return HTMLPage(document: try await page(req, scope: scope, text: nil, errors: []).document)
    }

    struct TemplateForm: Content { var stappen: String? }

    static func save(_ req: Request) async throws -> Response {
        let (user, scope) = try scope(req)
        let text = try req.content.decode(TemplateForm.self).stappen ?? ""
        switch ChecklistText.parse(text) {
        case .failure(let problems):
            let errors = problems.lines.prefix(10).map {
                FormViews.FieldError(field: "stappen", message: "Regel \($0.line): \($0.reason).")
            }
            return try await HTMLPage(
                document: try await page(req, scope: scope, text: text, errors: Array(errors)).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        case .success(let steps):
            try await Checklists.publish(steps, scope: scope, by: user, context: req.context)
            return try await req.redirect(
                to: SiteURL.handelingskader.path,
                saying: "De checklist is gepubliceerd; nieuwe zaken volgen deze stappen.")
        }
    }
}
