import Fluent
import Foundation
import NEIGCore
import Vapor

/// Police and OM information of a case over the API: shared, listed and audited as on the page.
extension CaseAPIRoutes {
    struct InformationDTO: Content {
        var id: UUID
        var case_id: UUID
        var author_role: String
        var classification: String
        var purpose: String
        var expires_on: String
        var created_at: String
        /// Only when the request names a purpose (`?purpose=`); that read is logged.
        var summary: String?

        init(_ item: InformationItem, withSummary: Bool) {
            id = item.id!
            case_id = item.$caseFile.id
            author_role = item.authorRole.rawValue
            classification = item.classification.rawValue
            purpose = item.purpose
            expires_on = item.expiresOn
            created_at = item.createdAt.formatted(.iso8601)
            summary = withSummary ? item.summary : nil
        }
    }

    struct InformationList: Content { var items: [InformationDTO] }

    static func listInformation(_ req: Request) async throws -> InformationList {
        let (user, caseFile, _) = try await CaseAccess.find(req)
        let purposeText = req.query[String.self, at: "purpose"]
        let purpose = purposeText.flatMap(InformationViewPurpose.init(rawValue:))
        if let purposeText, purpose == nil {
            throw NEIGError.badRequest(
                "purpose is onbekend.",
                items: [.init(column: "purpose", reason: "'\(purposeText)' is geen doel; zie de OpenAPI-beschrijving")])
        }
        let visible = try await InformationService.visibleItems(
            caseID: caseFile.requireID(), user: user, today: req.application.neig.clock.today, on: req.db)
        if let purpose {
            try await InformationService.recordViews(
                of: visible.map(\.item), by: user, purpose: purpose, context: req.context)
        } else if !visible.isEmpty {
            try await req.audit(
                "information.list", object: "case", id: try caseFile.requireID().uuidString.lowercased(),
                detail: "items=\(visible.count) without summaries")
        }
        return InformationList(items: visible.map { InformationDTO($0.item, withSummary: purpose != nil) })
    }

    struct InformationInput: Decodable {
        var summary: String?
        var classification: String?
        var purpose: String?
        var expires_on: String?
        var share_with_roles: [String]?
        var share_with_users: [String]?
    }

    static func createInformation(_ req: Request) async throws -> Response {
        let (_, caseFile, _) = try await CaseAccess.find(req)
        let input = try body(req, InformationInput.self)
        let checked = InformationService.validate(
            summary: input.summary, classification: input.classification, purpose: input.purpose,
            expiresOn: input.expires_on, roles: input.share_with_roles ?? [], users: input.share_with_users ?? [],
            today: req.application.neig.clock.today)
        guard case .valid(let draft) = checked else {
            if case .invalid(let errors) = checked { throw invalid("De informatie is niet gedeeld.", errors) }
            throw Abort(.internalServerError)
        }
        switch try await InformationService.share(draft, in: caseFile, context: req.context) {
        case .invalid(let errors): throw invalid("De informatie is niet gedeeld.", errors)
        case .valid(let item):
            return try created(
                InformationDTO(item, withSummary: true), location: SiteURL.information(id: item.id!).path)
        }
    }
}
