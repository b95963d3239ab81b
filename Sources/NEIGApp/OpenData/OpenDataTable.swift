import Fluent
import NEIGCore
import Vapor

/// Counts per municipality per month for the public. Small numbers can point at individual victims,
/// so every cell below the threshold is published as "<5" — including zero, or the gap between
/// "nothing" and "a few" would still show — and totals follow `SmallCountSuppression`, so that no
/// subtraction gives a small count away.
struct OpenDataTable: Content, Sendable {
    static let threshold = 5

    struct Row: Content, Sendable {
        var code: String
        /// The official CBS name, as a document or a data file needs it ("'s-Gravenhage").
        var name: String
        var months: [String]
        var total: String
        /// The name people use ("Den Haag"), for the page; not part of the published data.
        var displayName = ""

        enum CodingKeys: String, CodingKey { case code, name, months, total }

        /// The published total as a number to sort on: "<5" sorts as 0, "≥7" as 7.
        var sortValue: Int {
            if total.hasPrefix("<") { return 0 }
            return Int(total.drop { !$0.isNumber }) ?? 0
        }
    }

    var year: Int
    var suppressionThreshold: Int
    /// nil when publishing it would reveal the suppressed cells (see `SmallCountSuppression`).
    var nationalTotal: Int?
    var municipalities: [Row]

    enum CodingKeys: String, CodingKey {
        case year, municipalities
        case suppressionThreshold = "suppression_threshold"
        case nationalTotal = "national_total"
    }

    static func cell(_ count: Int?) -> String { count.map(String.init) ?? "<\(threshold)" }

    static func total(_ total: SmallCountSuppression.Total) -> String {
        switch total {
        case .exact(let value): String(value)
        case .belowThreshold: "<\(threshold)"
        // A `≥` total is never below the threshold (it would be `<5` otherwise), so saying so gives nothing away.
        case .atLeast(let value): "≥\(max(value, threshold))"
        }
    }

    static func load(year: Int, today: CivilDate, on db: any Database, registry: MunicipalityRegistry) async throws
        -> OpenDataTable
    {
        let counts = try await IncidentStore.counts(years: year...year, on: db)
        var byMunicipality: [String: [Int]] = [:]
        for count in counts {
            byMunicipality[count.municipalityCode, default: Array(repeating: 0, count: 12)][count.month - 1] +=
                count.count
        }
        let municipalities = registry.all
        let elapsed = year < today.year ? 12 : year == today.year ? today.month : 0
        let published = SmallCountSuppression(
            counts: municipalities.map { byMunicipality[$0.code] ?? Array(repeating: 0, count: 12) },
            threshold: threshold, elapsedMonths: elapsed)
        let rows = municipalities.indices.map { index in
            Row(
                code: municipalities[index].code, name: municipalities[index].officialName,
                months: published.cells[index].enumerated().map { $0.offset >= elapsed ? "–" : cell($0.element) },
                total: total(published.totals[index]), displayName: municipalities[index].displayName)
        }
        return OpenDataTable(
            year: year, suppressionThreshold: threshold, nationalTotal: published.nationalTotal, municipalities: rows)
    }
}
