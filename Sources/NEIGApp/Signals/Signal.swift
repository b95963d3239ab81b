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
    @Field(key: "sender_type") var senderValue: String
    @OptionalField(key: "sector") var sectorValue: String?
    @Field(key: "address") var address: String
    @OptionalField(key: "postcode") var postcode: String?
    @Field(key: "kind") var kindValue: String
    @Field(key: "urgency") var urgencyValue: String
    @Field(key: "text") var text: String
    @Field(key: "status") var statusValue: String
    @OptionalField(key: "team") var team: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// The day it was linked or rejected; retention counts from here.
    @OptionalField(key: "settled_on") var settledOn: String?

    init() {}

    var sender: SignalSender { SignalSender(rawValue: senderValue) ?? .police }
    var sector: BusinessSector? { sectorValue.flatMap(BusinessSector.init(rawValue:)) }
    var kind: SignalKind { SignalKind(rawValue: kindValue) ?? .other }
    var urgency: SignalUrgency { SignalUrgency(rawValue: urgencyValue) ?? .normal }
    var status: SignalStatus { SignalStatus(rawValue: statusValue) ?? .new }
}

/// A municipality's routing rule, stored; `SignalRoutingRule` decides.
final class RoutingRule: Model, @unchecked Sendable {
    static let schema = "signal_routing_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "priority") var priority: Int
    @Field(key: "postcode_areas") var postcodeAreas: String
    @Field(key: "kinds") var kinds: String
    @Field(key: "senders") var senders: String
    @Field(key: "team") var team: String

    init() {}

    var rule: SignalRoutingRule {
        SignalRoutingRule(priority: priority, postcodeAreas: Self.list(postcodeAreas), kinds: Self.list(kinds).compactMap(SignalKind.init(rawValue:)),
                          senders: Self.list(senders).compactMap(SignalSender.init(rawValue:)), team: team)
    }

    static func list(_ text: String) -> [String] { text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
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
