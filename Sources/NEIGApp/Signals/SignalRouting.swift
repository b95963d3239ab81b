import Fluent
import NEIGCore
import Vapor

/// The municipality's rules for which team gets which signal: added and deleted with an audit entry each.
extension SignalService {
    static func addRoutingRule(
        in municipality: String, priority: Int, team: String, postcodeAreas: [String], kinds: [SignalKind],
        senders: [SignalSender], context: ServiceContext
    ) async throws {
        let rule = RoutingRule()
        rule.municipalityCode = municipality
        rule.priority = priority
        rule.team = team
        try await context.db.transaction { tx in
            try await rule.create(on: tx)
            try await rule.replaceConditions(postcodeAreas: postcodeAreas, kinds: kinds, senders: senders, on: tx)
            try await context.audit(
                "signal.routing-rule", object: "routing_rule", id: rule.id?.uuidString.lowercased(),
                detail: "team=\(team) priority=\(priority)", on: tx)
        }
    }

    static func delete(_ rule: RoutingRule, context: ServiceContext) async throws {
        let id = try rule.requireID()
        try await context.db.transaction { tx in
            try await rule.delete(on: tx)
            try await context.audit(
                "signal.routing-rule-delete", object: "routing_rule", id: id.uuidString.lowercased(), on: tx)
        }
    }
}
