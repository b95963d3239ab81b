import Fluent
import Foundation
import NEIGCore

/// A risk signal from a housing corporation, business or the police to a municipality.
final class RiskSignal: Model, @unchecked Sendable {
    static let schema = "signals"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "sender_id") var senderID: UUID
    @Field(key: "sender_name") var senderName: String
    @Field(key: "sender_type") var sender: SignalSender
    @OptionalField(key: "sector") var sector: BusinessSector?
    @Field(key: "address") var address: String
    @OptionalField(key: "postcode") var postcode: String?
    @Field(key: "kind") var kind: SignalKind
    @Field(key: "urgency") var urgency: SignalUrgency
    @Field(key: "text") var text: String
    @Field(key: "status") var status: SignalStatus
    @OptionalField(key: "team") var team: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// The day it was linked or rejected; retention counts from here.
    @OptionalField(key: "settled_on") var settledOn: String?

    init() {}
}

/// A municipality's routing rule, stored; `SignalRoutingRule` decides.
final class RoutingRule: Model, @unchecked Sendable {
    static let schema = "signal_routing_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "priority") var priority: Int
    @Field(key: "team") var team: String
    @Children(for: \.$rule) var postcodeRows: [RoutingRulePostcode]
    @Children(for: \.$rule) var kindRows: [RoutingRuleKind]
    @Children(for: \.$rule) var senderRows: [RoutingRuleSender]

    init() {}

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

struct CreateSignals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RiskSignal.schema)
            .id()
            .field("municipality_code", .string, .required)
            .field("sender_id", .uuid, .required)
            .field("sender_name", .string, .required)
            .field("sender_type", .string, .required)
            .field("sector", .string)
            .field("address", .string, .required)
            .field("postcode", .string)
            .field("kind", .string, .required)
            .field("urgency", .string, .required)
            .field("text", .string, .required)
            .field("status", .string, .required)
            .field("team", .string)
            .field("reason", .string)
            .field("case_id", .uuid, .references(CaseFile.schema, "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("settled_on", .string)
            .create()
        try await database.schema(RoutingRule.schema)
            .id()
            .field("municipality_code", .string, .required)
            .field("priority", .int, .required)
            .field("postcode_areas", .string, .required)
            .field("kinds", .string, .required)
            .field("senders", .string, .required)
            .field("team", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RoutingRule.schema).delete()
        try await database.schema(RiskSignal.schema).delete()
    }
}
