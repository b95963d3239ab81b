import Fluent
import NEIGCore
import Vapor

/// What the municipality does inside a case besides changing its phase: tick off checklist steps, share the case
/// with a police or OM user, link attacks from the register. The work itself is `CaseWorkService`'s.
enum CaseActionRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.post(.caseFile(id: .key, .taken), use: completeTask)
        routes.post(.caseFile(id: .key, .delen), use: share)
        routes.post(.caseFile(id: .key, .incidenten), use: linkIncident)
    }

    /// Back to the case after the change, or the case again with the reason it was not made.
    static func answer(
        _ req: Request, _ caseFile: CaseFile, _ result: Result<Void, CaseWorkService.Refusal>, section: String,
        saying message: String
    ) async throws -> Response {
        switch result {
        case .success:
            return try await req.redirect(
                to: SiteURL.caseFile(id: try caseFile.requireID()).path + "#\(section)", saying: message)
        case .failure(let refusal):
            let view = try await CaseRoutes.detail(req, caseFile, error: refusal.message)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct TaskForm: Content { var taak: String? }

    static func completeTask(_ req: Request) async throws -> Response {
        let (_, caseFile, _) = try await CaseAccess.find(req, managing: true)
        let task = try req.content.decode(TaskForm.self).taak.flatMap(UUID.init(uuidString:))
        return try await answer(
            req, caseFile, try await CaseWorkService.completeTask(task, in: caseFile, context: req.context),
            section: "checklist", saying: "De stap is afgevinkt.")
    }

    struct ShareForm: Content { var email: String? }

    static func share(_ req: Request) async throws -> Response {
        let (_, caseFile, _) = try await CaseAccess.find(req, managing: true)
        let email = try req.content.decode(ShareForm.self).email ?? ""
        return try await answer(
            req, caseFile, try await CaseWorkService.share(caseFile, with: email, context: req.context),
            section: "gedeeld", saying: "De zaak is gedeeld met \(email).")
    }

    struct IncidentForm: Content { var incident: String? }

    static func linkIncident(_ req: Request) async throws -> Response {
        let (_, caseFile, _) = try await CaseAccess.find(req, managing: true)
        let incident = try req.content.decode(IncidentForm.self).incident.flatMap(UUID.init(uuidString:))
        return try await answer(
            req, caseFile, try await CaseWorkService.link(incident, to: caseFile, context: req.context),
            section: "aanslagen", saying: "De aanslag is aan de zaak gekoppeld.")
    }
}
