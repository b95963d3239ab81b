import Fluent
import Foundation
import Testing
import VaporTesting

@testable import NEIGApp

/// A coordinator can correct a published item and withdraw it with a reason; a withdrawn item leaves the lists and
/// the feed, and its page says why.
@Suite struct NewsEditingTests {
    @Test func aPublishedItemIsCorrectedAndWithdrawnWithAReason() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            let published = try await postForm(
                app, "/nieuws",
                [("titel", "Nieuwe cijfers"), ("samenvatting", "De cijfers over mei."), ("zichtbaarheid", "publiek")],
                as: coordinator)
            let path = "/nieuws/\(try redirectID(published).uuidString.lowercased())"
            #expect(
                try await getPage(app, path, as: coordinator).body.string.contains("U kunt het wijzigen of intrekken"))

            let invalid = try await postForm(
                app, path + "/bewerken", [("titel", ""), ("zichtbaarheid", "publiek")], as: coordinator)
            #expect(invalid.status == .unprocessableEntity)
            #expect(try await NewsItem.query(on: app.db).first()?.title == "Nieuwe cijfers")
            #expect(
                try await postForm(
                    app, path + "/bewerken",
                    [
                        ("titel", "Nieuwe cijfers over mei"), ("samenvatting", "Gecorrigeerd."),
                        ("zichtbaarheid", "publiek")
                    ],
                    as: coordinator
                ).status == .seeOther)
            let corrected = try await getPage(app, path, as: coordinator).body.string
            #expect(corrected.contains("Nieuwe cijfers over mei") && corrected.contains("gewijzigd"))

            let officer = try await login(app, email: "oov@amsterdam.nl")
            #expect(
                try await postForm(app, path + "/intrekken", [("reden", "Fout in de cijfers")], as: officer).status
                    == .forbidden)
            #expect(
                try await postForm(app, path + "/intrekken", [("reden", "")], as: coordinator).status
                    == .unprocessableEntity)
            #expect(
                try await postForm(app, path + "/intrekken", [("reden", "Fout in de cijfers")], as: coordinator).status
                    == .seeOther)
            var feed = ""
            try await app.testing().test(.GET, "/nieuws/feed.atom") { feed = $0.body.string }
            #expect(!feed.contains("Nieuwe cijfers"))
            #expect(!(try await getPage(app, "/nieuws", as: officer).body.string.contains("Nieuwe cijfers over mei")))
            let page = try await getPage(app, path, as: officer).body.string
            #expect(
                page.contains("Ingetrokken op") && page.contains("Fout in de cijfers")
                    && !page.contains("Gecorrigeerd."))
            #expect(
                Set(try await AuditEvent.query(on: app.db).all().map(\.action)).isSuperset(of: [
                    "news.publish", "news.update", "news.withdraw"
                ]))
        }
    }
}
