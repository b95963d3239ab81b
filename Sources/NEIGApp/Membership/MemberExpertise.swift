import Fluent
import Foundation

/// A keyword a member gives as expertise in the directory (at most ten, 40 characters each).
final class MemberExpertise: OwnedListRow, @unchecked Sendable {
    static let schema = "member_expertise"
    static let ownerColumn = "profile_id"
    static let ownerTable = "member_profiles"
    var listKey: String { keyword }

    @ID(key: .id) var id: UUID?
    @Parent(key: "profile_id") var profile: MemberProfile
    @Field(key: "keyword") var keyword: String
    @Field(key: "position") var position: Int

    init() {}
    init(_ keyword: String, of owner: UUID) {
        self.$profile.id = owner
        self.keyword = keyword
        self.position = 0
    }
}

extension MemberProfile {
    /// The keywords as the member typed them, comma-separated.
    var expertise: String { get throws { try $expertiseRows.ordered().map(\.keyword).joined(separator: ", ") } }

    func replaceExpertise(_ keywords: [String], on db: any Database) async throws {
        let id = try requireID()
        $expertiseRows.value = try await MemberExpertise.replace(
            owner: id, with: keywords.map { MemberExpertise($0, of: id) }, on: db)
    }
}

struct MoveExpertiseToTable: AsyncMigration {
    static let move = ListColumnMove(
        owner: "member_profiles", column: "expertise", table: "member_expertise", ownerColumn: "profile_id",
        valueColumn: "keyword", joinOld: { $0.joined(separator: ", ") })

    func prepare(on database: any Database) async throws { try await ListColumnMove.apply([Self.move], on: database) }
    func revert(on database: any Database) async throws { try await ListColumnMove.undo([Self.move], on: database) }
}
