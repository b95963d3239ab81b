import Fluent

/// Partners keep the municipality they work in apart from their organisation, and library documents name their
/// organisation by id (a name can be copied by anyone who applies).
struct AddOrganisationRights: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("working_area", .string).update()
        try await database.schema(LibraryDocument.schema).field("author_organisation_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LibraryDocument.schema).deleteField("author_organisation_id").update()
        try await database.schema(User.schema).deleteField("working_area").update()
    }
}
