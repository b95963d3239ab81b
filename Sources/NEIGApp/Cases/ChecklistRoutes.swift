import Fluent
import NEIGCore
import Plot
import Vapor

/// The handelingskader checklists: coordinators edit the national template, a municipality its local steps. Every
/// save is a new version; cases keep the steps of the version they were created from.
enum ChecklistRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("handelingskader", use: show)
        routes.post("handelingskader", use: save)
    }

    static let roles = AccessPolicy.caseRoles.union([.coordinator])

    /// The template this user edits: national for coordinators, their municipality's local one otherwise.
    static func scope(_ req: Request) throws -> (User, String) {
        let user = try req.requireUser()
        guard roles.contains(user.role) else {
            throw NEIGError.forbidden("De checklists beheren coördinatoren en gemeenten.")
        }
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
            let next = (try await Checklists.latest(scope: scope, on: req.db)?.version ?? 0) + 1
            try await req.db.transaction { tx in
                try await ChecklistTemplate(
                    scope: scope, version: next, steps: steps, author: user.name, at: req.application.neig.clock.now()
                ).create(on: tx)
                try await req.audit(
                    "case.checklist", object: "checklist_template", id: "\(scope)-v\(next)",
                    detail: "steps=\(steps.count)", on: tx)
            }
            return req.redirect(to: "/handelingskader", redirectType: .normal)
        }
    }
}

struct ChecklistView {
    let context: PageContext
    let national: ChecklistTemplate?
    let local: ChecklistTemplate?
    let versions: [ChecklistTemplate]
    let editsNational: Bool
    let text: String
    let errors: [FormViews.FieldError]

    var document: HTML {
        Layout(
            title: "Checklists handelingskader", context: context,
            content: .div(
                .h1(.text("Checklists van het handelingskader")),
                .p(
                    .class("lead"),
                    .text(
                        "Bij elke fase van een zaak komen de stappen van de landelijke checklist en de lokale stappen van uw gemeente in de zaak, "
                            + "elk met een eigenaar en een termijn vanaf het begin van de fase.")),
                FormViews.errorSummary(errors),
                steps("Landelijk", national),
                .if(!editsNational, steps("Lokale stappen van uw gemeente", local)),
                .h2(.text(editsNational ? "Landelijke checklist bewerken" : "Lokale stappen bewerken")),
                .form(
                    .method(.post), .action("/handelingskader"), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    .p(
                        .class("hint"), .id("hint-stappen"),
                        .text(
                            "Eén stap per regel: fase | stap | eigenaar | uren na het begin van de fase. "
                                + "Bijvoorbeeld: explosie | Bewoners en buren informeren | Communicatie | 24")),
                    FormViews.textArea("stappen", label: "Stappen", value: text, errors: errors, required: true),
                    .button(.type(.submit), .class("button"), .text("Als nieuwe versie opslaan"))
                ),
                .h2(.text("Versies")),
                versions.isEmpty
                    ? .p(.text("Nog geen versies."))
                    : .ul(
                        .forEach(versions) { version in
                            .li(
                                .text(
                                    "Versie \(version.version) — \(version.author), \(CaseDetailView.timeFormat.string(from: version.createdAt)), \(version.parsedSteps.count) stappen"
                                ))
                        })
            )
        ).document
    }

    func steps(_ title: String, _ template: ChecklistTemplate?) -> Node<HTML.BodyContext> {
        guard let template else { return .div(.h2(.text(title)), .p(.text("Nog geen stappen."))) }
        return .div(
            .h2(.text("\(title) (versie \(template.version))")),
            .forEach(CasePhase.allCases.filter { $0 != .gesloten }) { phase in
                let list = template.parsedSteps.filter { $0.phase == phase }
                return list.isEmpty
                    ? .empty
                    : .group(
                        .h3(.text(phase.label)),
                        .ul(
                            .forEach(list) { step in
                                .li(.text("\(step.title) — \(step.owner), binnen \(step.dueHours) uur"))
                            }))
            })
    }
}
