import Fluent
import Foundation

/// An information item the motivation of a measure relies on. No foreign key to the item: retention deletes expired
/// information, and the decision's record still has to show that it cited something (`MeasureService.liveCitations`).
final class MeasureCitation: OwnedListRow, @unchecked Sendable {
    static let schema = "measure_citations"
    static let ownerColumn = "measure_id"
    static let ownerTable = "measures"
    var listKey: String { informationID.uuidString }

    @ID(key: .id) var id: UUID?
    @Parent(key: "measure_id") var measure: Measure
    @Field(key: "information_id") var informationID: UUID
    @Field(key: "position") var position: Int

    init() {}
    init(_ information: UUID, of owner: UUID) {
        self.$measure.id = owner
        self.informationID = information
        self.position = 0
    }
}

extension Measure {
    var citedInformation: [UUID] { get throws { try $citationRows.ordered().map(\.informationID) } }

    func replaceCitations(_ ids: [UUID], on db: any Database) async throws {
        let id = try requireID()
        $citationRows.value = try await MeasureCitation.replace(
            owner: id, with: ids.map { MeasureCitation($0, of: id) }, on: db)
    }
}

struct MoveMeasureCitationsToTable: AsyncMigration {
    static let move = ListColumnMove(
        owner: "measures", column: "information_ids", table: "measure_citations",
        ownerColumn: "measure_id", valueColumn: "information_id", valuesAreIDs: true)

    func prepare(on database: any Database) async throws { try await ListColumnMove.apply([Self.move], on: database) }
    func revert(on database: any Database) async throws { try await ListColumnMove.undo([Self.move], on: database) }
}
