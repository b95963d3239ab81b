import Fluent
import Foundation
import NEIGCore

/// A topic tag of a question (`Tags.normalise` form), which members follow.
final class QuestionTag: OwnedListRow, @unchecked Sendable {
    static let schema = "question_tags"
    static let ownerColumn = "question_id"
    static let ownerTable = "questions"
    var listKey: String { tag }

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: Question
    @Field(key: "tag") var tag: String
    @Field(key: "position") var position: Int

    init() {}
    init(_ tag: String, of owner: UUID) {
        self.$question.id = owner
        self.tag = tag
        self.position = 0
    }
}

/// A tag that a member added to a group starts following.
final class GroupDefaultTag: OwnedListRow, @unchecked Sendable {
    static let schema = "group_default_tags"
    static let ownerColumn = "group_id"
    static let ownerTable = "member_groups"
    var listKey: String { tag }

    @ID(key: .id) var id: UUID?
    @Parent(key: "group_id") var group: MemberGroup
    @Field(key: "tag") var tag: String
    @Field(key: "position") var position: Int

    init() {}
    init(_ tag: String, of owner: UUID) {
        self.$group.id = owner
        self.tag = tag
        self.position = 0
    }
}

extension Question {
    var tagList: [String] { get throws { try $tagRows.ordered().map(\.tag) } }

    func replaceTags(_ tags: [String], on db: any Database) async throws {
        let id = try requireID()
        $tagRows.value = try await QuestionTag.replace(owner: id, with: tags.map { QuestionTag($0, of: id) }, on: db)
    }
}

extension MemberGroup {
    var defaultTagList: [String] { get throws { try $defaultTagRows.ordered().map(\.tag) } }

    func replaceDefaultTags(_ tags: [String], on db: any Database) async throws {
        let id = try requireID()
        $defaultTagRows.value = try await GroupDefaultTag.replace(
            owner: id, with: tags.map { GroupDefaultTag($0, of: id) }, on: db)
    }
}

struct MoveTagListsToTables: AsyncMigration {
    static let moves = [
        ListColumnMove(
            owner: "questions", column: "tags", table: "question_tags", ownerColumn: "question_id", valueColumn: "tag",
            joinOld: { $0.isEmpty ? "" : "," + $0.joined(separator: ",") + "," }),
        ListColumnMove(
            owner: "member_groups", column: "default_tags", table: "group_default_tags", ownerColumn: "group_id",
            valueColumn: "tag", joinOld: { $0.isEmpty ? "" : "," + $0.joined(separator: ",") + "," })
    ]

    func prepare(on database: any Database) async throws { try await ListColumnMove.apply(Self.moves, on: database) }
    func revert(on database: any Database) async throws { try await ListColumnMove.undo(Self.moves, on: database) }
}
