import NEIGCore
import Vapor

/// What the analysis page asked for (query parameters in Dutch, as the form sends them) and what came out.
struct AnalyseRequest: Sendable {
    var municipality: Municipality?
    var from: CivilDate
    var to: CivilDate
    var distanceText: String
    var daysText: String
    var permutations: Int
    var errors: [FormViews.FieldError] = []
    var bands: NearRepeatBands?

    static let permutationChoices = [99, 999]

    /// Reads the query; a municipal officer's area is their own municipality unless they ask for another,
    /// which answers 404 like every other object outside their reach.
    static func parse(_ req: Request, actor: Actor) throws -> AnalyseRequest {
        let registry = req.application.neig.municipalities
        var municipality: Municipality?
        if let code = req.query[String.self, at: "gemeente"]?.uppercased(), !code.isEmpty {
            guard let found = registry[code] else { throw NEIGError.notFound("Deze gemeentecode bestaat niet.") }
            municipality = found
        } else if actor.role == .municipalOfficer, let own = actor.municipalityCode {
            municipality = registry[own]
        }
        guard AccessPolicy.canAnalyse(actor, municipalityCode: municipality?.code) else { throw NEIGError.notFound() }

        let today = req.application.neig.clock.today
        var request = AnalyseRequest(
            municipality: municipality, from: CivilDate(year: today.year - 1, month: 1, day: 1)!, to: today,
            distanceText: req.query[String.self, at: "afstanden"] ?? "100,200,300,400",
            daysText: req.query[String.self, at: "dagen"] ?? "7,14,21,28",
            permutations: req.query[Int.self, at: "permutaties"].flatMap { permutationChoices.contains($0) ? $0 : nil } ?? 99)
        func date(_ field: String) -> CivilDate? {
            guard let text = req.query[String.self, at: field], !text.isEmpty else { return nil }
            guard let date = CivilDate(parsing: text) else {
                request.errors.append(.init(field: field, message: "‘\(text)’ is geen datum; gebruik JJJJ-MM-DD."))
                return nil
            }
            return date
        }
        if let from = date("van") { request.from = from }
        if let to = date("tot") { request.to = to }
        if request.from > request.to { request.errors.append(.init(field: "van", message: "De begindatum ligt na de einddatum.")) }
        let distances = request.distanceText.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        let days = request.daysText.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        if distances.isEmpty || distances.contains(nil) || distances.count > 8 {
            request.errors.append(.init(field: "afstanden", message: "Geef 1 tot 8 afstanden in meters, gescheiden door komma’s, bijvoorbeeld 100,200,300,400."))
        }
        if days.isEmpty || days.contains(nil) || days.count > 8 {
            request.errors.append(.init(field: "dagen", message: "Geef 1 tot 8 termijnen in dagen, gescheiden door komma’s, bijvoorbeeld 7,14,21,28."))
        }
        if request.errors.isEmpty {
            do {
                request.bands = try NearRepeatBands(distances: distances.map { $0! }, days: days.map { $0! })
            } catch {
                let field = error as? NearRepeatError == .bandsNotIncreasing("time") ? "dagen" : "afstanden"
                request.errors.append(.init(field: field, message: "De grenzen moeten positief zijn en oplopen, bijvoorbeeld 100,200,300,400."))
            }
        }
        return request
    }

    /// The same question as query string, for the CSV link.
    var query: String {
        var items = [("van", from.iso), ("tot", to.iso), ("afstanden", distanceText), ("dagen", daysText), ("permutaties", String(permutations))]
        if let municipality { items.insert(("gemeente", municipality.code), at: 0) }
        return SiteURL.query(items)
    }
}

struct AnalyseResults: Sendable {
    let input: AnalysisInput
    let matrix: NearRepeatResult
    let knox: KnoxResult
    let grid: DensityGrid
    let showPoints: Bool

    static let bandwidth = 400.0

    static func compute(_ request: AnalyseRequest, bands: NearRepeatBands, actor: Actor, on req: Request) async throws -> AnalyseResults {
        let input = try await AnalysisInput.load(municipality: request.municipality?.code, from: request.from, to: request.to, on: req.db)
        let matrix = await NearRepeat.run(input.events, bands: bands, permutations: request.permutations, seed: 1)
        let knox = await Knox.run(input.events, distance: bands.distances[min(1, bands.distances.count - 1)],
                                  days: bands.days[min(1, bands.days.count - 1)], permutations: request.permutations, seed: 1)
        let cellSize = DensityGrid.automaticCellSize(x: input.events.x, y: input.events.y, bandwidth: bandwidth, cells: 20_000)
        let grid = try DensityGrid.quartic(x: input.events.x, y: input.events.y, bandwidth: bandwidth, cellSize: cellSize)
        let showPoints = request.municipality.map { AccessPolicy.canSeeLocation(actor, municipalityCode: $0.code) } ?? false
        return AnalyseResults(input: input, matrix: matrix, knox: knox, grid: grid, showPoints: showPoints)
    }
}
