import Fluent
import NEIGCore
import Vapor

/// Who sees a case: the municipality's OOV staff and mayor fully; police and OM users it was shared with (or who
/// shared information with it) as partners. For everyone else it does not exist (404); roles that never see cases
/// get 403.
enum CaseAccess {
    /// A municipal user who runs cases, with the municipality they act for; others get 403.
    static func caseActor(_ context: ServiceContext) throws -> (User, Actor) {
        let user = try context.requireUser()
        guard AccessPolicy.caseRoles.contains(user.role), user.actor.municipalityCode != nil else {
            throw NEIGError.forbidden("Zaken zijn er voor de gemeente zelf: OOV-medewerkers en de burgemeester.")
        }
        return (user, user.actor)
    }

    enum Level { case municipality, partner }

    static func level(of user: User, for caseFile: CaseFile, on db: any Database) async throws -> Level? {
        if AccessPolicy.canManageCases(user.actor, municipalityCode: caseFile.municipalityCode) { return .municipality }
        guard AccessPolicy.informationSharers.contains(user.role) else { return nil }
        let caseID = try caseFile.requireID(), userID = try user.requireID()
        if try await CaseShare.query(on: db).filter(\.$caseFile.$id == caseID).filter(\.$user.$id == userID).count() > 0
        {
            return .partner
        }
        let authored = try await InformationItem.query(on: db).filter(\.$caseFile.$id == caseID).filter(
            \.$authorID == userID
        ).count()
        return authored > 0 ? .partner : nil
    }

    /// The case of the `id` parameter if the user may see it, or 404 as described above. The route's row in
    /// `AccessMatrix` has already admitted the user's role; a change also asks for the municipality's own level
    /// (`managing`), so a partner the case is shared with can never change it, whatever a row says.
    static func find(_ req: Request, parameter: String = "id", managing: Bool = false) async throws
        -> (User, CaseFile, Level)
    {
        let user = try req.requireUser()
        guard let id = req.parameters.get(parameter, as: UUID.self),
            let caseFile = try await CaseFile.find(id, on: req.db),
            let level = try await level(of: user, for: caseFile, on: req.db)
        else {
            if let id = req.parameters.get(parameter) {
                try await req.audit("case.read", object: "case", id: id, result: "denied")
            }
            throw NEIGError.notFound()
        }
        if managing, level != .municipality {
            throw NEIGError.forbidden(AccessMatrix.Roles.caseWorkers.refusal)
        }
        return (user, caseFile, level)
    }

    /// The cases a user sees in a list, newest first, with the level they see them at.
    static func visibleCases(of user: User, on db: any Database) async throws -> (cases: [CaseFile], level: Level) {
        if AccessPolicy.caseRoles.contains(user.role) {
            let cases = try await CaseFile.query(on: db).filter(
                \.$municipalityCode == user.actor.municipalityCode ?? ""
            )
            .sort(\.$createdAt, .descending).all()
            return (cases, .municipality)
        }
        let ids = try await partnerCaseIDs(of: user, on: db)
        return (
            ids.isEmpty
                ? [] : try await CaseFile.query(on: db).filter(\.$id ~~ ids).sort(\.$createdAt, .descending).all(),
            .partner
        )
    }

    /// Cases a police or OM user sees as partner.
    static func partnerCaseIDs(of user: User, on db: any Database) async throws -> [UUID] {
        let userID = try user.requireID()
        let shared = try await CaseShare.query(on: db).filter(\.$user.$id == userID).all().map(\.$caseFile.id)
        let authored = try await InformationItem.query(on: db).filter(\.$authorID == userID).all().map(\.$caseFile.id)
        return Array(Set(shared + authored))
    }

    /// Appends a line to the case history at the next position.
    static func appendEvent(
        _ caseFile: CaseFile, actor: String, kind: CaseEventKind, from: CasePhase? = nil, to: CasePhase? = nil,
        text: String?, at now: Date, on db: any Database
    ) async throws {
        let caseID = try caseFile.requireID()
        let last = try await CaseEvent.query(on: db).filter(\.$caseFile.$id == caseID).max(\.$position) ?? 0
        try await CaseEvent(
            caseID: caseID, position: last + 1, occurredAt: now, actorName: actor, kind: kind, from: from, to: to,
            text: text
        )
        .create(on: db)
    }
}
