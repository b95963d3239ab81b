import Fluent
import NEIGCore
import Vapor

/// Everything the case page shows, loaded for one viewer: the municipality sees the whole file, a police or OM
/// partner only the case's name and phase and the information they shared.
struct CaseDetailModel {
    let caseFile: CaseFile
    let level: CaseAccess.Level
    let today: CivilDate
    let now: Date
    let information: [InformationService.Visible]
    var municipality = ""
    var events: [CaseEvent] = []
    var tasks: [CaseTask] = []
    var measures: [Measure] = []
    var signals: [RiskSignal] = []
    var incidents: [Incident] = []
    var incidentChoices: [Incident] = []
    var shares: [User] = []

    static func load(_ context: ServiceContext, caseFile: CaseFile, level: CaseAccess.Level) async throws
        -> CaseDetailModel
    {
        let caseID = try caseFile.requireID()
        let today = context.clock.today
        let db = context.db
        let information = try await InformationService.visibleItems(
            caseID: caseID, user: try context.requireUser(), today: today, on: db)
        var view = CaseDetailModel(
            caseFile: caseFile, level: level, today: today, now: context.clock.now(), information: information)
        view.municipality = context.municipalities[caseFile.municipalityCode]?.displayName ?? caseFile.municipalityCode
        guard level == .municipality else { return view }
        view.events = try await CaseEvent.query(on: db).filter(\.$caseFile.$id == caseID).sort(
            \.$position, .descending
        ).all()
        // Ties broken by title and address: both engines, and every reload, show the same order.
        view.tasks = try await CaseTask.query(on: db).filter(\.$caseFile.$id == caseID).sort(\.$dueAt).sort(
            \.$title
        ).all()
        view.measures = try await Measure.query(on: db).filter(\.$caseFile.$id == caseID).sort(\.$createdAt).all()
        view.signals = try await RiskSignal.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).all()
        view.incidents = try await CaseIncident.query(on: db).filter(\.$caseFile.$id == caseID).with(\.$incident)
            .all().map(\.incident)
        view.shares = try await CaseShare.query(on: db).filter(\.$caseFile.$id == caseID).with(\.$user).all().map(
            \.user)
        let linked = Set(view.incidents.compactMap(\.id))
        view.incidentChoices = try await Incident.query(on: db).filter(
            \.$municipalityCode == caseFile.municipalityCode
        )
        .filter(\.$occurredOn >= today.adding(days: -365).iso).sort(\.$occurredOn, .descending).sort(\.$sourceID).limit(
            60
        ).all()
        .filter { !linked.contains($0.id!) }
        return view
    }
}
