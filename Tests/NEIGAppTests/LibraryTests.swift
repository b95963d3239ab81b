import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting
import ZIPFoundation

@testable import NEIGApp

/// The knowledge library: who reads what, Dutch search with snippets, attachments that are only ever downloaded.
@Suite struct LibraryTests {
    struct Part {
        let name: String
        let value: [UInt8]
        var fileName: String?
        var contentType: String?
    }

    func postMultipart(
        _ app: Application, _ path: String, _ fields: [(String, String)], file: Part? = nil, as browser: Browser
    ) async throws -> TestingHTTPResponse {
        let boundary = "neig-test-boundary"
        var body: [UInt8] = []
        for part in fields.map({ Part(name: $0.0, value: Array($0.1.utf8)) }) + [
            Part(name: "csrf", value: Array(browser.csrf.utf8))
        ] + (file.map { [$0] } ?? []) {
            var header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName {
                header +=
                    "; filename=\"\(fileName)\"\r\nContent-Type: \(part.contentType ?? "application/octet-stream")"
            }
            body += Array((header + "\r\n\r\n").utf8) + part.value + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var response: TestingHTTPResponse?
        try await app.testing().test(
            .POST, path,
            beforeRequest: { req in
                req.headers = browser.headers([("Content-Type", "multipart/form-data; boundary=\(boundary)")])
                req.body = ByteBuffer(bytes: body)
            }, afterResponse: { response = $0 })
        return try #require(response)
    }

    func document(
        _ app: Application, title: String, summary: String, body: String, visibility: String = "leden",
        group: String = "",
        file: Part? = nil, as browser: Browser
    ) async throws -> TestingHTTPResponse {
        try await postMultipart(
            app, "/kennisbank",
            [
                ("titel", title), ("samenvatting", summary), ("tekst", body), ("soort", "handelingskader"),
                ("lijnen[]", "nazorg"), ("fasen[]", "explosie"), ("zichtbaarheid", visibility), ("groep", group)
            ],
            file: file, as: browser)
    }

    /// A minimal DOCX: a ZIP with word/document.xml.
    func docx(_ text: String) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        let xml = Data("<w:document><w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:body></w:document>".utf8)
        try archive.addEntry(
            with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count),
            provider: { position, size in
                xml.subdata(in: Int(position)..<Int(position) + size)
            })
        return Array(try #require(archive.data))
    }

    @Test func membersPublishAndFindAHandelingskaderInDutch() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let member = try await login(app, email: "oov@amsterdam.nl")
            let created = try await document(
                app, title: "Handelingskader na een explosie", summary: "Wat te doen in de eerste 72 uur.",
                body:
                    "Na een explosie bij een woning informeert de gemeente de buren.\n\n<script>alert(1)</script> [x](javascript:alert(1))",
                visibility: "publiek",
                file: Part(
                    name: "bijlage", value: try docx("Draaiboek nazorg voor bewonersavonden"),
                    fileName: "draaiboek.docx"), as: member)
            #expect(created.status == .seeOther, "\(created.body.string.prefix(500))")
            _ = try await document(
                app, title: "Preventie bij scholen", summary: "Lessen over explosies en vuurwerk.", body: "Workshops.",
                as: member)
            _ = try await document(
                app, title: "Camera's", summary: "Cameratoezicht.", body: "Artikel 151c Gemeentewet.", as: member)
            // Ranking weighs rare words; with only matching documents every word would be common.
            for topic in ["Gebiedsverbod", "Noodbevel", "Sluiting", "Buurtbijeenkomst", "Jongerenwerk"] {
                _ = try await document(
                    app, title: topic, summary: "Over \(topic.lowercased()).", body: "Tekst.", as: member)
            }

            let results = try await getPage(app, "/kennisbank?q=explosies", as: member).body.string
            #expect(results.contains("Handelingskader na een explosie") && results.contains("Preventie bij scholen"))
            #expect(!results.contains("Camera&#x27;s") && !results.contains("Camera's"))
            #expect(results.contains("<mark>"))
            #expect(
                results.range(of: "Handelingskader na een explosie")!.lowerBound
                    < results.range(of: "Preventie bij scholen")!.lowerBound,
                "a title match ranks above a summary match")
            #expect(
                try await getPage(app, "/kennisbank?q=sluitingen", as: member).body.string.contains(">Sluiting</a>"),
                "a plural finds the singular on both engines (PostgreSQL stems sluiting to sluit)")
            #expect(
                try await getPage(app, "/kennisbank?q=bewonersavonden", as: member).body.string.contains(
                    "Handelingskader na een explosie"),
                "text inside a DOCX attachment is searchable")
            #expect(
                try await getPage(app, "/kennisbank?q=explosies&lijn=preventie", as: member).body.string.contains(
                    "0 resultaten"))

            let id = try redirectID(created).uuidString.lowercased()
            let page = try await getPage(app, "/kennisbank/\(id)", as: member).body.string
            #expect(page.contains("&lt;script&gt;") && !page.contains("<script>alert"))
            #expect(!page.contains("javascript:"))
            var download: TestingHTTPResponse?
            try await app.testing().test(.GET, "/kennisbank/\(id)/bijlage") { download = $0 }
            #expect(download?.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download?.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(download?.headers.contentType?.description.contains("wordprocessingml") == true)
        }
    }

    @Test func visibilityPublicMembersAndGroup() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "a@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let insiderID = try await makeUser(
                app, email: "b@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            try await makeUser(app, email: "c@utrecht.nl", role: .municipalOfficer, organisation: "GM0344")
            let group = MemberGroup()
            group.code = "randstad"
            group.name = "OOV Randstad"
            try await group.create(on: app.db)
            let membership = GroupMembership()
            membership.groupCode = "randstad"
            membership.$user.id = insiderID
            try await membership.create(on: app.db)
            let author = try await login(app, email: "a@amsterdam.nl")
            var ids: [String: String] = [:]
            for (title, visibility, groupCode) in [
                ("Openbaar stuk", "publiek", ""), ("Ledenstuk", "leden", ""), ("Groepsstuk", "groep", "randstad")
            ] {
                ids[title] = try redirectID(
                    try await document(
                        app, title: title, summary: "Over explosies.", body: "Tekst.", visibility: visibility,
                        group: groupCode, as: author)
                ).uuidString.lowercased()
            }
            #expect(
                try await document(
                    app, title: "X", summary: "Y", body: "", visibility: "groep", group: "bestaat-niet", as: author
                ).status == .unprocessableEntity)
            var anonymous = ""
            try await app.testing().test(.GET, "/kennisbank?q=explosies") { anonymous = $0.body.string }
            #expect(
                anonymous.contains("Openbaar stuk") && !anonymous.contains("Ledenstuk")
                    && !anonymous.contains("Groepsstuk"))
            try await app.testing().test(.GET, "/kennisbank/\(ids["Ledenstuk"]!)") { #expect($0.status == .notFound) }
            let outsider = try await login(app, email: "c@utrecht.nl")
            let seen = try await getPage(app, "/kennisbank?q=explosies", as: outsider).body.string
            #expect(seen.contains("Ledenstuk") && !seen.contains("Groepsstuk"))
            #expect(try await getPage(app, "/kennisbank/\(ids["Groepsstuk"]!)", as: outsider).status == .notFound)
            let insider = try await login(app, email: "b@rotterdam.nl")
            #expect(try await getPage(app, "/kennisbank/\(ids["Groepsstuk"]!)", as: insider).status == .ok)
            #expect(
                try await getPage(app, "/kennisbank/\(ids["Ledenstuk"]!)/bewerken", as: insider).status == .forbidden)
        }
    }

    @Test func attachmentsAreCheckedAndEditsKeepVersions() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "a@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let author = try await login(app, email: "a@amsterdam.nl")
            let disguised = try await document(
                app, title: "Stuk", summary: "S", body: "",
                file: Part(
                    name: "bijlage", value: Array("<html><script>".utf8),
                    fileName: "stuk.pdf"), as: author)
            #expect(
                disguised.status == .unprocessableEntity && disguised.body.string.contains("Alleen PDF, DOCX en PPTX"))
            let tooLarge = try await document(
                app, title: "Stuk", summary: "S", body: "",
                file: Part(
                    name: "bijlage",
                    value: Array("%PDF-".utf8) + [UInt8](repeating: 32, count: AttachmentType.maximumBytes),
                    fileName: "groot.pdf"), as: author)
            #expect(tooLarge.status == .unprocessableEntity && tooLarge.body.string.contains("groter dan 20 MB"))
            #expect(try await LibraryDocument.query(on: app.db).count() == 0)

            let id = try redirectID(
                try await document(app, title: "Versie een", summary: "Eerste.", body: "Oud.", as: author)
            ).uuidString.lowercased()
            #expect(
                try await postMultipart(
                    app, "/kennisbank/\(id)",
                    [
                        ("titel", "Versie twee"), ("samenvatting", "Tweede."), ("tekst", "Nieuw."),
                        ("soort", "handreiking"), ("zichtbaarheid", "leden")
                    ], as: author
                ).status == .seeOther)
            let versions = try await getPage(app, "/kennisbank/\(id)/versies", as: author).body.string
            #expect(versions.contains("Versie 1") && versions.contains("Versie een"))
            #expect(try await getPage(app, "/kennisbank?q=versie", as: author).body.string.contains("Versie twee"))
            #expect(
                !(try await getPage(app, "/kennisbank?q=oud", as: author).body.string.contains("Versie twee")),
                "the index follows the new version")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "library.edit").count() == 1)
        }
    }
}
