import Fluent
import Foundation
import NEIGCore

/// Casuïstiek: a case from a municipality written up for the network. It is published only after the anonymisation
/// check finds nothing the author has not fixed or explicitly marked as not personal, and a coordinator agrees.
final class CaseStudy: Model, @unchecked Sendable {
    static let schema = "case_studies"

    enum Status: String, Codable, Sendable {
        case concept, submitted = "ter_beoordeling", published = "gepubliceerd", returned = "teruggestuurd"

        var label: String {
            switch self {
            case .concept: "Concept"
            case .submitted: "Ter beoordeling bij de coördinator"
            case .published: "Gepubliceerd in de kennisbank"
            case .returned: "Teruggestuurd"
            }
        }
    }

    /// The parts of a write-up, in order: form field, heading.
    static let sections: [(field: String, heading: String)] = [
        ("situatie", "Situatie"), ("aanpak", "Aanpak"), ("maatregelen", "Ingezette maatregelen"),
        ("werkte", "Wat werkte"), ("werkte_niet", "Wat werkte niet")
    ]

    @ID(key: .id) var id: UUID?
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "organisation") var organisation: String
    @Field(key: "title") var title: String
    /// The sections as JSON, keyed by `sections` field names.
    @Field(key: "sections") var sectionsJSON: String
    /// Findings the author marked as not personal data, as "kind|text" lines.
    @Field(key: "acknowledged") var acknowledged: String
    @Field(key: "status") var status: Status
    @OptionalField(key: "review_note") var reviewNote: String?
    @OptionalField(key: "library_document_id") var libraryDocumentID: UUID?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var texts: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(sectionsJSON.utf8))) ?? [:] }
        set { sectionsJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }

    var acknowledgedKeys: Set<String> { Set(acknowledged.split(separator: "\n").map(String.init)) }

    static func key(_ finding: Anonymiser.Finding) -> String { "\(finding.kind.rawValue)|\(finding.text)" }
}

struct CreateCaseStudies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseStudy.schema)
            .id()
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("organisation", .string, .required)
            .field("title", .string, .required)
            .field("sections", .string, .required)
            .field("acknowledged", .string, .required)
            .field("status", .string, .required)
            .field("review_note", .string)
            .field("library_document_id", .uuid)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema(CaseStudy.schema).delete() }
}
