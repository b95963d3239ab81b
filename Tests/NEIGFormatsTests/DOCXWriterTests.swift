import Foundation
import NEIGFormats
import Testing
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct DOCXWriterTests {
    func part(_ path: String, of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[path], "\(path) missing")
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aLetterIsAWordPackageWithWellFormedXMLInEveryPart() throws {
        let document = DOCXDocument(
            title: "Besluit & brief",
            paragraphs: [
                .init(.small, ["Gemeente Amsterdam", "Postbus 202"]), .init(.title, "Onderwerp: <sluiting>"),
                .init(.normal, "Ik heb besloten \u{0}\u{7}tot \"sluiting\".")
            ])
        let data = try document.data()
        #expect(data.prefix(2) == Data("PK".utf8))
        for path in [
            "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml",
            "docProps/core.xml",
            "word/document.xml"
        ] {
            let xml = try part(path, of: data)
            #expect(XMLParser(data: Data(xml.utf8)).parse(), "\(path) is not well-formed XML")
        }
        let body = try part("word/document.xml", of: data)
        #expect(body.contains("Gemeente Amsterdam</w:t><w:br/><w:t xml:space=\"preserve\">Postbus 202"))
        #expect(body.contains("Onderwerp: &lt;sluiting&gt;"))
        #expect(body.contains("Ik heb besloten tot &quot;sluiting&quot;."), "control characters are dropped")
        #expect(try part("docProps/core.xml", of: data).contains("Besluit &amp; brief"))
    }
}
