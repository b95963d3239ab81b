import NEIGCore
import Vapor

enum OpenDataRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.openData, use: page)
    }

    static func page(_ req: Request) async throws -> HTMLPage {
        let year = try req.queryYear("jaar")
        let table = try await OpenDataTable.load(
            year: year, today: req.application.neig.clock.today, on: req.db,
            registry: req.application.neig.municipalities)
        let years = try await IncidentStore.years(on: req.db)
        return HTMLPage(
            document: OpenDataView(
                table: table, years: Array(Set(years + [year])).sorted(by: >), context: req.pageContext
            ).document)
    }
}
