import Fluent
import Foundation

/// A file that passed its check and waits for the importer's "importeren": kept in the database, so the second
/// step may land on another app instance, for one hour and for the person who uploaded it only.
final class PendingImport: Model, @unchecked Sendable {
    static let schema = "pending_imports"
    static let lifetime: TimeInterval = 3600

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "source") var source: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "bytes") var bytes: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: UUID, source: String, fileName: String, bytes: Data, createdAt: Date) {
        self.userID = userID
        self.source = source
        self.fileName = fileName
        self.bytes = bytes
        self.createdAt = createdAt
    }

    /// Keeps the file for the second step, and drops every file whose hour has passed.
    static func keep(_ bytes: [UInt8], source: String, fileName: String, userID: UUID, now: Date, on db: any Database)
        async throws -> UUID
    {
        try await PendingImport.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-lifetime)).delete()
        // Only the latest check of each person waits: checking again replaces it.
        try await PendingImport.query(on: db).filter(\.$userID == userID).delete()
        let pending = PendingImport(
            userID: userID, source: source, fileName: fileName, bytes: Data(bytes), createdAt: now)
        try await pending.create(on: db)
        return try pending.requireID()
    }

    /// The kept file, taken out: a second click cannot import it twice. Nil when it is not this user's, or gone.
    static func take(_ id: UUID, userID: UUID, now: Date, on db: any Database) async throws -> PendingImport? {
        try await db.transaction { tx in
            guard let pending = try await PendingImport.find(id, on: tx), pending.userID == userID,
                pending.createdAt >= now.addingTimeInterval(-lifetime)
            else { return nil }
            // Deleted in the statement that checks it is still there: of two clicks, one gets the file.
            let taken = try await tx.sql.raw("DELETE FROM pending_imports WHERE id = \(bind: id) RETURNING id").all()
            return taken.isEmpty ? nil : pending
        }
    }
}

struct CreatePendingImports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PendingImport.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("source", .string, .required)
            .field("file_name", .string, .required)
            .field("bytes", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema(PendingImport.schema).delete() }
}
