import Fluent
import Foundation
import NEIGCore
import SQLKit
import Testing
import VaporTesting

@testable import NEIGApp

/// Every registered route, every parameter neig reads, hostile values: no answer is a 5xx, the server is alive
/// afterwards, and a marker in any reflected or stored value never becomes an element or an attribute.
@Suite(.serialized) struct HostileInputTests {
    static let numbers = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e19", "-1e19",
        "99999999999999999999", "-1", "0", "NaN", "inf", "1.5", "", String(repeating: "9", count: 10_000)
    ]
    static let roles =
        ProcessInfo.processInfo.environment["NEIG_HOSTILE_ROLES"].map { $0.split(separator: ",").map(String.init) }
        ?? ["coordinator@demo.neig.nl", "oov.amsterdam@demo.neig.nl", "politie@demo.neig.nl"]

    /// What the walk did, for the closing note and for the assertion that it walked something.
    final class Tally: @unchecked Sendable {
        var requests = 0
        var failures: [String] = []
    }

    /// The national and the municipal view; the police's reach lies between them and is walked by the marker test.
    @Test(arguments: roles.prefix(2))
    func numbersNeverStopTheServer(_ email: String) async throws {
        try await withNEIGApp(demo: true) { app in
            let walker = try await RouteWalker.login(app, as: email)
            let names = RouteWalker.parameterNames
            let targets = try await walker.targets()
            let tally = Tally()
            func check(_ target: RouteWalker.Target, _ fields: [(String, String)], path: String? = nil, what: String)
                async throws -> HTTPStatus
            {
                let (status, body, _) = try await walker.send(target, fields: fields, path: path)
                tally.requests += 1
                if status.code >= 500 {
                    tally.failures.append(
                        "\(target.method) \(path ?? target.path) \(what): \(status.code) \(body.prefix(200))")
                }
                return status
            }
            var slowest: [(Double, String)] = []
            for target in targets {
                let started = Date()
                defer {
                    slowest.append((Date().timeIntervalSince(started), "\(target.method) \(target.pattern)"))
                    if ProcessInfo.processInfo.environment["NEIG_WALK_PROGRESS"] != nil {
                        FileHandle.standardError.write(
                            Data(
                                "\(target.method) \(target.path) \(Int(Date().timeIntervalSince(started) * 1000)) ms\n"
                                    .utf8))
                    }
                }
                var refused = false
                for value in Self.numbers {
                    let status = try await check(target, names.map { ($0, value) }, what: "all=\(value.prefix(24))")
                    if value == Self.numbers[2], [.badRequest, .unprocessableEntity].contains(status) { refused = true }
                }
                // A query parameter refused early could hide a later one that is read only after it: where the
                // route refused, the names are halved until each refused one stands alone (a half that is not
                // refused had every parameter it read accepted). Forms and JSON bodies report every field at once.
                if refused, target.method == .GET {
                    var groups = [names]
                    while let group = groups.popLast() {
                        guard group.count > 1 else { continue }
                        for half in [Array(group.prefix(group.count / 2)), Array(group.dropFirst(group.count / 2))] {
                            let status = try await check(
                                target, half.map { ($0, Self.numbers[2]) }, what: "\(half.count) names from \(half[0])")
                            if [.badRequest, .unprocessableEntity].contains(status) { groups.append(half) }
                        }
                    }
                }
                if target.pattern.contains(":") {
                    for value in Self.numbers where !value.isEmpty {
                        let path = target.pattern.split(separator: "/").map {
                            $0.hasPrefix(":") ? Substring(RouteWalker.encode(value)) : $0
                        }.joined(separator: "/")
                        _ = try await check(target, [], path: "/" + path, what: "path")
                    }
                }
            }
            #expect(
                tally.failures.isEmpty,
                "\(tally.failures.count) answers of 500 or more:\n\(tally.failures.prefix(20).joined(separator: "\n"))")
            #expect(try await walker.healthy())
            #expect(targets.count >= 150 && names.count >= 80, "walked \(targets.count) routes × \(names.count) names")
            print(
                "hostile numbers as \(email): \(targets.count) routes × \(names.count) parameters, \(tally.requests) requests; slowest:",
                slowest.sorted { $0.0 > $1.0 }.prefix(6).map { "\($0.1) \(Int($0.0 * 1000)) ms" }.joined(
                    separator: ", "))
        }
    }

    static let markers = [
        #""><x-test a='1'>"#, #"' x-test-q='1"#, #"" x-test-d="1"#, "javascript:x-test()", "</textarea><x-test>"
    ]

    /// A marker became markup when a tag or an attribute of its own appears, or a link or form runs script.
    static func injected(_ html: String) -> [String] {
        var found: [String] = []
        for tag in HTMLTag.scan(html) {
            if tag.name.hasPrefix("x-test") { found.append("element <\(tag.name)>") }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("x-test") || attribute.name == "a" && attribute.value == "1" {
                    found.append("attribute \(attribute.name) on <\(tag.name)>")
                }
                if ["href", "src", "action", "formaction"].contains(attribute.name),
                    attribute.value.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("javascript:")
                {
                    found.append("\(attribute.name)=\(attribute.value) on <\(tag.name)>")
                }
            }
        }
        return found
    }

    @Test func theTagScannerSeesInjection() {
        #expect(Self.injected(#"<input value=""><x-test a='1'>">"#).contains("element <x-test>"))
        #expect(Self.injected(#"<input value="" x-test-d="1">"#).contains("attribute x-test-d on <input>"))
        #expect(Self.injected(#"<input value="&quot;&gt;&lt;x-test a=&#39;1&#39;&gt;">"#).isEmpty)
        #expect(Self.injected(#"<p>" x-test-d="1 and &lt;x-test&gt;</p>"#).isEmpty)
        #expect(Self.injected(#"<a href="javascript:x-test()">x</a>"#).count == 1)
    }

    @Test(.enabled(if: renderingWalksRunHere), arguments: roles)
    func markersStayText(_ email: String) async throws {
        try await withNEIGApp(demo: true) { app in
            let walker = try await RouteWalker.login(app, as: email)
            let names = RouteWalker.parameterNames
            let tally = Tally()
            var pages = 0
            func inspect(_ target: RouteWalker.Target, _ fields: [(String, String)], what: String) async throws {
                let (status, body, headers) = try await walker.send(target, fields: fields)
                tally.requests += 1
                if status.code >= 500 {
                    tally.failures.append("\(target.method) \(target.path) \(what): \(status.code)")
                }
                guard headers.contentType?.subType == "html" else { return }
                pages += 1
                for finding in Self.injected(body) {
                    tally.failures.append("\(target.method) \(target.path) \(what): \(finding)")
                }
            }
            // Stored: every form and JSON body posted with a marker in every field; whatever passes validation is kept.
            for target in try await walker.targets() where target.method == .POST {
                for marker in Self.markers {
                    try await inspect(target, names.map { ($0, marker) }, what: "post \(marker)")
                }
            }
            // Stored: every free-text column (values with a space: titles, descriptions, notes, addresses) gets the marker.
            try await Self.appendMarkerToFreeText(
                app.db as! any SQLDatabase, marker: Self.markers[0] + Self.markers[1] + Self.markers[2])
            // Reflected and stored: every page, with a marker in every parameter and without.
            let fieldsOfTargets = try await walker.targets()
            for target in fieldsOfTargets where target.method == .GET {
                try await inspect(target, [], what: "stored")
                for marker in Self.markers {
                    try await inspect(target, names.map { ($0, marker) }, what: "query \(marker)")
                }
            }
            #expect(
                tally.failures.isEmpty,
                "\(tally.failures.count) findings:\n\(tally.failures.prefix(30).joined(separator: "\n"))")
            #expect(pages > 100)
            print(
                "markers as \(email): \(pages) HTML pages inspected, \(tally.requests) requests, \(names.count) fields per request"
            )
        }
    }

    /// Appends `marker` to every text value with a space in it, in every table (identifiers, codes and enum values
    /// have none, so the app keeps working).
    static func appendMarkerToFreeText(_ sql: any SQLDatabase, marker: String) async throws {
        struct Column: Decodable {
            let table_name: String
            let column_name: String
        }
        let columns: [Column]
        if sql.dialect.name == "postgresql" {
            columns = try await sql.raw(
                """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')
                """
            ).all(decoding: Column.self)
        } else {
            struct Table: Decodable { let name: String }
            struct Info: Decodable {
                let name: String
                let type: String
            }
            var found: [Column] = []
            for table in try await sql.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'"
            ).all(decoding: Table.self) {
                for info in try await sql.raw("SELECT name, type FROM pragma_table_info(\(bind: table.name))").all(
                    decoding: Info.self)
                where info.type.uppercased() == "TEXT" {
                    found.append(Column(table_name: table.name, column_name: info.name))
                }
            }
            columns = found
        }
        // Audit entries are sealed into a hash chain and cannot change; append-only tables refuse updates by trigger.
        let untouchable: Set<String> = [
            "audit_log", "intervention_evaluations", "intervention_decisions", "_fluent_migrations"
        ]
        var failed: [String] = []
        for column in columns where !untouchable.contains(column.table_name) {
            do {
                try await sql.raw(
                    """
                    UPDATE \(ident: column.table_name) SET \(ident: column.column_name) = \(ident: column.column_name) || \(bind: marker)
                    WHERE \(ident: column.column_name) LIKE '% %'
                    """
                ).run()
            } catch {
                failed.append("\(column.table_name).\(column.column_name): \(String(describing: error).prefix(80))")
            }
        }
        struct Count: Decodable { let n: Int }
        let marked =
            try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: Incident.schema) WHERE address LIKE '%x-test%'")
            .first(decoding: Count.self)?.n ?? 0
        #expect(marked > 0, "stored markers: \(columns.count) columns, failures: \(failed.prefix(5))")
    }
}
