import NEIGCore
import NEIGFormats
import Vapor

enum OpenDataRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.openData, use: page)
        routes.get(.openDataCSV(), use: csv)
    }

    /// How the table is ordered: by published total (most first) or by name.
    enum Order: String, CaseIterable {
        case total = "totaal", name = "naam"
        var label: String { self == .total ? "Meeste aanslagen eerst" : "Naam (A–Z)" }
    }

    static func page(_ req: Request) async throws -> HTMLPage {
        let year = try req.queryYear("jaar")
        let table = try await OpenDataTable.load(
            year: year, today: req.application.neig.clock.today, on: req.db,
            registry: req.application.neig.municipalities)
        let years = try await IncidentStore.years(on: req.db)
        let search = String((req.query[String.self, at: "zoek"] ?? "").trimmingCharacters(in: .whitespaces).prefix(80))
        let order = Order(rawValue: req.query[String.self, at: "sorteer"] ?? "") ?? .total
        return HTMLPage(
            document: OpenDataView(
                table: table, years: Array(Set(years + [year])).sorted(by: >), search: search, order: order,
                context: req.pageContext, registry: req.application.neig.municipalities
            ).document)
    }

    /// The same published cells as the page and the API, for a spreadsheet: code, official name, months, total.
    static func csv(_ req: Request) async throws -> Response {
        let year = try req.queryYear("jaar")
        let table = try await OpenDataTable.load(
            year: year, today: req.application.neig.clock.today, on: req.db,
            registry: req.application.neig.municipalities)
        let rows =
            [["gemeentecode", "gemeentenaam"] + CivilDate.dutchMonthAbbreviations + ["totaal"]]
            + table.municipalities.map { [$0.code, $0.name] + $0.months + [$0.total] }
        return ExportRoutes.download(
            "\u{FEFF}" + CSVWriter().document(rows), type: HTTPMediaType(type: "text", subType: "csv"),
            fileName: "neig-aanslagen-per-gemeente-\(year).csv")
    }
}
