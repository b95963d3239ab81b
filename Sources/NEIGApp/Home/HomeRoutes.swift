import NEIGCore
import Vapor

enum HomeRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.home, use: home)
    }

    static func home(_ req: Request) async throws -> HTMLPage {
        let news = try await NewsRoutes.latest(for: req.user, limit: 3, on: req.db)
        guard let user = req.user else {
            return HTMLPage(document: HomeView(context: req.pageContext, summary: nil, news: news).document)
        }
        let today = req.application.neig.clock.today
        let yearToDate = try await IncidentStore.count(
            from: CivilDate(year: today.year, month: 1, day: 1)!, through: today, on: req.db)
        let lastYear = today.sameDayPreviousYear
        let previous = try await IncidentStore.count(
            from: CivilDate(year: today.year - 1, month: 1, day: 1)!, through: lastYear, on: req.db)
        let summary = HomeView.Summary(
            today: today, yearToDate: yearToDate, previousSamePeriod: previous,
            municipality: user.actor.municipalityCode.flatMap { req.application.neig.municipalities[$0] },
            canImport: AccessPolicy.canImportIncidents(user.actor),
            canEnter: AccessPolicy.canEnterIncidents(user.actor),
            openAlerts: try await AlertRoutes.openAlertCount(req, actor: user.actor),
            canAnalyse: AccessPolicy.analysts.contains(user.actor.role),
            caseWork: try await CaseWorkSummary.load(for: user.actor, app: req.application, on: req.db))
        return HTMLPage(document: HomeView(context: req.pageContext, summary: summary, news: news).document)
    }
}
