/// What the knowledge library holds, and how it is tagged.
public enum DocumentKind: String, CaseIterable, Codable, Sendable {
    case handelingskader, bestPractice = "best_practice", handreiking, praktijkervaring, presentatie, casuistiek, overig

    public var label: String {
        switch self {
        case .handelingskader: "Handelingskader"
        case .bestPractice: "Best practice"
        case .handreiking: "Handreiking"
        case .praktijkervaring: "Praktijkervaring"
        case .presentatie: "Presentatie"
        case .casuistiek: "Casuïstiek"
        case .overig: "Overig"
        }
    }
}

/// The lines of the approach (see the action plan).
public enum ApproachLine: String, CaseIterable, Codable, Sendable {
    case preventie, opsporing, vervolging, nazorg, kennis = "kennis_onderzoek", communicatie

    public var label: String {
        switch self {
        case .preventie: "Preventie"
        case .opsporing: "Opsporing"
        case .vervolging: "Vervolging"
        case .nazorg: "Nazorg & lokale aanpak"
        case .kennis: "Kennis & onderzoek"
        case .communicatie: "Communicatie"
        }
    }
}

/// Who may read a library item.
public enum Visibility: String, CaseIterable, Codable, Sendable {
    case publiek, leden, groep

    public var label: String {
        switch self {
        case .publiek: "Openbaar"
        case .leden: "Alleen leden van het netwerk"
        case .groep: "Alleen één groep"
        }
    }
}

/// Attachments neig accepts, recognised by their first bytes rather than by name: a PDF starts with `%PDF-`, DOCX
/// and PPTX are ZIP files with the Office parts inside.
public enum AttachmentType: String, CaseIterable, Sendable {
    case pdf, docx, pptx

    public static let maximumBytes = 20 << 20

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        }
    }

    public static func detect(fileName: String, bytes: [UInt8]) -> AttachmentType? {
        let ext = fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if bytes.starts(with: Array("%PDF-".utf8)) { return ext == "pdf" ? .pdf : nil }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        return ext == "docx" ? .docx : ext == "pptx" ? .pptx : nil
    }
}
