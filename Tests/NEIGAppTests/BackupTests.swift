import Fluent
import Foundation
import NEIGCore
import Testing
import Vapor

@testable import NEIGApp

@Suite struct BackupTests {
    struct Snapshot: Equatable {
        let monitor: [MonitorReport]
        let incidents: Int
        let auditEvents: Int
        let auditChain: AuditChain.Verification
    }

    func snapshot(_ app: Application) async throws -> Snapshot {
        var reports: [MonitorReport] = []
        for year in [2024, 2025] { reports.append(try await MonitorService.report(year: year, on: app)) }
        try await AuditChain.seal(on: app.db)
        let chain = try await AuditChain.verify(on: app.db)
        #expect(chain.isIntact, "audit chain: \(chain.problem ?? "")")
        return Snapshot(
            monitor: reports, incidents: try await incidentCount(app),
            auditEvents: try await AuditEvent.query(on: app.db).count(), auditChain: chain)
    }

    @Test func restoringABackupBringsBackExactlyWhatWasBackedUp() async throws {
        let backup = FileManager.default.temporaryDirectory.appendingPathComponent("neig-backup-\(UUID()).bak").path
        defer { try? FileManager.default.removeItem(atPath: backup) }
        let later = incidentHeader + "L-1;2025-06-01;;GM0344;;;;136000;456000;woning;explosief;\n"

        if ProcessInfo.processInfo.environment["DATABASE_URL"] != nil {
            try await withNEIGApp { app in
                _ = try await importCSV(app, sampleCSV)
                let before = try await snapshot(app)
                try await BackupService.backup(
                    app.neig.database, schema: app.neig.postgresSchema, to: backup, on: app.db)
                _ = try await importCSV(app, later)
                #expect(try await snapshot(app) != before)
                try BackupService.restore(app.neig.database, from: backup)
                #expect(try await snapshot(app) == before)
            }
            return
        }

        // SQLite: the restore swaps the file, so the server is stopped first, as the README says.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neig-restore-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        func start() async throws -> Application {
            let app = try await Application.make(.testing)
            app.logger.logLevel = .warning
            try await configure(
                app, with: AppConfiguration(database: .sqlite(path: path), clock: NEIGClock(now: { testNow })),
                passwordHashCost: 4)
            _ = try await prepareDatabase(app, loadDemoData: false)
            return app
        }
        let first = try await start()
        _ = try await importCSV(first, sampleCSV)
        let before = try await snapshot(first)
        try await BackupService.backup(first.neig.database, to: backup, on: first.db)
        await #expect(throws: BackupService.Failure.self) {
            try await BackupService.backup(first.neig.database, to: backup, on: first.db)
        }
        _ = try await importCSV(first, later)
        let changed = try await snapshot(first)
        try await first.asyncShutdown()
        #expect(changed != before)

        try BackupService.restore(.sqlite(path: path), from: backup)
        let second = try await start()
        #expect(try await snapshot(second) == before)
        try await second.asyncShutdown()
        #expect(throws: BackupService.Failure.self) {
            try BackupService.restore(.sqlite(path: path), from: "/etc/hostname")
        }
    }
}
