import Fluent
import NEIGCore
import Plot
import Vapor

/// The maps of the monitor: the country for everyone (members exact, visitors the open-data figures), a municipality
/// with its neighbours for members.
struct MonitorMaps: Sendable {
    /// Per municipality: the class and the text of its tooltip and table row.
    var national: [String: NationalMap.Value] = [:]
    var nationalClasses = NationalMap.exact
    /// Members: the municipalities with attacks, most first, for the table beside the map.
    var ranked: [(name: String, code: String, count: Int)] = []
    var nationalCanvas: MapCanvas?
    var municipalityCanvas: MapCanvas?
    var neighbourRows: [(name: String, code: String, count: Int)] = []

    static func national(totals: [String: Int], registry: MunicipalityRegistry) -> MonitorMaps {
        var maps = MonitorMaps()
        maps.ranked = totals.filter { $0.value > 0 }
            .map { (registry[$0.key]?.displayName ?? $0.key, $0.key, $0.value) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        for municipality in registry.all {
            let count = totals[municipality.code] ?? 0
            maps.national[municipality.code] = NationalMap.Value(
                classIndex: NationalMap.exact.index(of: count), shown: count.counted(.attack))
        }
        maps.nationalCanvas = NationalMap.canvas(
            registry: registry, values: maps.national, classes: maps.nationalClasses)
        return maps
    }

    /// Visitors get the figures of the open data, suppression included.
    static func published(_ table: OpenDataTable, registry: MunicipalityRegistry) -> MonitorMaps {
        var maps = MonitorMaps()
        maps.nationalClasses = NationalMap.suppressed
        for row in table.municipalities {
            maps.national[row.code] = NationalMap.Value(
                classIndex: NationalMap.suppressed.index(of: row.sortValue), shown: row.total)
        }
        maps.nationalCanvas = NationalMap.canvas(
            registry: registry, values: maps.national, classes: maps.nationalClasses)
        return maps
    }

    static func municipality(
        _ municipality: Municipality, year: Int, totals: [String: Int], actor: Actor, registry: MunicipalityRegistry,
        on db: any Database
    ) async throws -> MonitorMaps {
        let showPoints = AccessPolicy.canSeeLocation(actor, municipalityCode: municipality.code)
        let incidents = try await Incident.query(on: db).filter(\.$municipalityCode == municipality.code)
            .filter(\.$year == year).sort(\.$occurredOn).all()
        let attacks = incidents.map { incident in
            let date = CivilDate(parsing: incident.occurredOn)?.dutch ?? incident.occurredOn
            let label = showPoints ? [date, incident.address].compactMap { $0 }.joined(separator: ", ") : date
            return MunicipalityMap.Attack(point: RDPoint(x: incident.rdX, y: incident.rdY), label: label)
        }
        var maps = MonitorMaps()
        let neighbours = (registry.boundaries?.neighbours(of: municipality.code) ?? []).sorted {
            (registry[$0]?.displayName ?? $0).localizedStandardCompare(registry[$1]?.displayName ?? $1)
                == .orderedAscending
        }
        let shown = [municipality.code] + neighbours
        maps.neighbourRows = shown.map { code in
            (registry[code]?.displayName ?? code, code, totals[code] ?? 0)
        }
        maps.municipalityCanvas = MunicipalityMap.canvas(
            code: municipality.code, registry: registry, attacks: attacks, showPoints: showPoints,
            counts: Dictionary(uniqueKeysWithValues: shown.map { ($0, totals[$0] ?? 0) }))
        return maps
    }

    /// Attacks per municipality in the year, from the monthly counts.
    static func totals(year: Int, on db: any Database) async throws -> [String: Int] {
        totals(of: try await IncidentStore.counts(years: year...year, on: db), year: year)
    }

    static func totals(of counts: [IncidentCount], year: Int) -> [String: Int] {
        var totals: [String: Int] = [:]
        for count in counts where count.year == year { totals[count.municipalityCode, default: 0] += count.count }
        return totals
    }
}
