import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// Casuïstiek is published only when the anonymisation check is satisfied and a coordinator agrees.
@Suite struct CaseStudyTests {
    @Test func anAuthorFixesOrMarksEveryFindingBeforeACoordinatorPublishes() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            try await makeUser(app, email: "collega@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            let author = try await login(app, email: "oov@utrecht.nl")
            let personal =
                "Bewoner Jan Jansen (BSN 111222333) aan de Kerkstraat 12 werd bedreigd; Team Bakker van de politie hielp."
            let created = try await postForm(
                app, "/casuistiek",
                [
                    ("titel", "Dreiging tegen een bewoner"), ("situatie", personal),
                    ("aanpak", "Gesprek, camera en een sluiting voor drie maanden.")
                ], as: author)
            let path = "/casuistiek/\(try redirectID(created).uuidString.lowercased())"
            let page = try await getPage(app, path, as: author).body.string
            for found in [
                "‘Jan Jansen’ lijkt een naam van een persoon", "‘111222333’ lijkt een burgerservicenummer",
                "‘Kerkstraat 12’ lijkt een adres met huisnummer"
            ] {
                #expect(page.contains(found), "\(found)")
            }
            let refused = try await postForm(
                app, path, [("titel", "Dreiging tegen een bewoner"), ("situatie", personal), ("actie", "indienen")],
                as: author)
            #expect(
                refused.status == .unprocessableEntity && refused.body.string.contains("mogelijke persoonsgegevens"))
            #expect(try await CaseStudy.query(on: app.db).first()?.status == .concept)

            let anonymised = "Een bewoner in een straat in het centrum werd bedreigd; Stichting de Vries bood opvang."
            let remaining = Anonymiser.check(
                anonymised, referenceYear: 2025, placeNames: Anonymiser.placeNames(.bundled))
            #expect(
                remaining.map(\.text) == ["Stichting de Vries"],
                "an organisation named after a person is flagged; the author marks it")
            let submitted = try await postForm(
                app, path,
                [
                    ("titel", "Dreiging tegen een bewoner"), ("situatie", anonymised), ("actie", "indienen"),
                    ("niet_persoonlijk[]", "person_name|Stichting de Vries"), ("niet_persoonlijk[]", "bsn|111222333")
                ], as: author)
            #expect(submitted.status == .seeOther, "\(submitted.body.string.prefix(300))")
            let study = try #require(try await CaseStudy.query(on: app.db).first())
            #expect(
                study.status == .submitted && study.acknowledged == "person_name|Stichting de Vries",
                "marks only count for findings still in the text")

            let colleague = try await login(app, email: "collega@amsterdam.nl")
            #expect(try await getPage(app, path, as: colleague).status == .notFound)
            let coordinator = try await login(app, email: "coordinator@vng.nl")
            #expect(
                try await getPage(app, "/casuistiek", as: coordinator).body.string.contains(
                    "Dreiging tegen een bewoner"))
            #expect(
                try await postForm(app, path + "/beoordeling", [("besluit", "terugsturen")], as: coordinator).status
                    == .unprocessableEntity)
            let published = try await postForm(app, path + "/beoordeling", [("besluit", "publiceren")], as: coordinator)
            #expect(published.status == .seeOther)
            let document = try #require(
                try await LibraryDocument.query(on: app.db).filter(\.$kind == .casuistiek).first())
            #expect(
                document.visibility == .leden && document.body.contains("## Situatie")
                    && !document.body.contains("Jansen"))
            #expect(
                try await getPage(app, "/kennisbank?q=bedreigd&soort=casuistiek", as: colleague).body.string.contains(
                    "Dreiging tegen een bewoner"))
            #expect(
                try await postForm(
                    app, path, [("titel", "X"), ("situatie", "Na publicatie nog iets wijzigen.")], as: author
                ).status == .conflict)
            let actions = Set(try await AuditEvent.query(on: app.db).all().map(\.action))
            #expect(
                actions.isSuperset(of: ["casestudy.create", "casestudy.submit", "casestudy.review", "library.create"]))
        }
    }
}
