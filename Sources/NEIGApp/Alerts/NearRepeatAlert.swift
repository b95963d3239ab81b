import Fluent
import Foundation
import NEIGCore

/// A warning to one municipality: after an attack the area around it runs a raised risk until `validUntil`.
final class NearRepeatAlert: Model, @unchecked Sendable {
    static let schema = "near_repeat_alerts"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    @Parent(key: "incident_id") var incident: Incident
    @Field(key: "centre_x") var centreX: Double
    @Field(key: "centre_y") var centreY: Double
    @Field(key: "radius") var radius: Double
    @Field(key: "valid_until") var validUntil: String
    @Children(for: \.$alert) var earlierRows: [AlertEarlierIncident]
    @Field(key: "pattern_significant") var patternSignificant: Bool
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    @OptionalParent(key: "risk_area_id") var riskArea: RiskArea?

    init() {}

    init(
        municipalityCode: String, incidentID: UUID, centreX: Double, centreY: Double, radius: Double,
        validUntil: String,
        patternSignificant: Bool, createdAt: Date
    ) {
        self.municipalityCode = municipalityCode
        self.$incident.id = incidentID
        self.centreX = centreX
        self.centreY = centreY
        self.radius = radius
        self.validUntil = validUntil
        self.patternSignificant = patternSignificant
        self.createdAt = createdAt
    }

    /// The zone in place and time, for grouping into risk areas.
    var zone: RiskAreaGrouping.Zone {
        RiskAreaGrouping.Zone(
            x: centreX, y: centreY, radius: radius,
            from: CivilDate(parsing: $incident.value?.occurredOn ?? "")?.dayNumber ?? 0,
            until: CivilDate(parsing: validUntil)?.dayNumber ?? 0)
    }
}

/// A municipality's own zone size, when it differs from 400 m and 28 days.
final class AlertSettings: Model, @unchecked Sendable {
    static let schema = "alert_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "radius") var radius: Double
    @Field(key: "days") var days: Int

    init() {}

    init(municipalityCode: String, radius: Double, days: Int) {
        self.municipalityCode = municipalityCode
        self.radius = radius
        self.days = days
    }
}

struct CreateAlertsAndOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NearRepeatAlert.schema)
            .id()
            .field("municipality_code", .string, .required)
            .field("incident_id", .uuid, .required, .references(Incident.schema, "id", onDelete: .cascade))
            .field("centre_x", .double, .required)
            .field("centre_y", .double, .required)
            .field("radius", .double, .required)
            .field("valid_until", .string, .required)
            .field("earlier_incident_ids", .string, .required)
            .field("pattern_significant", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .string)
            .unique(on: "incident_id")
            .create()
        try await database.schema(AlertSettings.schema)
            .id()
            .field("municipality_code", .string, .required)
            .field("radius", .double, .required)
            .field("days", .int, .required)
            .unique(on: "municipality_code")
            .create()
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("available_at", .datetime, .required)
            .field("claimed_by", .string)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
        try await database.schema(AlertSettings.schema).delete()
        try await database.schema(NearRepeatAlert.schema).delete()
    }
}
