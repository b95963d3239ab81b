import Fluent
import Foundation
import NEIGCore

/// A question a member puts to the network, visible to all members or to one group.
final class Question: Model, @unchecked Sendable {
    static let schema = "questions"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Children(for: \.$question) var tagRows: [QuestionTag]
    @OptionalField(key: "group_code") var groupCode: String?
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "organisation") var organisation: String
    @OptionalField(key: "helpful_answer_id") var helpfulAnswerID: UUID?
    @OptionalField(key: "library_document_id") var libraryDocumentID: UUID?
    @Field(key: "answer_count") var answerCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_activity_at") var lastActivityAt: Date

    init() {}
}

final class Answer: Model, @unchecked Sendable {
    static let schema = "answers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "question_id") var question: Question
    @Field(key: "body") var body: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "organisation") var organisation: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateQuestions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Question.schema)
            .id()
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("tags", .string, .required)
            .field("group_code", .string)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("organisation", .string, .required)
            .field("helpful_answer_id", .uuid)
            .field("library_document_id", .uuid)
            .field("answer_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("last_activity_at", .datetime, .required)
            .create()
        try await database.schema(Answer.schema)
            .id()
            .field("question_id", .uuid, .required, .references(Question.schema, "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("organisation", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Answer.schema).delete()
        try await database.schema(Question.schema).delete()
    }
}
