import Fluent
import Foundation
import NEIGCore

/// A postcode-4 area a routing rule applies to (none: every area).
final class RoutingRulePostcode: OwnedListRow, @unchecked Sendable {
    static let schema = "routing_rule_postcodes"
    static let ownerColumn = "rule_id"
    static let ownerTable = "signal_routing_rules"
    var listKey: String { area }

    @ID(key: .id) var id: UUID?
    @Parent(key: "rule_id") var rule: RoutingRule
    @Field(key: "postcode_area") var area: String
    @Field(key: "position") var position: Int

    init() {}
    init(_ area: String, of owner: UUID) {
        self.$rule.id = owner
        self.area = area
        self.position = 0
    }
}

/// A kind of signal a routing rule applies to (none: every kind).
final class RoutingRuleKind: OwnedListRow, @unchecked Sendable {
    static let schema = "routing_rule_kinds"
    static let ownerColumn = "rule_id"
    static let ownerTable = "signal_routing_rules"
    var listKey: String { kind.rawValue }

    @ID(key: .id) var id: UUID?
    @Parent(key: "rule_id") var rule: RoutingRule
    @Field(key: "kind") var kind: SignalKind
    @Field(key: "position") var position: Int

    init() {}
    init(_ kind: SignalKind, of owner: UUID) {
        self.$rule.id = owner
        self.kind = kind
        self.position = 0
    }
}

/// A kind of sender a routing rule applies to (none: every sender).
final class RoutingRuleSender: OwnedListRow, @unchecked Sendable {
    static let schema = "routing_rule_senders"
    static let ownerColumn = "rule_id"
    static let ownerTable = "signal_routing_rules"
    var listKey: String { sender.rawValue }

    @ID(key: .id) var id: UUID?
    @Parent(key: "rule_id") var rule: RoutingRule
    @Field(key: "sender") var sender: SignalSender
    @Field(key: "position") var position: Int

    init() {}
    init(_ sender: SignalSender, of owner: UUID) {
        self.$rule.id = owner
        self.sender = sender
        self.position = 0
    }
}

extension RoutingRule {
    var rule: SignalRoutingRule {
        get throws {
            SignalRoutingRule(
                priority: priority, postcodeAreas: try $postcodeRows.ordered().map(\.area),
                kinds: try $kindRows.ordered().map(\.kind), senders: try $senderRows.ordered().map(\.sender), team: team
            )
        }
    }

    static func queryWithConditions(on db: any Database) -> QueryBuilder<RoutingRule> {
        query(on: db).with(\.$postcodeRows).with(\.$kindRows).with(\.$senderRows)
    }

    /// Stores the conditions of a saved rule; run it in the transaction that saved it.
    func replaceConditions(postcodeAreas: [String], kinds: [SignalKind], senders: [SignalSender], on db: any Database)
        async throws
    {
        let id = try requireID()
        $postcodeRows.value = try await RoutingRulePostcode.replace(
            owner: id, with: postcodeAreas.map { RoutingRulePostcode($0, of: id) }, on: db)
        $kindRows.value = try await RoutingRuleKind.replace(
            owner: id, with: kinds.map { RoutingRuleKind($0, of: id) }, on: db)
        $senderRows.value = try await RoutingRuleSender.replace(
            owner: id, with: senders.map { RoutingRuleSender($0, of: id) }, on: db)
    }
}

struct MoveRoutingConditionsToTables: AsyncMigration {
    static let moves = [
        ("routing_rule_postcodes", "postcode_area", "postcode_areas", nil),
        ("routing_rule_kinds", "kind", "kinds", Set(SignalKind.allCases.map(\.rawValue))),
        ("routing_rule_senders", "sender", "senders", Set(SignalSender.allCases.map(\.rawValue)))
    ].map { table, value, column, allowed in
        ListColumnMove(
            owner: "signal_routing_rules", column: column, table: table, ownerColumn: "rule_id", valueColumn: value,
            allowedValues: allowed)
    }

    func prepare(on database: any Database) async throws { try await ListColumnMove.apply(Self.moves, on: database) }
    func revert(on database: any Database) async throws { try await ListColumnMove.undo(Self.moves, on: database) }
}
