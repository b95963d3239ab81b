import Fluent
import NEIGCore
import Vapor

/// Registering one incident, the same way from the form and the API: one transaction that stores it,
/// moves the register version (so cached figures are recomputed) and writes the audit entry.
enum IncidentWriter {
    /// Returns nil when the source already has an incident with this `bron_id`.
    static func create(_ record: IncidentRecord, channel: String, on req: Request) async throws -> Incident? {
        if try await Incident.query(on: req.db).filter(\.$source == record.source).filter(\.$sourceID == record.sourceID).first() != nil {
            return nil
        }
        let incident = Incident(record)
        try await req.db.transaction { tx in
            try await incident.create(on: tx)
            try await RegisterVersion.bump(on: tx)
            try await req.audit("incident.create", object: "incident", id: incident.id?.uuidString.lowercased(),
                                detail: "municipality=\(record.municipalityCode) via=\(channel)", on: tx)
        }
        await NearRepeatAlertService.evaluateLogged([incident], app: req.application, actor: req.auditActor)
        return incident
    }
}
