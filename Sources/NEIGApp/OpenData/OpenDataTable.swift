import Fluent
import NEIGCore
import Vapor

/// Counts per municipality per month for the public. Small numbers can point at individual victims,
/// so every cell below the threshold is published as "<5" — including zero, or the gap between
/// "nothing" and "a few" would still show.
struct OpenDataTable: Content, Sendable {
    static let threshold = 5

    struct Row: Content, Sendable {
        var code: String
        var name: String
        var months: [String]
        var total: String
    }

    var year: Int
    var suppressionThreshold: Int
    var nationalTotal: Int
    var municipalities: [Row]

    enum CodingKeys: String, CodingKey {
        case year, municipalities
        case suppressionThreshold = "suppression_threshold"
        case nationalTotal = "national_total"
    }

    static func cell(_ count: Int) -> String { count < threshold ? "<\(threshold)" : String(count) }

    static func load(year: Int, on db: any Database, registry: MunicipalityRegistry) async throws -> OpenDataTable {
        let counts = try await IncidentStore.counts(years: year...year, on: db)
        var byMunicipality: [String: [Int]] = [:]
        for count in counts { byMunicipality[count.municipalityCode, default: Array(repeating: 0, count: 12)][count.month - 1] += count.count }
        let rows = registry.all.map { municipality in
            let months = byMunicipality[municipality.code] ?? Array(repeating: 0, count: 12)
            return Row(code: municipality.code, name: municipality.officialName, months: months.map(cell), total: cell(months.reduce(0, +)))
        }
        return OpenDataTable(year: year, suppressionThreshold: threshold, nationalTotal: counts.reduce(0) { $0 + $1.count },
                             municipalities: rows)
    }
}
