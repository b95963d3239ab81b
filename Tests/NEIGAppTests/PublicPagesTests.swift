import Fluent
import Foundation
import NEIGCore
import Testing
import Vapor
import VaporTesting

@testable import NEIGApp

/// What a visitor without an account finds: the national figures, the open data, the statements, and a way back
/// into an account whose password is forgotten.
@Suite struct PublicPagesTests {
    func get(_ app: Application, _ path: String, headers: HTTPHeaders = [:]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(.GET, path, headers: headers) { res in result = (res.status, res.body.string) }
        return result
    }

    func post(_ app: Application, _ path: String, _ fields: [String: String]) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await app.testing().test(
            .POST, path,
            beforeRequest: { req in
                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=anon")
                try req.content.encode(fields.merging(["csrf": "anon"]) { $1 }, as: .urlEncodedForm)
            }, afterResponse: { res in result = (res.status, res.body.string) })
        return result
    }

    @Test func visitorsSeeTheNationalCountsAndWhatMembersSeeBesides() async throws {
        try await withNEIGApp(demo: true) { app in
            let (homeStatus, home) = try await get(app, SiteURL.home.path)
            #expect(homeStatus == .ok)
            #expect(home.contains("Aanslagen in Nederland, 2025"))
            #expect(home.contains("Doel 2025"))
            #expect(home.contains("Prognose heel 2025"))

            let (status, monitor) = try await get(app, SiteURL.monitor().path)
            #expect(status == .ok, "the national monitor is public")
            #expect(monitor.contains("Leden van het netwerk zien ook"))
            #expect(monitor.contains("Prognose heel 2025"))
            // Monthly, per-target and part-year national counts beside the open data's months could reveal <5.
            #expect(!monitor.contains("kop-maanden") && !monitor.contains("kop-doelwit"))
            #expect(!monitor.contains("Zelfde periode 2024") && !home.contains("Zelfde periode 2024"))
            #expect(!monitor.contains("Herhaalde aanslagen op hetzelfde adres"), "no addresses for visitors")
            #expect(!monitor.contains("kop-gemeenten"))
            let (municipal, _) = try await get(app, SiteURL.monitorMunicipality(code: "GM0363").path)
            #expect(municipal == .seeOther || municipal == .unauthorized || municipal == .found)

            let member = try await login(app, email: "oov.amsterdam@demo.neig.nl", password: DemoSeeder.password)
            let (_, memberMonitor) = try await get(app, SiteURL.monitor().path, headers: member.headers())
            #expect(memberMonitor.contains("Herhaalde aanslagen op hetzelfde adres"))
            #expect(memberMonitor.contains("kop-maanden") && memberMonitor.contains("Zelfde periode 2024"))
            #expect(!memberMonitor.contains("Leden van het netwerk zien ook"))
        }
    }

    @Test func openDataIsSearchableSortableAndDownloadable() async throws {
        try await withNEIGApp(demo: true) { app in
            let (_, all) = try await get(app, SiteURL.openData.path)
            #expect(all.contains("342 gemeenten"))
            #expect(all.contains("grafiek-open-data"), "a chart of the highest published totals")
            let first = try #require(all.range(of: "<th scope=\"row\">"))
            #expect(all[first.upperBound...].hasPrefix("Amsterdam"), "most attacks first by default")

            let (_, found) = try await get(app, SiteURL.openData.path + "?zoek=den%20haag")
            #expect(found.contains("1 gemeente gevonden voor ‘den haag’"))
            #expect(found.contains("<th scope=\"row\">Den Haag</th>"), "the name people use on the page")
            let (_, byName) = try await get(app, SiteURL.openData.path + "?sorteer=naam")
            let firstByName = try #require(byName.range(of: "<th scope=\"row\">"))
            #expect(byName[firstByName.upperBound...].hasPrefix("Aa en Hunze"))

            var csv = ""
            try await app.testing().test(.GET, SiteURL.openDataCSV(year: 2024).path) { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "csv")
                csv = res.body.string
            }
            let lines = csv.split(whereSeparator: \.isNewline)
            #expect(lines.count == 343)
            #expect(lines.contains { $0.hasPrefix("GM0518;'s-Gravenhage;") }, "the official name in the data file")
            #expect(!csv.contains("Kerkstraat"), "never an address")
        }
    }

    @Test func theFooterLinksThreeStatementsThatAnyoneCanRead() async throws {
        try await withNEIGApp { app in
            let (_, home) = try await get(app, SiteURL.home.path)
            for url in [SiteURL.privacy, .accessibility, .contact] {
                #expect(home.contains("href=\"\(url.path)\""), "\(url.path) in the footer")
                let (status, page) = try await get(app, url.path)
                #expect(status == .ok)
                #expect(page.contains("contact@neig.nl"))
            }
            let (_, statement) = try await get(app, SiteURL.accessibility.path)
            #expect(statement.contains("Status: voldoet gedeeltelijk"))
            #expect(statement.contains("Nationale ombudsman"))
        }
    }

    @Test func aForgottenPasswordIsResetOnceWithinTheHour() async throws {
        try await withNEIGApp { app in
            let userID = try await makeUser(app, email: "vergeten@example.nl", role: .analyst, organisation: "vng")
            let member = try await login(app, email: "vergeten@example.nl")
            let (_, known) = try await post(app, SiteURL.forgotPassword.path, ["email": "Vergeten@example.nl"])
            let (_, unknown) = try await post(app, SiteURL.forgotPassword.path, ["email": "niemand@example.nl"])
            let answer = "Als dit adres bij een account hoort"
            #expect(known.contains(answer) && unknown.contains(answer), "the same answer either way")
            _ = try await post(app, SiteURL.forgotPassword.path, ["email": "vergeten@example.nl"])
            let mails = try await OutboxMessage.query(on: app.db).all()
            #expect(
                mails.map(\.recipient) == ["vergeten@example.nl"],
                "no mail to an unknown address, and one per five minutes to a known one")
            let body = try #require(mails.first?.body)
            let token = try #require(body.firstMatch(of: #/token=([A-Za-z0-9_-]+)/#).map { String($0.1) })
            #expect(body.contains("binnen een uur"))

            let newPassword = "Nieuwe-Zomer-Zwolle-42"
            let (done, _) = try await post(
                app, SiteURL.setPassword.path, ["token": token, "wachtwoord": newPassword])
            #expect(done == .seeOther)
            let (again, page) = try await post(
                app, SiteURL.setPassword.path, ["token": token, "wachtwoord": "Nog-Een-Keer-Proberen-9"])
            #expect(again == .unprocessableEntity, "the link works once")
            #expect(page.contains("Wachtwoord vergeten"))
            _ = try await login(app, email: "vergeten@example.nl", password: newPassword)
            let (_, account) = try await get(app, SiteURL.account.path, headers: member.headers())
            #expect(!account.contains("vergeten@example.nl"), "the session of the old password has ended")

            // A link older than an hour no longer works.
            _ = try await post(app, SiteURL.forgotPassword.path, ["email": "vergeten@example.nl"])
            for link in try await PasswordToken.query(on: app.db).filter(\.$user.$id == userID).all() {
                link.expiresAt = testNow.addingTimeInterval(-1)
                try await link.save(on: app.db)
            }
            let tokens = try await OutboxMessage.query(on: app.db).all().compactMap {
                $0.body.firstMatch(of: #/token=([A-Za-z0-9_-]+)/#).map { String($0.1) }
            }
            let lastToken = try #require(tokens.first { $0 != token })
            let (expired, _) = try await post(
                app, SiteURL.setPassword.path, ["token": lastToken, "wachtwoord": "Te-Laat-Om-Te-Wijzigen-3"])
            #expect(expired == .unprocessableEntity)
        }
    }
}
