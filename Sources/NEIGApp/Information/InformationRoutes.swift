import Fluent
import NEIGCore
import Vapor

/// Police and OM add information to a case shared with them; recipients open it for a stated purpose, and every
/// opening is logged (Wpg: traceable access). Expired items are gone for everyone.
enum InformationRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.post(.caseFile(id: .key, .informatie), use: create)
        routes.get(.information(id: .key), use: show)
    }

    struct ItemForm: Content {
        var samenvatting: String?
        var classificatie: String?
        var doel: String?
        var vervalt: String?
        var rollen: [String]?
        var gebruikers: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let (_, caseFile, level) = try await CaseAccess.find(req)
        let form = try req.content.decode(ItemForm.self)
        let today = req.application.neig.clock.today
        let users = (form.gebruikers ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(
            String.init)
        let result = InformationService.validate(
            summary: form.samenvatting, classification: form.classificatie, purpose: form.doel, expiresOn: form.vervalt,
            roles: form.rollen ?? [], users: users, today: today)
        let stored: Checked<InformationItem>
        switch result {
        case .invalid(let errors): stored = .invalid(errors)
        case .valid(let draft): stored = try await InformationService.share(draft, in: caseFile, context: req.context)
        }
        if case .invalid(let errors) = stored {
            let model = try await CaseDetailModel.load(req.context, caseFile: caseFile, level: level)
            let view = CaseDetailView(context: req.pageContext, model: model, error: nil, formErrors: errors)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
        return try await req.redirect(
            to: SiteURL.caseFile(id: try caseFile.requireID()).path + "#informatie",
            saying: "De informatie is gedeeld met de gekozen ontvangers.")
    }

    /// Opening an item needs a purpose (`?doel=`); without one the page asks for it and shows nothing.
    static func show(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let today = req.application.neig.clock.today
        guard let id = req.parameters.get("id", as: UUID.self),
            let item = try await InformationItem.find(id, on: req.db),
            let visible = try await InformationService.filterVisible([item], user: user, today: today, on: req.db).first
        else {
            try await req.audit("info.read", object: "information", id: req.parameters.get("id"), result: "denied")
            throw NEIGError.notFound()
        }
        let purpose = req.query[String.self, at: "doel"].flatMap(InformationViewPurpose.init(rawValue:))
        var views: [InformationView] = []
        if let purpose {
            try await InformationService.recordViews(of: [item], by: user, purpose: purpose, context: req.context)
        }
        if item.authorID == user.id {
            views = try await InformationView.query(on: req.db).filter(\.$item.$id == id).sort(\.$viewedAt, .descending)
                .all()
        }
        return HTMLPage(
            document: InformationItemView(context: req.pageContext, visible: visible, purpose: purpose, views: views)
                .document)
    }
}
