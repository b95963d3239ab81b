import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Vapor

/// The import used by both `neig import incidents` and the upload page: validate the whole file,
/// then write all of it in one transaction, or nothing.
public enum IncidentImporter {
    public struct Outcome: Sendable {
        public var summary: IncidentStore.ImportSummary
        public var problems: [CSVReader.Problem]
        public var rowCount: Int
        public var dryRun: Bool
        /// Values accepted in another spelling, said once per spelling.
        public var notes: [CSVReader.Problem] = []
        public var encoding: TextEncoding = .utf8
        public var omittedProblems = 0
        /// "CSV, Windows-1252" or "Excel-werkmap, eerste werkblad".
        public var readAs = ""
        /// The rows written (or, on a check, that would be), for the preview and the links to them.
        public var records: [IncidentRecord] = []
        /// Risk areas this import started or made larger.
        public var alertsRaised = 0
        public var succeeded: Bool { problems.isEmpty }
    }

    public static func run(_ bytes: [UInt8], source: String, dryRun: Bool, actor: String, app: Application) async throws
        -> Outcome
    {
        let parser = IncidentImportParser(
            municipalities: app.neig.municipalities, today: app.neig.clock.today, source: source)
        let parsed = parser.parse(bytes)
        let now = app.neig.clock.now()
        guard parsed.problems.isEmpty else {
            let rejectedRows = Set(parsed.problems.map(\.line).filter { $0 > 1 }).count
            let summary = IncidentStore.ImportSummary(inserted: 0, alreadyPresent: 0, rejected: rejectedRows)
            app.neig.metrics.recordImport(summary)
            try await Audit.record(
                "incident.import", object: "incident", result: "rejected",
                detail: "rows=\(parsed.rowCount) problems=\(parsed.problems.count) source=\(source)",
                actor: actor, at: now, on: app.db)
            return Outcome(
                summary: summary, problems: parsed.problems, rowCount: parsed.rowCount, dryRun: dryRun,
                notes: parsed.notes, encoding: parsed.encoding, omittedProblems: parsed.omittedProblems,
                readAs: parsed.readAs)
        }
        if dryRun {
            let present = try await alreadyPresent(parsed.records, on: app.db)
            return Outcome(
                summary: .init(inserted: parsed.records.count - present, alreadyPresent: present, rejected: 0),
                problems: [], rowCount: parsed.rowCount, dryRun: true, notes: parsed.notes, encoding: parsed.encoding,
                readAs: parsed.readAs, records: parsed.records)
        }
        let summary = try await app.db.transaction { tx in
            let pause = ProcessInfo.processInfo.environment["NEIG_FAULT_IMPORT_PAUSE_AFTER_BATCHES"].flatMap(Int.init)
            let summary = try await IncidentStore.insert(parsed.records, on: tx, now: now, pauseAfterBatches: pause)
            try await Audit.record(
                "incident.import", object: "incident",
                detail: "inserted=\(summary.inserted) present=\(summary.alreadyPresent) source=\(source)",
                actor: actor, at: now, on: tx)
            return summary
        }
        app.neig.metrics.recordImport(summary)
        let recentFrom = app.neig.clock.today.adding(days: -NearRepeatAlertService.recentDays)
        let alertsBefore = try await NearRepeatAlert.query(on: app.db).count()
        for (source, group) in Dictionary(grouping: parsed.records.filter { $0.date >= recentFrom }, by: \.source) {
            let incidents = try await Incident.query(on: app.db).filter(\.$source == source)
                .filter(\.$sourceID ~~ group.map(\.sourceID)).all()
            await NearRepeatAlertService.evaluateLogged(incidents, app: app, actor: actor)
        }
        let alertsRaised = try await NearRepeatAlert.query(on: app.db).count() - alertsBefore
        return Outcome(
            summary: summary, problems: [], rowCount: parsed.rowCount, dryRun: false, notes: parsed.notes,
            encoding: parsed.encoding, readAs: parsed.readAs, records: parsed.records, alertsRaised: alertsRaised)
    }

    /// The stored incidents of these records, newest first, for the links after an import.
    static func stored(_ records: [IncidentRecord], on db: any Database) async throws -> [Incident] {
        var incidents: [Incident] = []
        // In chunks: one bound parameter per id, and databases cap how many one statement may have.
        for (source, group) in Dictionary(grouping: records, by: \.source) {
            for start in stride(from: 0, to: group.count, by: 500) {
                let ids = group[start..<min(group.count, start + 500)].map(\.sourceID)
                incidents += try await Incident.query(on: db).filter(\.$source == source).filter(\.$sourceID ~~ ids)
                    .all()
            }
        }
        return incidents.sorted { ($0.occurredOn, $0.sourceID) > ($1.occurredOn, $1.sourceID) }
    }

    static func alreadyPresent(_ records: [IncidentRecord], on db: any Database) async throws -> Int {
        var count = 0
        for (source, group) in Dictionary(grouping: records, by: \.source) {
            let existing = Set(try await Incident.query(on: db).filter(\.$source == source).all(\.$sourceID))
            count += group.filter { existing.contains($0.sourceID) }.count
        }
        return count
    }
}
