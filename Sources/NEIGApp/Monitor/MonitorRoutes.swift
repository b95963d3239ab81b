import NEIGCore
import Vapor

enum MonitorRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.monitor(), use: national)
        routes.get(.monitorMunicipality(code: .key), use: municipality)
    }

    static func requestedYear(_ req: Request) throws -> Int? {
        guard let text = req.query[String.self, at: "jaar"], !text.isEmpty else { return nil }
        guard let year = Int(text), (2000...2100).contains(year) else {
            throw NEIGError.badRequest("'\(text)' is geen geldig jaartal.")
        }
        return year
    }

    /// Open to everyone: a visitor sees the national counts, a member also the municipalities and addresses.
    static func national(_ req: Request) async throws -> HTMLPage {
        let actor = req.user?.actor
        let model = try await MonitorPageModel.load(
            year: try requestedYear(req), municipality: nil, actor: actor, on: req)
        return HTMLPage(document: MonitorView(model: model, context: req.pageContext).document)
    }

    static func municipality(_ req: Request) async throws -> HTMLPage {
        let actor = try req.requireUser().actor
        guard let code = req.parameters.get("code")?.uppercased(),
            let municipality = req.application.neig.municipalities[code]
        else {
            throw NEIGError.notFound("Deze gemeentecode bestaat niet.")
        }
        let model = try await MonitorPageModel.load(
            year: try requestedYear(req), municipality: municipality, actor: actor, on: req)
        return HTMLPage(document: MonitorView(model: model, context: req.pageContext).document)
    }
}
