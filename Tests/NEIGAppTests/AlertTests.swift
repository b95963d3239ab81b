import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

@Suite struct AlertTests {
    /// Two earlier attacks in one Amsterdam street, a new one 150 m away ten days before "today"
    /// (30 June 2025), and a lone new attack in Rotterdam.
    static let csv =
        incidentHeader + """
            AM-1;2025-03-01;;GM0363;Amsterdam;Kerkstraat 10;1017 GC;121400;487400;woning;explosief;
            AM-2;2025-04-12;;GM0363;Amsterdam;Kerkstraat 30;1017 GD;121450;487420;woning;explosief;
            AM-3;2025-06-20;;GM0363;Amsterdam;Leidsegracht 5;1017 NA;121500;487500;woning;explosief;
            RO-1;2025-06-21;;GM0599;Rotterdam;Coolsingel 1;3011 AD;92500;437500;bedrijf;explosief;

            """

    func setUp(_ app: Application) async throws {
        try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
        try await makeUser(app, email: "burgemeester@amsterdam.nl", role: .mayor, organisation: "GM0363")
        try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
        _ = try await importCSV(app, Self.csv)
    }

    @Test func aNewAttackNearEarlierOnesWarnsItsMunicipality() async throws {
        try await withNEIGApp { app in
            try await setUp(app)
            let alerts = try await NearRepeatAlert.query(on: app.db).with(\.$incident).with(\.$earlierRows).all()
            #expect(
                alerts.map(\.incident.sourceID) == ["AM-3"], "only the recent Amsterdam attack with earlier ones nearby"
            )
            let alert = try #require(alerts.first)
            #expect(alert.validUntil == "2025-07-18")
            #expect(alert.radius == 400)
            #expect(try alert.earlierIDs.count == 2)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "alert.create").count() == 1)

            let mail = try await OutboxMessage.query(on: app.db).all()
            #expect(Set(mail.map(\.recipient)) == ["oov@amsterdam.nl", "burgemeester@amsterdam.nl"])
            #expect(
                mail.allSatisfy {
                    $0.subject.contains("nieuw risicogebied in Amsterdam") && $0.body.contains("400 meter")
                        && $0.body.contains("2 andere aanslagen")
                })
            #expect(
                mail.allSatisfy { !$0.body.contains("Leidsegracht") && !$0.body.contains("Kerkstraat") },
                "no addresses in e-mail")
            let area = try #require(try await RiskArea.query(on: app.db).first())
            #expect(area.attackCount == 3 && area.endsOn == "2025-07-18")
            #expect(mail.allSatisfy { $0.body.contains("/waarschuwingen/\(area.id!.uuidString.lowercased())") })
        }
    }

    @Test func onlyTheMunicipalityItselfSeesTheAreaAndSeenIsPerPerson() async throws {
        try await withNEIGApp { app in
            try await setUp(app)
            let area = try #require(try await RiskArea.query(on: app.db).first())
            let areaPath = "/waarschuwingen/\(area.id!.uuidString.lowercased())"
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            let list = try await getPage(app, "/waarschuwingen", as: rotterdam).body.string
            #expect(!list.contains("Leidsegracht") && list.contains("Er zijn geen lopende risicogebieden."))
            #expect(try await getPage(app, areaPath, as: rotterdam).status == .notFound)
            #expect(try await postForm(app, areaPath + "/gezien", [], as: rotterdam).status == .notFound)
            #expect(
                !(try await getPage(app, "/", as: rotterdam).body.string.contains("risicogebied dat u nog niet zag")))

            let amsterdam = try await login(app, email: "oov@amsterdam.nl")
            #expect(
                try await getPage(app, "/", as: amsterdam).body.string.contains(
                    "1 lopend risicogebied dat u nog niet zag"))
            let listed = try await getPage(app, "/waarschuwingen", as: amsterdam).body.string
            #expect(
                listed.contains("Amsterdam: Leidsegracht 5 en 2 andere aanslagen") && listed.contains("nieuw voor u"))
            let page = try await getPage(app, areaPath, as: amsterdam).body.string
            #expect(page.contains("Aanslagen in het gebied (3)") && page.contains("Kerkstraat 30"))
            #expect(try await postForm(app, areaPath + "/gezien", [], as: amsterdam).status == .seeOther)
            #expect(try await getPage(app, areaPath, as: amsterdam).body.string.contains("alleen voor u"))
            #expect(
                !(try await getPage(app, "/", as: amsterdam).body.string.contains("risicogebied dat u nog niet zag")),
                "seen areas leave this person's dashboard")
            let mayor = try await login(app, email: "burgemeester@amsterdam.nl")
            #expect(
                try await getPage(app, "/", as: mayor).body.string.contains("1 lopend risicogebied dat u nog niet zag"),
                "one person's 'seen' is not the mayor's")
            #expect(try await getPage(app, "/waarschuwingen", as: amsterdam).body.string.contains("Lopend (1)"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "risk_area.seen").count() == 1)
        }
    }

    @Test func theFormRaisesAWarningToo() async throws {
        try await withNEIGApp { app in
            try await setUp(app)
            try await makeUser(app, email: "agent@politie.nl", role: .police, organisation: "politie")
            let police = try await login(app, email: "agent@politie.nl")
            try await app.testing().test(
                .POST, "incidenten",
                beforeRequest: { req in
                    req.headers = police.headers()
                    try req.content.encode(
                        [
                            "bron": "politie", "bron_id": "AM-4", "datum": "2025-06-29", "gemeentecode": "GM0363",
                            "x": "121420", "y": "487450", "doelwit": "woning", "middel": "vuurwerk", "csrf": police.csrf
                        ],
                        as: .urlEncodedForm)
                }, afterResponse: { res in #expect(res.status == .seeOther) })
            let alert = try await NearRepeatAlert.query(on: app.db).with(\.$earlierRows).join(
                Incident.self, on: \NearRepeatAlert.$incident.$id == \Incident.$id
            )
            .filter(Incident.self, \.$sourceID == "AM-4").first()
            #expect(try alert?.earlierIDs.count == 3)
        }
    }

    @Test func eachOutboxMessageIsSentOnceEvenWithTwoWorkers() async throws {
        try await withNEIGApp { app in
            for index in 0..<30 {
                try await OutboxMessage(recipient: "r\(index)@example.nl", subject: "s", body: "b", now: testNow)
                    .create(on: app.db)
            }
            let mailer = CountingMailer()
            async let first = Outbox.deliverDue(worker: "a", mailer: mailer, app: app)
            async let second = Outbox.deliverDue(worker: "b", mailer: mailer, app: app)
            let total = try await first + second
            #expect(total == 30)
            #expect(mailer.recipients.count == 30)
            #expect(Set(mailer.recipients).count == 30)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$status == OutboxStatus.sent).count() == 30)
        }
    }

    @Test func failedDeliveriesAreRetriedLaterAndThenGivenUp() async throws {
        try await withNEIGApp { app in
            let message = OutboxMessage(recipient: "x@example.nl", subject: "s", body: "b", now: testNow)
            try await message.create(on: app.db)
            let sent = try await Outbox.deliverDue(worker: "a", mailer: FailingMailer(), app: app)
            #expect(sent == 0)
            let stored = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(stored.status == .pending)
            #expect(stored.availableAt > testNow, "not due again at once")
            #expect(stored.lastError?.contains("relay down") == true)
            stored.attempts = Outbox.maximumAttempts - 1
            stored.availableAt = testNow
            try await stored.save(on: app.db)
            _ = try await Outbox.deliverDue(worker: "a", mailer: FailingMailer(), app: app)
            #expect(try await OutboxMessage.find(message.id, on: app.db)?.status == .failed)
        }
    }

    @Test func smtpDeliversToARealServer() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        try await withNEIGApp { app in
            let mailer = SMTPMailer(
                settings: MailSettings(host: "127.0.0.1", port: sink.port, from: "neig@gemeente.nl"),
                group: app.eventLoopGroup)
            try await mailer.send(
                to: "oov@amsterdam.nl", subject: "Verhoogd risico in ’s-Hertogenbosch", body: "Regel één\n.\nEinde")
        }
        let message = try #require(sink.messages.first)
        #expect(message.from == "neig@gemeente.nl")
        #expect(message.recipients == ["oov@amsterdam.nl"])
        let parts = message.data.components(separatedBy: "\n\n")
        #expect(
            parts[0].contains(
                "Subject: =?UTF-8?B?\(Data("Verhoogd risico in ’s-Hertogenbosch".utf8).base64EncodedString())?="))
        let body = Data(base64Encoded: parts.dropFirst().joined().replacingOccurrences(of: "\n", with: ""))
        #expect(body.map { String(decoding: $0, as: UTF8.self) } == "Regel één\n.\nEinde")
    }
}

final class CountingMailer: Mailer, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [String] = []
    var recipients: [String] { lock.withLock { sent } }
    func send(to recipient: String, subject: String, body: String) async throws {
        lock.withLock { sent.append(recipient) }
    }
}

struct FailingMailer: Mailer {
    struct RelayDown: Error, CustomStringConvertible { var description: String { "relay down" } }
    func send(to recipient: String, subject: String, body: String) async throws { throw RelayDown() }
}
