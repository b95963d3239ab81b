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
    static let maximumDistance = 5_000.0
    static let maximumDays = 365

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
            permutations: 99)
        if let permutations = try req.queryInteger("permutaties", in: 1...999) {
            guard permutationChoices.contains(permutations) else {
                throw NEIGError.badRequest(
                    "permutaties: kies 99 of 999.", items: [.init(column: "permutaties", reason: "99 of 999")])
            }
            request.permutations = permutations
        }
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
        if request.from > request.to {
            request.errors.append(.init(field: "van", message: "De begindatum ligt na de einddatum."))
        }
        // Bounded so that one request cannot occupy the analysis thread for long: wider bands than this
        // count nearly every pair of attacks and say nothing about near repeats anyway.
        let distances = BoundedNumber.decimals(request.distanceText, in: 1...maximumDistance, count: 1...8)
            .orFieldError(
                "afstanden", &request.errors,
                message:
                    "Geef 1 tot 8 afstanden van 1 tot \(Int(maximumDistance)) meter, gescheiden door komma’s, bijvoorbeeld 100,200,300,400."
            )
        let days = BoundedNumber.integers(request.daysText, in: 1...maximumDays, count: 1...8)
            .orFieldError(
                "dagen", &request.errors,
                message:
                    "Geef 1 tot 8 termijnen van 1 tot \(maximumDays) dagen, gescheiden door komma’s, bijvoorbeeld 7,14,21,28."
            )
        if request.errors.isEmpty, let distances, let days {
            do {
                request.bands = try NearRepeatBands(distances: distances, days: days)
            } catch {
                let field = error as? NearRepeatError == .bandsNotIncreasing("time") ? "dagen" : "afstanden"
                request.errors.append(
                    .init(
                        field: field,
                        message: "De grenzen moeten positief zijn en oplopen, bijvoorbeeld 100,200,300,400."))
            }
        }
        return request
    }

    /// The same question as query string, for the CSV link.
    var query: String {
        var items = [
            ("van", from.iso), ("tot", to.iso), ("afstanden", distanceText), ("dagen", daysText),
            ("permutaties", String(permutations))
        ]
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
    /// The densest places, described by municipality (and street, for those who may see addresses).
    var hotspots: [HotspotDescription] = []

    static let bandwidth = 400.0

    static func compute(_ request: AnalyseRequest, bands: NearRepeatBands, actor: Actor, on req: Request) async throws
        -> AnalyseResults
    {
        let input = try await AnalysisInput.load(
            municipality: request.municipality?.code, from: request.from, to: request.to, on: req.db)
        let subject = try req.requireUser().requireID().uuidString
        let (matrix, knox, grid) = try await AnalysisExecutor.shared.run(for: subject) {
            let matrix = await NearRepeat.run(input.events, bands: bands, permutations: request.permutations, seed: 1)
            let knox = await Knox.run(
                input.events, distance: bands.distances[min(1, bands.distances.count - 1)],
                days: bands.days[min(1, bands.days.count - 1)], permutations: request.permutations, seed: 1)
            let cellSize = DensityGrid.automaticCellSize(
                x: input.events.x, y: input.events.y, bandwidth: bandwidth, cells: 20_000)
            let grid = try DensityGrid.quartic(
                x: input.events.x, y: input.events.y, bandwidth: bandwidth, cellSize: cellSize)
            return (matrix, knox, grid)
        }
        let showPoints =
            request.municipality.map { AccessPolicy.canSeeLocation(actor, municipalityCode: $0.code) } ?? false
        var results = AnalyseResults(input: input, matrix: matrix, knox: knox, grid: grid, showPoints: showPoints)
        let peaks = grid.peaks(limit: 5, separation: 4 * bandwidth)
        let addresses = showPoints ? try await HotspotPlaces.addresses(nearestTo: peaks, input: input, on: req.db) : nil
        results.hotspots = HotspotPlaces.describe(
            peaks, input: input, registry: req.application.neig.municipalities, addresses: addresses)
        return results
    }
}
