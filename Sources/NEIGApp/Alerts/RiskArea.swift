import Fluent
import Foundation
import NEIGCore

/// Overlapping near-repeat zones of one municipality as one place to act on: all its attacks, one end date, a
/// priority, and a state (running until its end date, or closed early with a reason).
final class RiskArea: Model, @unchecked Sendable {
    static let schema = "risk_areas"

    @ID(key: .id) var id: UUID?
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "centre_x") var centreX: Double
    @Field(key: "centre_y") var centreY: Double
    @Field(key: "radius") var radius: Double
    /// The last day of its longest-running zone.
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "attack_count") var attackCount: Int
    @Field(key: "last_attack_on") var lastAttackOn: String
    @Field(key: "created_at") var createdAt: Date
    /// When a zone last joined; who saw the area before that has not seen it as it is now.
    @Field(key: "grown_at") var grownAt: Date
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "closed_by") var closedBy: String?
    @OptionalField(key: "closed_reason") var closedReason: String?
    @OptionalField(key: "case_id") var caseID: UUID?
    @Children(for: \.$riskArea) var alerts: [NearRepeatAlert]

    init() {}

    enum State: String, CaseIterable {
        case running = "lopend", ended = "afgelopen", closed = "gesloten"

        var label: String {
            switch self {
            case .running: "Lopend"
            case .ended: "Afgelopen"
            case .closed: "Vroegtijdig gesloten"
            }
        }
    }

    func state(today: CivilDate) -> State {
        if closedOn != nil { return .closed }
        return endsOn >= today.iso ? .running : .ended
    }

    func daysSinceLastAttack(today: CivilDate) -> Int {
        today.dayNumber - (CivilDate(parsing: lastAttackOn)?.dayNumber ?? today.dayNumber)
    }

    func priority(today: CivilDate) -> Int {
        RiskAreaGrouping.priority(attacks: attackCount, daysSinceLastAttack: daysSinceLastAttack(today: today))
    }

    func level(today: CivilDate) -> RiskAreaGrouping.Level {
        RiskAreaGrouping.level(attacks: attackCount, daysSinceLastAttack: daysSinceLastAttack(today: today))
    }
}

/// That one person saw a risk area as it was at `seenAt`: "Gezien" is per person, and an area that grew since is
/// new to them again.
final class RiskAreaSighting: Model, @unchecked Sendable {
    static let schema = "risk_area_sightings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "risk_area_id") var riskArea: RiskArea
    @Parent(key: "user_id") var user: User
    @Field(key: "seen_at") var seenAt: Date

    init() {}
}

struct CreateRiskAreas: AsyncMigration {
    static let columns = [AddedColumn(table: NearRepeatAlert.schema, field: "risk_area_id", type: .uuid)]

    func prepare(on database: any Database) async throws {
        try await database.schema(RiskArea.schema)
            .id()
            .field("municipality_code", .string, .required)
            .field("centre_x", .double, .required)
            .field("centre_y", .double, .required)
            .field("radius", .double, .required)
            .field("ends_on", .string, .required)
            .field("attack_count", .int, .required)
            .field("last_attack_on", .string, .required)
            .field("created_at", .datetime, .required)
            .field("grown_at", .datetime, .required)
            .field("closed_on", .string)
            .field("closed_by", .string)
            .field("closed_reason", .string)
            .field("case_id", .uuid)
            .create()
        try await database.schema(RiskAreaSighting.schema)
            .id()
            .field("risk_area_id", .uuid, .required, .references(RiskArea.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("seen_at", .datetime, .required)
            .unique(on: "risk_area_id", "user_id")
            .create()
        try await database.addColumns(Self.columns)
        // Warnings raised before risk areas existed are grouped the same way new ones are.
        let alerts = try await NearRepeatAlert.query(on: database).with(\.$incident).with(\.$earlierRows).all()
        for municipality in Set(alerts.map(\.municipalityCode)).sorted() {
            try await RiskAreaService.regroup(alerts.filter { $0.municipalityCode == municipality }, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.dropColumns(Self.columns)
        try await database.schema(RiskAreaSighting.schema).delete()
        try await database.schema(RiskArea.schema).delete()
    }
}
