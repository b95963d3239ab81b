import Fluent
import NEIGCore
import Vapor

/// Registering one incident, the same way from the form and the API: one transaction that stores it,
/// moves the register version (so cached figures are recomputed) and writes the audit entry.
enum IncidentWriter {
    static func find(_ id: UUID?, on db: any Database) async throws -> Incident {
        guard let id, let incident = try await Incident.find(id, on: db) else { throw NEIGError.notFound() }
        return incident
    }

    /// One incident's fields checked as an import row is (`bron` defaults to `handmatig`).
    static func validated(_ values: [String: String], context: ServiceContext) -> Result<IncidentRecord, ProblemList> {
        let source = (values["bron"] ?? "").trimmingCharacters(in: .whitespaces)
        let parser = IncidentImportParser(
            municipalities: context.municipalities, today: context.clock.today,
            source: source.isEmpty ? "handmatig" : String(source.prefix(50)))
        return parser.validate(fields: values)
    }

    /// Returns nil when the source already has an incident with this `bron_id`.
    static func create(_ record: IncidentRecord, channel: String, context: ServiceContext) async throws -> Incident? {
        if try await Incident.query(on: context.db).filter(\.$source == record.source).filter(
            \.$sourceID == record.sourceID
        ).first() != nil {
            return nil
        }
        let incident = Incident(record)
        try await context.db.transaction { tx in
            try await incident.create(on: tx)
            try await RegisterVersion.bump(on: tx)
            try await context.audit(
                "incident.create", object: "incident", id: incident.id?.uuidString.lowercased(),
                detail: "municipality=\(record.municipalityCode) via=\(channel)", on: tx)
        }
        await NearRepeatAlertService.evaluateLogged([incident], app: context.application, actor: context.auditor.actor)
        return incident
    }
}

extension IncidentWriter {
    /// Stores the corrected record; the audit entry names the fields that changed, and cached figures are renewed.
    /// A BAG id kept while the address was rewritten belonged to the old address, and is dropped; returns whether so.
    @discardableResult
    static func update(_ incident: Incident, with record: IncidentRecord, context: ServiceContext) async throws -> Bool
    {
        let before = incident.record
        var record = record
        let staleBAGID = record.bagID != nil && record.bagID == before.bagID && record.addressKey != before.addressKey
        if staleBAGID { record.bagID = nil }
        incident.apply(record)
        let changed = IncidentFormView.changedFields(before, record)
        try await context.db.transaction { tx in
            try await incident.save(on: tx)
            try await RegisterVersion.bump(on: tx)
            try await context.audit(
                "incident.update", object: "incident", id: incident.id?.uuidString.lowercased(),
                detail: "fields=\(changed.joined(separator: ","))", on: tx)
        }
        return staleBAGID
    }
}
