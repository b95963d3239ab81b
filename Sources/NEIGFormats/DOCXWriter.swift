import Foundation
import ZIPFoundation

/// A Word document (Office Open XML, ISO/IEC 29500) of plain paragraphs: enough for a letter that municipalities
/// open, edit and file in their own systems. Only the four parts Word, LibreOffice and python-docx need are written.
public struct DOCXDocument: Sendable {
    public enum Style: String, Sendable {
        case normal = "Normal", title = "Title", heading = "Heading1", small = "Small", mark = "Mark"
    }

    public struct Paragraph: Sendable {
        public let style: Style
        /// Lines of one paragraph, kept together with line breaks (an address block).
        public let lines: [String]

        public init(_ style: Style = .normal, _ lines: [String]) {
            self.style = style
            self.lines = lines
        }

        public init(_ style: Style = .normal, _ text: String) { self.init(style, [text]) }
    }

    public let title: String
    public let paragraphs: [Paragraph]

    public init(title: String, paragraphs: [Paragraph]) {
        self.title = title
        self.paragraphs = paragraphs
    }

    public func data() throws -> Data { try OfficePackage.zip(parts) }

    var parts: [(String, String)] {
        [
            ("[Content_Types].xml", Self.contentTypes), ("_rels/.rels", Self.packageRelationships),
            ("word/_rels/document.xml.rels", Self.documentRelationships), ("word/styles.xml", Self.styles),
            ("docProps/core.xml", core), ("word/document.xml", document)
        ]
    }

    var document: String {
        let body = paragraphs.map { paragraph in
            let runs = paragraph.lines.enumerated().map { index, line in
                (index > 0 ? "<w:br/>" : "") + "<w:t xml:space=\"preserve\">\(Self.escape(line))</w:t>"
            }.joined()
            return "<w:p><w:pPr><w:pStyle w:val=\"\(paragraph.style.rawValue)\"/></w:pPr><w:r>\(runs)</w:r></w:p>"
        }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)\
            <w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" \
            w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
    }

    var core: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(Self.escape(title))</dc:title>\
        <dc:language>nl-NL</dc:language></cp:coreProperties>
        """
    }

    /// XML 1.0 allows tab, line feed, carriage return and the printable ranges; anything else is dropped rather than
    /// producing a file that Word refuses to open.
    static func escape(_ text: String) -> String { OfficePackage.escape(text) }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" \
        Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
        Target="styles.xml"/></Relationships>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>\
        <w:sz w:val="22"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>\
        </w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
        <w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>\
        <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr>\
        <w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Small"><w:name w:val="Small"/><w:basedOn w:val="Normal"/>\
        <w:rPr><w:sz w:val="18"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Mark"><w:name w:val="Mark"/><w:basedOn w:val="Normal"/>\
        <w:rPr><w:b/><w:color w:val="B00000"/></w:rPr></w:style>\
        </w:styles>
        """
}
