import Fluent
import NEIGCore
import Vapor

/// Everything the case page shows, loaded for one viewer: the municipality sees the whole file, a police or OM
/// partner only the case's name and phase and the information they shared.
enum CaseDetailModel {
    static func load(
        _ req: Request, user: User, caseFile: CaseFile, level: CaseAccess.Level, error: String?,
        formErrors: [FormViews.FieldError] = []
    ) async throws -> CaseDetailView {
        let caseID = try caseFile.requireID()
        let today = req.application.neig.clock.today
        let information = try await InformationService.visibleItems(
            caseID: caseID, user: user, today: today, on: req.db)
        var view = CaseDetailView(
            context: req.pageContext, caseFile: caseFile, level: level, error: error, formErrors: formErrors,
            today: today, now: req.application.neig.clock.now(), information: information)
        view.municipality =
            req.application.neig.municipalities[caseFile.municipalityCode]?.displayName ?? caseFile.municipalityCode
        guard level == .municipality else { return view }
        view.events = try await CaseEvent.query(on: req.db).filter(\.$caseFile.$id == caseID).sort(
            \.$position, .descending
        ).all()
        // Ties broken by title and address: both engines, and every reload, show the same order.
        view.tasks = try await CaseTask.query(on: req.db).filter(\.$caseFile.$id == caseID).sort(\.$dueAt).sort(
            \.$title
        ).all()
        view.measures = try await Measure.query(on: req.db).filter(\.$caseFile.$id == caseID).sort(\.$createdAt).all()
        view.signals = try await RiskSignal.query(on: req.db).filter(\.$caseID == caseID).sort(\.$createdAt).all()
        view.incidents = try await CaseIncident.query(on: req.db).filter(\.$caseFile.$id == caseID).with(\.$incident)
            .all().map(\.incident)
        view.shares = try await CaseShare.query(on: req.db).filter(\.$caseFile.$id == caseID).with(\.$user).all().map(
            \.user)
        let linked = Set(view.incidents.compactMap(\.id))
        view.incidentChoices = try await Incident.query(on: req.db).filter(
            \.$municipalityCode == caseFile.municipalityCode
        )
        .filter(\.$occurredOn >= today.adding(days: -365).iso).sort(\.$occurredOn, .descending).sort(\.$sourceID).limit(
            60
        ).all()
        .filter { !linked.contains($0.id!) }
        return view
    }
}
