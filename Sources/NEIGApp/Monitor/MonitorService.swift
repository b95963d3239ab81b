import Fluent
import NEIGCore
import Vapor

/// The figures behind `neig monitor` and `/api/v1/monitor`.
public enum MonitorService {
    public static func report(year: Int, on app: Application) async throws -> MonitorReport {
        try await report(year: year, on: app.db, registry: app.neig.municipalities)
    }

    static func report(year: Int, on db: any Database, registry: MunicipalityRegistry) async throws -> MonitorReport {
        let counts = try await IncidentStore.counts(years: (year - 1)...year, on: db)
        let hasPrevious = try await IncidentStore.years(on: db).contains(year - 1)
        return MonitorReport(year: year, counts: counts, registry: registry, hasPreviousYear: hasPrevious)
    }
}
