import Fluent
import Foundation

/// A municipality an intervention runs in: what its evaluation treats.
final class InterventionMunicipality: OwnedListRow, @unchecked Sendable {
    static let schema = "intervention_municipalities"
    static let ownerColumn = "intervention_id"
    static let ownerTable = "interventions"
    var listKey: String { code }

    @ID(key: .id) var id: UUID?
    @Parent(key: "intervention_id") var intervention: Intervention
    @Field(key: "municipality_code") var code: String
    @Field(key: "position") var position: Int

    init() {}
    init(_ code: String, of owner: UUID) {
        self.$intervention.id = owner
        self.code = code
        self.position = 0
    }
}

/// A postcode-4 area within those municipalities, when it runs in neighbourhoods only.
final class InterventionPostcodeArea: OwnedListRow, @unchecked Sendable {
    static let schema = "intervention_postcode_areas"
    static let ownerColumn = "intervention_id"
    static let ownerTable = "interventions"
    var listKey: String { area }

    @ID(key: .id) var id: UUID?
    @Parent(key: "intervention_id") var intervention: Intervention
    @Field(key: "postcode_area") var area: String
    @Field(key: "position") var position: Int

    init() {}
    init(_ area: String, of owner: UUID) {
        self.$intervention.id = owner
        self.area = area
        self.position = 0
    }
}

/// A library document about an intervention (plan, report).
final class InterventionDocument: OwnedListRow, @unchecked Sendable {
    static let schema = "intervention_documents"
    static let ownerColumn = "intervention_id"
    static let ownerTable = "interventions"
    var listKey: String { $document.id.uuidString }

    @ID(key: .id) var id: UUID?
    @Parent(key: "intervention_id") var intervention: Intervention
    @Parent(key: "document_id") var document: LibraryDocument
    @Field(key: "position") var position: Int

    init() {}
    init(_ document: UUID, of owner: UUID) {
        self.$intervention.id = owner
        self.$document.id = document
        self.position = 0
    }
}

extension Intervention {
    var municipalityCodes: [String] { get throws { try $municipalityRows.ordered().map(\.code) } }
    var postcodeAreaList: [String] { get throws { try $postcodeAreaRows.ordered().map(\.area) } }
    var documentIDs: [UUID] { get throws { try $documentRows.ordered().map { $0.$document.id } } }

    /// Every intervention query that shows or evaluates one loads its places and documents.
    static func queryWithLists(on db: any Database) -> QueryBuilder<Intervention> {
        query(on: db).with(\.$municipalityRows).with(\.$postcodeAreaRows).with(\.$documentRows)
    }

    static func findWithLists(_ id: UUID, on db: any Database) async throws -> Intervention? {
        try await queryWithLists(on: db).filter(\.$id == id).first()
    }

    /// Stores the lists of a saved intervention; run it in the transaction that saved it.
    func replaceLists(municipalities: [String], postcodeAreas: [String], documents: [UUID], on db: any Database)
        async throws
    {
        let id = try requireID()
        $municipalityRows.value = try await InterventionMunicipality.replace(
            owner: id, with: municipalities.map { InterventionMunicipality($0, of: id) }, on: db)
        $postcodeAreaRows.value = try await InterventionPostcodeArea.replace(
            owner: id, with: postcodeAreas.map { InterventionPostcodeArea($0, of: id) }, on: db)
        // Links to documents that do not exist were never shown; now they are not kept either (the key would refuse them).
        let existing =
            documents.isEmpty ? [] : Set(try await LibraryDocument.query(on: db).filter(\.$id ~~ documents).all(\.$id))
        $documentRows.value = try await InterventionDocument.replace(
            owner: id, with: documents.filter(existing.contains).map { InterventionDocument($0, of: id) }, on: db)
    }
}

struct MoveInterventionListsToTables: AsyncMigration {
    static let moves = [
        ListColumnMove(
            owner: "interventions", column: "municipalities", table: "intervention_municipalities",
            ownerColumn: "intervention_id", valueColumn: "municipality_code"),
        ListColumnMove(
            owner: "interventions", column: "postcode_areas", table: "intervention_postcode_areas",
            ownerColumn: "intervention_id", valueColumn: "postcode_area"),
        ListColumnMove(
            owner: "interventions", column: "documents", table: "intervention_documents",
            ownerColumn: "intervention_id", valueColumn: "document_id", valuesAreIDs: true,
            referencedTable: "library_documents")
    ]

    func prepare(on database: any Database) async throws { try await ListColumnMove.apply(Self.moves, on: database) }
    func revert(on database: any Database) async throws { try await ListColumnMove.undo(Self.moves, on: database) }
}
