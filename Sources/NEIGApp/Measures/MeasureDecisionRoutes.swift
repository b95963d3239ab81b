import Fluent
import NEIGCore
import Vapor

/// The mayor's decision on a submitted measure, on a page of its own.
enum MeasureDecisionRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.measure(id: .key, .besluiten), use: show)
        routes.post(.measure(id: .key, .besluiten), use: decide)
    }

    static func page(
        _ req: Request, _ measure: Measure, _ caseFile: CaseFile, user: User, errors: [FormViews.FieldError] = [],
        values: [String: String] = [:]
    ) async throws -> MeasureDecisionView {
        MeasureDecisionView(
            context: req.pageContext, measure: measure, caseFile: caseFile,
            letter: try await MeasureRoutes.letterView(req, measure, caseFile, user: user), errors: errors,
            values: values)
    }

    static func show(_ req: Request) async throws -> Response {
        let (user, measure, caseFile) = try await MeasureRoutes.find(req)
        guard measure.state == .voorgelegd else {
            return try await req.redirect(
                to: SiteURL.measure(id: try measure.requireID()).path,
                saying:
                    "Deze maatregel ligt niet (meer) bij u voor; de status is nu: \(measure.state.label.lowercased()).")
        }
        return try await HTMLPage(document: try await page(req, measure, caseFile, user: user).document)
            .encodeResponse(for: req)
    }

    struct DecisionForm: Content {
        var beslissing: String?
        var opmerking: String?
        var wachtwoord: String?
        var code: String?
        var versie: String?
    }

    static func decide(_ req: Request) async throws -> Response {
        let (user, measure, caseFile) = try await MeasureRoutes.find(req)
        let form = try req.content.decode(DecisionForm.self)
        let decision = MeasureService.Decision(
            choice: form.beslissing, remark: form.opmerking, password: form.wachtwoord, code: form.code,
            version: form.versie)
        switch try await MeasureService.decide(measure, decision, by: user, context: req.context) {
        case .success(let choice):
            let officer = measure.submittedBy.map { " \($0) krijgt hiervan bericht." } ?? ""
            let said =
                switch choice {
                case .adopt:
                    "U heeft het besluit vastgesteld.\(officer) Volgende stap: bekendmaken aan de geadresseerde."
                case .sendBack: "U heeft de maatregel teruggestuurd met uw opmerking.\(officer)"
                case .refuse: "U heeft de maatregel afgewezen.\(officer)"
                }
            return try await req.redirect(to: SiteURL.measure(id: try measure.requireID()).path, saying: said)
        case .failure(.forbidden(let message)): throw NEIGError.forbidden(message)
        case .failure(.invalid(let field, let message)):
            let stored = try await MeasureRoutes.storedVersion(of: measure, on: req.db)
            let view = try await page(
                req, stored, caseFile, user: user, errors: [.init(field: field, message: message)],
                values: ["beslissing": form.beslissing ?? "", "opmerking": form.opmerking ?? ""])
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
