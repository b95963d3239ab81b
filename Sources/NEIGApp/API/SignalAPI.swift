import Fluent
import Foundation
import NEIGCore
import Vapor

/// Risk signals over the API: partners send them, the municipality reads them.
extension CaseAPIRoutes {
    struct SignalDTO: Content {
        var id: UUID
        var municipality_code: String
        var sender_type: String
        var address: String
        var kind: String
        var urgency: String
        var text: String
        var status: String
        var created_at: String
        var sector: String?
        var postcode: String?
        var team: String?
        var reason: String?
        var case_id: UUID?

        init(_ signal: RiskSignal, showCase: Bool) {
            id = signal.id!
            municipality_code = signal.municipalityCode
            sender_type = signal.sender.rawValue
            address = signal.address
            kind = signal.kind.rawValue
            urgency = signal.urgency.rawValue
            text = signal.text
            status = signal.status.rawValue
            created_at = signal.createdAt.formatted(.iso8601)
            sector = signal.sector?.rawValue
            postcode = signal.postcode
            team = signal.team
            reason = signal.reason
            case_id = showCase ? signal.caseID : nil
        }
    }

    struct SignalList: Content { var items: [SignalDTO] }

    static func listSignals(_ req: Request) async throws -> SignalList {
        let user = try req.requireUser()
        let signals = try await SignalService.visible(to: user, on: req.db).sort(\.$createdAt, .descending).limit(500)
            .all()
        return SignalList(items: signals.map { SignalDTO($0, showCase: AccessPolicy.caseRoles.contains(user.role)) })
    }

    struct SignalInput: Decodable {
        var municipality_code: String?
        var address: String?
        var postcode: String?
        var kind: String?
        var urgency: String?
        var sector: String?
        var text: String?
    }

    static func createSignal(_ req: Request) async throws -> Response {
        let (user, sender) = try SignalService.sender(req.context)
        let input = try body(req, SignalInput.self)
        switch SignalService.validate(
            municipality: input.municipality_code, address: input.address, postcode: input.postcode, kind: input.kind,
            urgency: input.urgency ?? SignalUrgency.normal.rawValue, sector: input.sector, text: input.text,
            sender: sender,
            registry: req.application.neig.municipalities)
        {
        case .invalid(let errors): throw invalid("Het signaal is niet verstuurd.", errors)
        case .valid(let draft):
            let signal = try await SignalService.submit(draft, by: user, sender: sender, context: req.context)
            return try created(
                SignalDTO(signal, showCase: false),
                location: SiteURL.signal(id: try signal.requireID()).path)
        }
    }
}
