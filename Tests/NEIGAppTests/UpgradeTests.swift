import Fluent
import Foundation
import NEIGCore
import SQLKit
import Testing
import Vapor
import ZIPFoundation

@testable import NEIGApp

/// A database with demo data as `main` at 3e73697 wrote it (`scripts/make-upgrade-fixture.sh`) migrates to
/// today's schema with every row and every audit entry intact — on SQLite, and on PostgreSQL when
/// `DATABASE_URL` is set.
@Suite struct UpgradeTests {
    @Test func demoDatabaseFromAnOlderMainUpgradesIntact() async throws {
        try await withFixtureDatabase("upgrade-3e73697") { app in
            let tablesBefore = try await UpgradeCensus.tables(app.db)
            let before = try await UpgradeCensus.take(app.db, tables: tablesBefore)
            // Values the code no longer knows: the old readers skipped them, so the move leaves them behind.
            try await app.db.sql.raw("UPDATE signal_routing_rules SET kinds = 'verouderd'").run()
            try await app.db.sql.raw("UPDATE library_documents SET lines = lines || ',verouderd'").run()
            let listsBefore = try await LegacyLists.read(app.db)
            #expect(before.rows["incidents"] == 4809)
            #expect(before.rows["audit_events"] == 106)

            _ = try await prepareDatabase(app, loadDemoData: false)

            let after = try await UpgradeCensus.take(app.db, tables: tablesBefore)
            #expect(after.rows == before.rows, "rows per table changed by the upgrade")
            let chain = try await AuditChain.verify(on: app.db)
            #expect(chain.isIntact, "\(chain.problem ?? "")")
            #expect(chain.entries == before.rows["audit_events"])
            try await LegacyLists.expectMoved(listsBefore, on: app.db)
            try await TypedModels.loadEveryRow(app.db)

            // Running the migrations again changes nothing.
            _ = try await prepareDatabase(app, loadDemoData: false)
            #expect(try await UpgradeCensus.take(app.db, tables: tablesBefore).rows == before.rows)

            // Undoing the moves puts every list back into its column as it was.
            let undone: [any AsyncMigration] = [
                MoveExpertiseToTable(), MoveRoutingConditionsToTables(), MoveAlertIncidentsToTable(),
                MoveMeasureCitationsToTable(), MoveTagListsToTables(), MoveLibraryListsToTables(),
                MoveInterventionListsToTables()
            ]
            for migration in undone { try await migration.revert(on: app.db) }
            #expect(try await LegacyLists.read(app.db).lists == listsBefore.lists)
        }
    }
}

/// SQLite checks an added column against the schema its connection read last. A revert that runs on a different pooled
/// connection than the move did must still see that the column is gone (CI once failed here under load).
@Suite struct SchemaCacheTests {
    @Test func revertOnAnotherConnectionSeesTheDroppedColumn() async throws {
        try await withNEIGApp { app in
            let loops = Array(app.eventLoopGroup.makeIterator())
            try #require(loops.count >= 2, "needs two event loops for two pooled connections")
            let first = app.databases.database(logger: app.logger, on: loops[0])!
            let second = app.databases.database(logger: app.logger, on: loops[1])!
            try await MoveExpertiseToTable().revert(on: first)
            // The second connection reads the table while the old column is back, then the first drops it again.
            try await second.sql.raw("SELECT * FROM member_profiles").run()
            try await MoveExpertiseToTable().prepare(on: first)
            try await MoveExpertiseToTable().revert(on: second)
            let columns = try await second.sql.raw("SELECT expertise FROM member_profiles").all()
            #expect(columns.count == (try await MemberProfile.query(on: app.db).count()))
        }
    }
}

/// Row counts of every table that the old schema had (the full-text index is derived and left out).
struct UpgradeCensus: Equatable {
    var rows: [String: Int] = [:]

    static func tables(_ db: any Database) async throws -> [String] {
        let query: SQLQueryString =
            db.isPostgres
            ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'library_fts%'"
        return try await db.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
            .filter { $0 != "_fluent_migrations" }.sorted()
    }

    static func take(_ db: any Database, tables: [String]) async throws -> UpgradeCensus {
        var census = UpgradeCensus()
        for table in tables {
            let row = try await db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
            census.rows[table] = try row?.decode(column: "n", as: Int.self) ?? -1
        }
        return census
    }
}

/// Unpacks the named fixture and opens it without migrating: the SQLite file as a copy, the PostgreSQL dump
/// loaded into a schema of its own.
func withFixtureDatabase(_ name: String, _ body: (Application) async throws -> Void) async throws {
    let fixture = try #require(Bundle.module.url(forResource: name, withExtension: "zip", subdirectory: "Fixtures"))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("neig-upgrade-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.unzipItem(at: fixture, to: directory)

    var schema: String?
    let location: DatabaseLocation
    if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
        location = try .parse(url)
        schema = "u_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    } else {
        location = .sqlite(path: directory.appendingPathComponent("neig.sqlite").path)
    }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(
            app,
            with: AppConfiguration(
                database: location, loadDemoData: false,
                clock: NEIGClock(now: { testNow }), postgresSchema: schema),
            passwordHashCost: 4)
        if let schema {
            try await app.db.sql.raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
            let dump = try String(contentsOf: directory.appendingPathComponent("neig.pg.sql"), encoding: .utf8)
            for statement in SQLScript.statements(dump) { try await app.db.sql.raw("\(unsafeRaw: statement)").run() }
        }
        try await body(app)
    } catch {
        if let schema { try? await app.db.sql.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run() }
        try await app.asyncShutdown()
        throw error
    }
    if let schema { try? await app.db.sql.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run() }
    try await app.asyncShutdown()
}

/// The comma-joined list columns as the old schema held them, and the tables they must end up in.
struct LegacyLists {
    /// Per moved column ("owner.column"): the owner's id and its values in order.
    var lists: [String: [UUID: [String]]] = [:]

    static func read(_ db: any Database) async throws -> LegacyLists {
        var legacy = LegacyLists()
        for move in ListColumnMoves.all {
            var values: [UUID: [String]] = [:]
            for row in try await db.sql.raw("SELECT id, \(ident: move.column) AS list FROM \(ident: move.owner)").all()
            {
                let text = try row.decode(column: "list", as: String?.self) ?? ""
                let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    .filter { !$0.isEmpty && (move.allowedValues?.contains($0) ?? true) }
                if !items.isEmpty { values[try row.decode(column: "id", as: UUID.self)] = items }
            }
            legacy.lists["\(move.owner).\(move.column)"] = values
        }
        return legacy
    }

    static func expectMoved(_ before: LegacyLists, on db: any Database) async throws {
        // The demo data fills most lists; an empty one would make this comparison prove nothing.
        for key in [
            "interventions.municipalities", "library_documents.lines", "library_documents.phases", "questions.tags",
            "member_groups.default_tags", "measures.information_ids", "near_repeat_alerts.earlier_incident_ids",
            "signal_routing_rules.postcode_areas", "signal_routing_rules.senders"
        ] {
            #expect(before.lists[key]?.isEmpty == false, "the fixture has no values in \(key)")
        }
        for move in ListColumnMoves.all {
            var after: [UUID: [String]] = [:]
            let rows = try await db.sql.raw(
                """
                SELECT \(ident: move.ownerColumn) AS owner, \(ident: move.valueColumn) AS value FROM \(ident: move.table) ORDER BY position
                """
            ).all()
            for row in rows {
                let value =
                    move.valuesAreIDs
                    ? try row.decode(column: "value", as: UUID.self).uuidString
                    : try row.decode(column: "value", as: String.self)
                after[try row.decode(column: "owner", as: UUID.self), default: []].append(value.lowercased())
            }
            #expect(
                after == before.lists["\(move.owner).\(move.column)"], "\(move.owner).\(move.column) → \(move.table)")
            #expect(
                try await columns(of: move.owner, on: db).contains(move.column) == false,
                "\(move.owner).\(move.column) is still there")
        }
    }

    static func columns(of table: String, on db: any Database) async throws -> Set<String> {
        let query: SQLQueryString =
            db.isPostgres
            ? "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)"
            : "SELECT name FROM pragma_table_info(\(bind: table))"
        return Set(try await db.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }
}

/// Every row of every model with an enum column decodes: no stored value is unknown to the code.
enum TypedModels {
    static func loadEveryRow(_ db: any Database) async throws {
        #expect(try await User.query(on: db).all().count == User.query(on: db).count())
        #expect(try await CaseFile.query(on: db).all().count > 0)
        _ = try await CaseTask.query(on: db).all()
        _ = try await Measure.query(on: db).with(\.$citationRows).all()
        _ = try await InformationItem.query(on: db).all()
        _ = try await RiskSignal.query(on: db).all()
        _ = try await Intervention.queryWithLists(on: db).all()
        _ = try await InterventionDecision.query(on: db).all()
        _ = try await LibraryDocument.query(on: db).withTags().all()
        _ = try await NewsItem.query(on: db).all()
        _ = try await MembershipApplication.query(on: db).all()
        _ = try await CaseStudy.query(on: db).all()
        _ = try await Follow.query(on: db).all()
        _ = try await EventRegistration.query(on: db).all()
        _ = try await RoutingRule.queryWithConditions(on: db).all()
    }
}

@Suite struct TypedColumnTests {
    /// A value the code does not know is an error, never quietly the first phase.
    @Test func anUnknownStoredPhaseFailsLoudly() async throws {
        try await withNEIGApp(demo: true) { app in
            let caseFile = try #require(try await CaseFile.query(on: app.db).first())
            try await app.db.sql.raw("UPDATE cases SET phase = 'herstel' WHERE id = \(bind: caseFile.requireID())")
                .run()
            await #expect(throws: (any Error).self) { _ = try await CaseFile.query(on: app.db).all() }
            let officer = try await login(app, email: "oov.amsterdam@demo.neig.nl", password: "demo-wachtwoord-neig")
            let page = try await getPage(app, "/zaken/\(try caseFile.requireID().uuidString.lowercased())", as: officer)
            #expect(page.status == .internalServerError)
            #expect(!page.body.string.contains("Dreiging"), "no phase is made up for the case")
        }
    }

    /// Each enum column, set to a value the code does not know, makes reading it fail instead of defaulting.
    @Test(arguments: [
        ("organisations", "kind", "gemeentehuis"), ("users", "status", "gepauzeerd"),
        ("case_events", "kind", "notitie"),
        ("case_events", "to_phase", "herstel"), ("information_items", "author_role", "wethouder"),
        ("information_recipients", "role", "wethouder"), ("outbox", "status", "teruggestuurd"),
        ("incidents", "target", "kiosk")
    ])
    func anUnknownStoredValueFailsLoudly(_ table: String, _ column: String, _ value: String) async throws {
        try await withNEIGApp(demo: true) { app in
            let before = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?
                .decode(column: "n", as: Int.self)
            try #require((before ?? 0) > 0, "the demo data has no row in \(table)")
            try await app.db.sql.raw("UPDATE \(ident: table) SET \(ident: column) = \(bind: value)").run()
            await #expect(throws: (any Error).self, "\(table).\(column) = \(value) was read back as something") {
                try await Self.read(table, on: app.db)
            }
        }
    }

    static func read(_ table: String, on db: any Database) async throws {
        switch table {
        case "organisations": _ = try await Organisation.query(on: db).all()
        case "users": _ = try await User.query(on: db).all()
        case "case_events": _ = try await CaseEvent.query(on: db).all()
        case "information_items": _ = try await InformationItem.query(on: db).all()
        case "information_recipients": _ = try await InformationRecipient.query(on: db).all()
        case "outbox": _ = try await OutboxMessage.query(on: db).all()
        case "incidents": _ = try await IncidentStore.counts(years: 2000...2100, on: db)
        default: Issue.record("no reader for \(table)")
        }
    }
}

/// Splits a pg_dump script into statements: at each `;` outside quotes, identifiers and dollar-quoted bodies
/// (PostgresNIO sends every query as a prepared statement, which holds one command).
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = [], current = ""
        var quote: Character?, dollar: (tag: String, openedAt: Int)?
        var index = script.startIndex
        while index < script.endIndex {
            let character = script[index]
            current.append(character)
            if let open = dollar {
                // '' and "" need no care: a doubled quote closes and reopens, which splits nothing.
                if current.count >= open.openedAt + open.tag.count, current.hasSuffix(open.tag) { dollar = nil }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "$", let end = script[script.index(after: index)...].firstIndex(of: "$"),
                script[script.index(after: index)..<end].allSatisfy({ $0.isLetter || $0 == "_" })
            {
                let tag = String(script[index...end])
                current.append(contentsOf: tag.dropFirst())
                dollar = (tag, current.count)
                index = end
            } else if character == ";" {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if statement.count > 1 { statements.append(statement) }
                current = ""
            }
            index = script.index(after: index)
        }
        return statements
    }
}
