import Fluent
import Foundation

/// An earlier attack within a warning's zone and window: why the warning was raised.
final class AlertEarlierIncident: OwnedListRow, @unchecked Sendable {
    static let schema = "alert_earlier_incidents"
    static let ownerColumn = "alert_id"
    static let ownerTable = "near_repeat_alerts"
    var listKey: String { $incident.id.uuidString }

    @ID(key: .id) var id: UUID?
    @Parent(key: "alert_id") var alert: NearRepeatAlert
    @Parent(key: "incident_id") var incident: Incident
    @Field(key: "position") var position: Int

    init() {}
    init(_ incident: UUID, of owner: UUID) {
        self.$alert.id = owner
        self.$incident.id = incident
        self.position = 0
    }
}

extension NearRepeatAlert {
    var earlierIDs: [UUID] { get throws { try $earlierRows.ordered().map { $0.$incident.id } } }

    func replaceEarlier(_ ids: [UUID], on db: any Database) async throws {
        let id = try requireID()
        $earlierRows.value = try await AlertEarlierIncident.replace(
            owner: id, with: ids.map { AlertEarlierIncident($0, of: id) }, on: db)
    }
}

struct MoveAlertIncidentsToTable: AsyncMigration {
    static let move = ListColumnMove(
        owner: "near_repeat_alerts", column: "earlier_incident_ids", table: "alert_earlier_incidents",
        ownerColumn: "alert_id", valueColumn: "incident_id", valuesAreIDs: true, referencedTable: "incidents")

    func prepare(on database: any Database) async throws { try await ListColumnMove.apply([Self.move], on: database) }
    func revert(on database: any Database) async throws { try await ListColumnMove.undo([Self.move], on: database) }
}
