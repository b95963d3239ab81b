import Fluent
import NEIGCore
import Vapor

/// Writing up a case for other municipalities and a coordinator's review of it: the routes validate and run the
/// anonymisation check; this stores each step with its audit entry.
enum CaseStudyService {
    static func create(title: String, texts: [String: String], by user: User, context: ServiceContext) async throws
        -> CaseStudy
    {
        let study = CaseStudy()
        study.authorID = try user.requireID()
        study.authorName = user.name
        study.organisation = user.$organisation.value?.name ?? ""
        study.title = title
        study.texts = texts
        study.acknowledged = ""
        study.status = CaseStudy.Status.concept
        study.updatedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await study.save(on: tx)
            try await context.audit(
                "casestudy.create", object: "case_study", id: study.id?.uuidString.lowercased(), on: tx)
        }
        return study
    }

    /// Stores the author's edit, and with `submitting` hands the write-up to the coordinators.
    static func save(_ study: CaseStudy, submitting: Bool, findings: Int, context: ServiceContext) async throws {
        if submitting { study.status = .submitted }
        study.updatedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await study.save(on: tx)
            try await context.audit(
                submitting ? "casestudy.submit" : "casestudy.edit", object: "case_study",
                id: study.id?.uuidString.lowercased(),
                detail: "findings=\(findings) acknowledged=\(study.acknowledgedKeys.count)", on: tx)
        }
    }

    /// Publishes the write-up as a members' library page in the name of the author's organisation.
    static func publish(_ study: CaseStudy, by coordinator: User, context: ServiceContext) async throws {
        let draft = LibraryService.Draft(
            title: study.title, summary: String((study.texts["situatie"] ?? "").prefix(300)), body: markdown(study),
            kind: .casuistiek, lines: [.nazorg], phases: [], visibility: .leden, groupCode: nil)
        let document = try await LibraryService.save(
            draft, upload: nil, existing: nil, by: coordinator, context: context)
        document.authorOrganisation = study.organisation
        document.authorOrganisationID = try await User.find(study.authorID, on: context.db)?.$organisation.id
        try await document.save(on: context.db)
        study.libraryDocumentID = document.id
        study.status = CaseStudy.Status.published
        try await recordReview(study, decision: "publiceren", context: context)
    }

    static func returnToAuthor(_ study: CaseStudy, note: String, context: ServiceContext) async throws {
        study.status = CaseStudy.Status.returned
        study.reviewNote = String(note.prefix(2000))
        try await recordReview(study, decision: "terugsturen", context: context)
    }

    private static func recordReview(_ study: CaseStudy, decision: String, context: ServiceContext) async throws {
        study.updatedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await study.save(on: tx)
            try await context.audit(
                "casestudy.review", object: "case_study", id: study.id?.uuidString.lowercased(),
                detail: "decision=\(decision)", on: tx)
        }
    }

    static func markdown(_ study: CaseStudy) -> String {
        CaseStudy.sections.compactMap { field, heading in
            let text = study.texts[field] ?? ""
            return text.isEmpty ? nil : "## \(heading)\n\n\(text)"
        }.joined(separator: "\n\n")
    }
}
