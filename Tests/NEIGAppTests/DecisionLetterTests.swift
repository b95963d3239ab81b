import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting
import ZIPFoundation

@testable import NEIGApp

/// A letter ready to send: the municipality's paper, a reference, the addressee's address, plain first-person text,
/// where to object — on the page and in the Word file alike; and a draft that can be changed until it is submitted.
@Suite struct DecisionLetterTests {
    func withDraft(_ body: (Application, _ officer: Browser, _ measurePath: String) async throws -> Void) async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let measurePath = try await draftClosure(
                app, as: officer,
                addressee: [("adressaat", "J. de Vries"), ("adres_adressaat", "Verzinsingel 15\n1017 GC Amsterdam")])
            try await body(app, officer, measurePath)
        }
    }

    static let paper: [(String, String)] = [
        ("afzender", "Gemeente Amsterdam"), ("postadres", "Postbus 202\n1000 AE Amsterdam"),
        ("bezwaaradres", "De burgemeester van Amsterdam, Postbus 202, 1000 AE Amsterdam"),
        ("bezwaar_email", "bezwaar@amsterdam.nl"), ("rechtbank", "Rechtbank Amsterdam"),
        ("ondertekening", "De burgemeester van Amsterdam, A. de Vries")
    ]

    @Test func theLetterCarriesThePaperTheReferenceAndWhereToObject() async throws {
        try await withDraft { app, officer, measurePath in
            let unfinished = try await getPage(app, measurePath + "/besluit", as: officer).body.string
            #expect(unfinished.contains("Nog niet klaar om te versturen: vul het briefpapier van de gemeente in."))

            let incomplete = try await postForm(
                app, "/gemeente/briefpapier", [("afzender", "Gemeente Amsterdam")], as: officer)
            #expect(
                incomplete.status == .unprocessableEntity && incomplete.body.string.contains("Vul het postadres in."))
            #expect(try await Letterhead.query(on: app.db).count() == 0)
            #expect(try await postForm(app, "/gemeente/briefpapier", Self.paper, as: officer).status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "letterhead.update").count() == 1)

            let measure = try #require(try await Measure.query(on: app.db).with(\.$caseFile).first())
            let reference = DecisionLetter.reference(caseFile: measure.caseFile, measure: measure)
            #expect(reference.hasPrefix("GM0363/Z-") && reference.contains("/B-"))
            let page = try await getPage(app, measurePath + "/besluit", as: officer).body.string
            for expected in [
                "Kenmerk", reference, "J. de Vries", "1017 GC Amsterdam",
                "Onderwerp: Besluit tot sluiting van Verzinsingel 15",
                "Ik heb besloten tot sluiting van Verzinsingel 15 van 3 juli 2025 tot 3 oktober 2025.",
                "De burgemeester van Amsterdam, Postbus 202, 1000 AE Amsterdam", "bezwaar@amsterdam.nl",
                "voorzieningenrechter van de Rechtbank Amsterdam", "De burgemeester van Amsterdam, A. de Vries"
            ] {
                #expect(page.contains(expected), "letter lacks \(expected)")
            }
            #expect(!page.contains("Nog niet klaar om te versturen"))

            var docx = Data()
            var disposition = ""
            try await app.testing().test(.GET, measurePath + "/besluit.docx", headers: officer.headers()) { res in
                #expect(res.status == .ok)
                #expect(
                    res.headers.contentType?.subType == "vnd.openxmlformats-officedocument.wordprocessingml.document")
                disposition = res.headers.first(name: .contentDisposition) ?? ""
                docx = Data(buffer: res.body)
            }
            #expect(disposition.hasPrefix("attachment; filename=\"besluit-GM0363-Z-"))
            let archive = try Archive(data: docx, accessMode: .read)
            var xml = Data()
            _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
            let text = String(decoding: xml, as: UTF8.self)
            for expected in [
                "Kenmerk: \(reference)", "J. de Vries", "De burgemeester van Amsterdam, Postbus 202, 1000 AE Amsterdam"
            ] {
                #expect(text.contains(expected), "the Word file lacks \(expected)")
            }

            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            #expect(try await getPage(app, measurePath + "/besluit.docx", as: rotterdam).status == .notFound)
            let rotterdamPaper = try await getPage(app, "/gemeente/briefpapier", as: rotterdam).body.string
            #expect(!rotterdamPaper.contains("bezwaar@amsterdam.nl"), "each municipality has its own paper")
        }
    }

    @Test func aDraftCanBeChangedUntilItIsSubmitted() async throws {
        try await withDraft { app, officer, measurePath in
            let form = try await getPage(app, measurePath + "/bewerken", as: officer).body.string
            #expect(form.contains("Verzinsingel 15\n1017 GC Amsterdam") || form.contains("1017 GC Amsterdam"))
            let invalid = try await postForm(
                app, measurePath + "/bewerken", [("soort", "sluiting_174a"), ("motivering", "kort")], as: officer)
            #expect(invalid.status == .unprocessableEntity && invalid.body.string.contains("Motiveer de maatregel"))
            let changed = try await postForm(
                app, measurePath + "/bewerken",
                [
                    ("soort", "sluiting_174a"), ("adressaat", "J. de Vries"), ("begin", "2025-07-04"),
                    ("einde", "2025-10-04"),
                    ("motivering", "Na twee explosies is sluiting nodig voor de veiligheid van de buren en de straat.")
                ], as: officer)
            #expect(changed.status == .seeOther)
            let measure = try #require(try await Measure.query(on: app.db).first())
            #expect(measure.startsOn == "2025-07-04" && measure.motivation.hasPrefix("Na twee explosies"))
            #expect(try await getPage(app, measurePath, as: officer).body.string.contains("zijn opgeslagen"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "measure.update").count() == 1)

            #expect(
                try await postForm(app, measurePath + "/status", [("status", "voorgelegd")], as: officer).status
                    == .seeOther)
            let late = try await postForm(
                app, measurePath + "/bewerken",
                [
                    ("soort", "sluiting_174a"), ("begin", "2025-07-05"),
                    ("motivering", "Een wijziging nadat de burgemeester het al kreeg, die niet mag.")
                ], as: officer)
            #expect(late.status == .unprocessableEntity && late.body.string.contains("Alleen een concept"))
            #expect(try await Measure.query(on: app.db).first()?.startsOn == "2025-07-04")
        }
    }
}
