import NEIGCore
import Vapor

enum AnalyseRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.analyse, use: page)
        routes.get(.analyseMatrixCSV(query: ""), use: matrixCSV)
    }

    static func page(_ req: Request) async throws -> Response {
        let actor = try req.requireUser().actor
        let request = try AnalyseRequest.parse(req, actor: actor)
        var results: AnalyseResults?
        if let bands = request.bands {
            results = try await AnalyseResults.compute(request, bands: bands, actor: actor, on: req)
        }
        let registry = req.application.neig.municipalities
        let national = AccessPolicy.canAnalyse(actor, municipalityCode: nil)
        let choices =
            national ? registry.all : registry.all.filter { AccessPolicy.canAnalyse(actor, municipalityCode: $0.code) }
        let view = AnalyseView(
            context: req.pageContext, request: request, municipalities: choices, allowNational: national,
            results: results, registry: registry)
        return try await HTMLPage(document: view.document, status: request.errors.isEmpty ? .ok : .unprocessableEntity)
            .encodeResponse(for: req)
    }

    static func matrixCSV(_ req: Request) async throws -> Response {
        let actor = try req.requireUser().actor
        let request = try AnalyseRequest.parse(req, actor: actor)
        guard let bands = request.bands else {
            throw NEIGError.badRequest(request.errors.map(\.message).joined(separator: " "))
        }
        let input = try await AnalysisInput.load(
            municipality: request.municipality?.code, from: request.from, to: request.to, on: req.db)
        let result = try await AnalysisExecutor.shared.run(for: try req.requireUser().requireID().uuidString) {
            await NearRepeat.run(input.events, bands: bands, permutations: request.permutations, seed: 1)
        }
        let response = Response(status: .ok, body: .init(string: AnalysisFormatting.nearRepeatCSV(result)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let name =
            "near-repeat-\(request.municipality?.code.lowercased() ?? "nederland")-\(request.from.iso)-\(request.to.iso).csv"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
