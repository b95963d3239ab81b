import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import NEIGApp

/// Information lifecycle and the audit trail of refusals and reads.
@Suite struct InformationLifecycleTests {
    @Test(arguments: [false, true])
    func expiredInformationIsNeverCited(_ expired: Bool) async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let fixture = try await AuthorizationMatrixTests().caseFixture(
                app, municipality: "GM0363", partner: nil, role: nil)
            let item = try #require(try await InformationItem.find(fixture.informationID, on: app.db))
            item.purpose = "Bedreiging van bewoners vastgesteld"
            item.expiresOn = expired ? "2025-06-29" : "2025-12-31"
            try await item.save(on: app.db)
            let measure = try #require(try await Measure.find(fixture.measureID, on: app.db))
            try await measure.replaceCitations([fixture.informationID], on: app.db)
            let letter = try await getPage(
                app, "/maatregelen/\(fixture.measureID.uuidString.lowercased())/besluit", as: officer
            ).body.string
            #expect(
                letter.contains("Bedreiging van bewoners vastgesteld") == !expired,
                "the letter cites only what has not expired")
            let api = try await getPage(
                app, "/api/v1/cases/\(fixture.caseID.uuidString.lowercased())/measures", as: officer
            ).body.string
            #expect(
                api.lowercased().contains(fixture.informationID.uuidString.lowercased()) == !expired,
                "the API references only what has not expired: \(api.prefix(400))")
        }
    }

    @Test func descriptionsFollowTheAddress() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let rotterdam = try await login(app, email: "oov@rotterdam.nl"),
                amsterdam = try await login(app, email: "oov@amsterdam.nl")
            let id = try #require(
                try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first()?.requireID()
            ).uuidString.lowercased()
            #expect(!(try await getPage(app, "/incidenten/\(id)", as: rotterdam).body.string.contains("Voordeur")))
            #expect(
                !(try await getPage(app, "/api/v1/incidents/\(id)", as: rotterdam).body.string.contains("Voordeur")))
            #expect(try await getPage(app, "/incidenten/\(id)", as: amsterdam).body.string.contains("Voordeur"))
            #expect(try await getPage(app, "/api/v1/incidents/\(id)", as: amsterdam).body.string.contains("Voordeur"))
            let reads = try await AuditEvent.query(on: app.db).filter(\.$action == "incident.read-location").count()
            #expect(reads == 1, "the API read of an address is in the audit log")
        }
    }

    @Test func refusalsAreInTheAuditLog() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            let fixture = try await AuthorizationMatrixTests().caseFixture(
                app, municipality: "GM0363", partner: nil, role: nil)
            _ = try await getPage(app, "/zaken/\(fixture.caseID.uuidString.lowercased())", as: rotterdam)
            _ = try await getPage(app, "/admin/audit", as: rotterdam)
            var csrf = HTTPStatus.ok
            try await app.testing().test(.POST, "/zaken", headers: rotterdam.headers()) { csrf = $0.status }
            #expect(csrf == .forbidden)
            let actions = Set(try await AuditEvent.query(on: app.db).filter(\.$result == "denied").all().map(\.action))
            #expect(actions.contains("access.refused") && actions.contains("csrf.refused"), "\(actions)")
        }
    }

    @Test func sealingUnderConcurrentWritersNeverFails() async throws {
        try await withNEIGApp { app in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await Audit.record(
                            "test.write", object: "test", id: String(index), actor: "test", at: testNow, on: app.db)
                        await AuditChain.sealRetrying(on: app.db, logger: app.logger)
                    }
                }
                try await group.waitForAll()
            }
            await AuditChain.sealRetrying(on: app.db, logger: app.logger)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$sequence == nil).count() == 0)
            #expect(try await AuditChain.verify(on: app.db).isIntact)
        }
    }
}
