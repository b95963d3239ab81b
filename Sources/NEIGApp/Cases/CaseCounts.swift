import Fluent
import NEIGCore

/// Coordinators see how many cases each municipality has in each phase, never the cases themselves.
enum CaseCounts {
    struct Row: Sendable {
        let municipality: String
        let counts: [CasePhase: Int]
    }

    static func byMunicipality(on db: any Database, registry: MunicipalityRegistry) async throws -> [Row] {
        let cases = try await CaseFile.query(on: db).field(\.$municipalityCode).field(\.$phase).all()
        let grouped = Dictionary(grouping: cases, by: \.municipalityCode)
        return grouped.map { code, cases in
            Row(
                municipality: registry[code]?.displayName ?? code,
                counts: Dictionary(grouping: cases, by: \.phase).mapValues(\.count))
        }.sorted { $0.municipality < $1.municipality }
    }
}
