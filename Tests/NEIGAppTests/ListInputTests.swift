import Fluent
import Foundation
import NEIGCore
import Testing
import Vapor

@testable import NEIGApp

/// Lists typed by people repeat values and name things that are gone; the list tables keep each value once and
/// refuse nothing a user could not see (a repeated value or a dead link was harmless in a text column too).
@Suite struct ListInputTests {
    @Test func aRepeatedPostcodeOrKindIsKeptOnce() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let response = try await postForm(
                app, "/signalen/routering",
                [
                    ("prioriteit", "10"), ("postcodes", "1017, 1017, 1018"), ("soorten[]", "afpersing"),
                    ("soorten[]", "afpersing"), ("team", "Ondermijning")
                ], as: officer)
            #expect(response.status == .seeOther)
            let rule = try #require(try await RoutingRule.queryWithConditions(on: app.db).first())
            #expect(try rule.rule.postcodeAreas == ["1017", "1018"])
            #expect(try rule.rule.kinds.map(\.rawValue) == ["afpersing"])
        }
    }

    @Test func anInterventionKeepsEachExistingDocumentOnce() async throws {
        try await withNEIGApp(demo: true) { app in
            let coordinator = try await login(app, email: "coordinator@demo.neig.nl", password: DemoSeeder.password)
            let document = try #require(try await LibraryDocument.query(on: app.db).first()?.requireID())
            let link = "/kennisbank/\(document.uuidString.lowercased())"
            let response = try await postForm(
                app, "/interventies",
                [
                    ("naam", "Buurtpreventie"), ("lijn", "preventie"), ("gemeenten", "Rotterdam"),
                    ("start", "2024-01-01"),
                    ("status", "lopend"), ("documenten", "\(link) \(link) \(UUID().uuidString)")
                ], as: coordinator)
            #expect(response.status == .seeOther)
            let id = try #require(
                UUID(
                    uuidString: response.headers.first(name: .location)?.split(separator: "/").last.map(String.init)
                        ?? ""))
            let intervention = try #require(try await Intervention.findWithLists(id, on: app.db))
            #expect(try intervention.documentIDs == [document])
        }
    }
}
