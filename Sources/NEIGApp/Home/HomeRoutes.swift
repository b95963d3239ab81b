import NEIGCore
import Vapor

enum HomeRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.home, use: home)
    }

    static func home(_ req: Request) async throws -> HTMLPage {
        let news = try await NewsRoutes.latest(for: req.user, limit: 3, on: req.db)
        guard let user = req.user else {
            let model = try await MonitorPageModel.load(year: nil, municipality: nil, actor: nil, on: req)
            let progress = model.publishable ? model.progress : nil
            return HTMLPage(
                document: HomeView(context: req.pageContext, summary: nil, news: news, publicProgress: progress)
                    .document)
        }
        let today = req.application.neig.clock.today
        let yearToDate = try await IncidentStore.count(
            from: CivilDate(year: today.year, month: 1, day: 1)!, through: today, on: req.db)
        let lastYear = today.sameDayPreviousYear
        let previous = try await IncidentStore.count(
            from: CivilDate(year: today.year - 1, month: 1, day: 1)!, through: lastYear, on: req.db)
        let municipality = user.actor.municipalityCode.flatMap { req.application.neig.municipalities[$0] }
        var local: HomeView.Figures?
        if let municipality {
            local = HomeView.Figures(
                yearToDate: try await IncidentStore.count(
                    from: CivilDate(year: today.year, month: 1, day: 1)!, through: today,
                    municipality: municipality.code, on: req.db),
                previousSamePeriod: try await IncidentStore.count(
                    from: CivilDate(year: today.year - 1, month: 1, day: 1)!, through: lastYear,
                    municipality: municipality.code, on: req.db))
        }
        let summary = HomeView.Summary(
            today: today, national: .init(yearToDate: yearToDate, previousSamePeriod: previous), local: local,
            municipality: municipality,
            canImport: AccessPolicy.canImportIncidents(user.actor),
            canEnter: AccessPolicy.canEnterIncidents(user.actor),
            openAlerts: try await AlertRoutes.unseenCount(req, user: user),
            canAnalyse: AccessPolicy.analysts.contains(user.actor.role),
            workList: try await WorkList.load(for: user, context: req.context))
        return HTMLPage(document: HomeView(context: req.pageContext, summary: summary, news: news).document)
    }
}
