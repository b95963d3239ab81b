import Foundation
import NEIGCore
import NEIGFormats
import Testing
import VaporTesting

@testable import NEIGApp

/// Text out of PDFs for search: a real one printed by Chromium (compressed, Identity-H fonts with ToUnicode maps) and a
/// hand-made one with WinAnsi strings, kerned TJ arrays and escapes.
@Suite struct PDFTextTests {
    static func inflate(_ bytes: [UInt8]) -> [UInt8]? {
        AttachmentText.inflate(bytes, budget: .init(compressedSize: 50 << 20))
    }

    func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "pdf", subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    @Test func readsAPDFPrintedByABrowser() throws {
        let text = try #require(try AttachmentText.extract(try fixture("handreiking-chromium"), type: .pdf).get())
        #expect(text.contains("Handreiking nazorg na explosies"))
        // The paragraph wraps after "bewoners", as it does on the page.
        #expect(
            text.replacingOccurrences(of: "\n", with: " ").contains(
                "Café-eigenaren en bewoners krijgen één aanspreekpunt"), "\(text)")
        #expect(text.contains("binnen 24 uur. Café"), "no space where the PDF moves within a line")
        #expect(text.contains("Artikel 174a Gemeentewet"))
    }

    /// A one-page PDF with an uncompressed content stream in a standard font.
    static func handMadePDF(_ content: String) -> [UInt8] {
        var pdf: [UInt8] = Array(
            "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Length \(content.utf8.count) >>\nstream\n"
                .utf8)
        pdf +=
            Array(content.utf8)
            + Array(
                "\nendstream\nendobj\n3 0 obj\n<< /Filter /DCTDecode /Length 4 >>\nstream\n(Tj)\nendstream\nendobj\n%%EOF\n"
                    .utf8)
        return pdf
    }

    @Test func readsStringsKerningAndEscapes() throws {
        // \351 is é in WinAnsi; a -300 gap in a TJ array is a word space; Td to a new line starts a new line.
        let content =
            "BT /F1 12 Tf 72 720 Td (Bewonersavond na een explosie) Tj 0 -14 Td [(Caf) -20 (\\351) -300 (in de wijk)] TJ "
            + "T* (\\(sluiting\\) 174a) Tj ET"
        let text = try #require(PDFText.extract(Self.handMadePDF(content), inflate: Self.inflate))
        #expect(text == "Bewonersavond na een explosie\nCafé in de wijk\n(sluiting) 174a")
    }

    @Test func compressedStreamsAreInflatedAndGarbageIsNotText() throws {
        #expect(Self.inflate(Array("not zlib".utf8)) == nil)
        #expect(PDFText.extract(Array("%PDF-1.4\n%%EOF\n".utf8), inflate: Self.inflate) == nil)
        // A file cut short must not crash the upload; whatever text comes out is text of the document.
        let truncated = Array(try fixture("handreiking-chromium").prefix(4000))
        let partial = PDFText.extract(truncated, inflate: Self.inflate) ?? ""
        let full = try #require(PDFText.extract(try fixture("handreiking-chromium"), inflate: Self.inflate))
        #expect(partial.split(separator: "\n").allSatisfy { full.contains($0) })
    }

    @Test func anUploadedPDFIsFoundBySearch() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let member = try await login(app, email: "oov@amsterdam.nl")
            let library = LibraryTests()
            let created = try await library.document(
                app, title: "Bijlage", summary: "Een stuk met een PDF.", body: "",
                file: .init(
                    name: "bijlage", value: try fixture("handreiking-chromium"), fileName: "handreiking.pdf",
                    contentType: "application/pdf"), as: member)
            #expect(created.status == .seeOther)
            #expect(
                try await getPage(app, "/kennisbank?q=aanspreekpunten", as: member).body.string.contains(
                    ">Bijlage</a>"),
                "a word form of a word in the PDF finds the document")
        }
    }
}
