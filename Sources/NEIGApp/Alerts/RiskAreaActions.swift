import Fluent
import Foundation
import NEIGCore

/// What a person does with a risk area: mark it seen (for themselves), or close it early with a reason.
extension RiskAreaService {
    static func markSeen(_ area: RiskArea, by user: User, context: ServiceContext) async throws {
        let userID = try user.requireID(), areaID = try area.requireID()
        let sighting =
            try await RiskAreaSighting.query(on: context.db).filter(\.$riskArea.$id == areaID)
            .filter(\.$user.$id == userID).first() ?? RiskAreaSighting()
        sighting.$riskArea.id = areaID
        sighting.$user.id = userID
        sighting.seenAt = context.clock.now()
        do {
            try await context.db.transaction { tx in
                try await sighting.save(on: tx)
                try await context.audit(
                    "risk_area.seen", object: "risk_area", id: areaID.uuidString.lowercased(), on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A double click: the other request recorded the same sighting.
        }
    }

    /// The areas among `areas` that `userID` has not seen as they are now.
    static func unseen(_ areas: [RiskArea], by userID: UUID?, on db: any Database) async throws -> Set<UUID> {
        let ids = areas.compactMap(\.id)
        guard let userID, !ids.isEmpty else { return Set(ids) }
        let seen = Dictionary(
            try await RiskAreaSighting.query(on: db).filter(\.$user.$id == userID).filter(\.$riskArea.$id ~~ ids).all()
                .map { ($0.$riskArea.id, $0.seenAt) }, uniquingKeysWith: max)
        return Set(areas.filter { area in seen[area.id!].map { $0 < area.grownAt } ?? true }.compactMap(\.id))
    }

    enum CloseRefusal: Error { case notRunning, reason }

    /// Ends a running area before its end date, e.g. when the police caught the perpetrators.
    static func close(_ area: RiskArea, reason: String?, by user: User, context: ServiceContext) async throws
        -> Result<Void, CloseRefusal>
    {
        guard area.state(today: context.clock.today) == .running else { return .failure(.notRunning) }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (5...1000).contains(reason.count) else { return .failure(.reason) }
        area.closedOn = context.clock.today.iso
        area.closedBy = user.name
        area.closedReason = reason
        try await context.db.transaction { tx in
            try await area.save(on: tx)
            try await context.audit(
                "risk_area.close", object: "risk_area", id: area.id?.uuidString.lowercased(),
                detail: "reason=\(reason.prefix(200))", on: tx)
        }
        return .success(())
    }

    /// The running areas a person may see, for the home page and the work list.
    static func running(visibleTo actor: Actor, today: CivilDate, on db: any Database) async throws -> [RiskArea] {
        try await RiskArea.query(on: db).filter(\.$closedOn == nil).filter(\.$endsOn >= today.iso).all()
            .filter { AccessPolicy.canSeeLocation(actor, municipalityCode: $0.municipalityCode) }
    }
}
