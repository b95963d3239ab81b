import Fluent
import Vapor

/// The sentence a form leaves for the page it returns to ("Maatregel voorgelegd aan de burgemeester."), shown once
/// with `role="status"`. It lives on the session row, not in memory, so whichever app instance serves the next page
/// shows it.
struct FlashKey: StorageKey { typealias Value = String }

extension UserSession {
    static let flashLimit = 300
}

extension Request {
    /// After a form did what it said: back to `path` (with its `#section`), saying what changed.
    func redirect(to path: String, saying message: String) async throws -> Response {
        if let session = currentSession, authenticationMethod == .session {
            session.flash = String(message.prefix(UserSession.flashLimit))
            try await session.save(on: db)
        }
        return redirect(to: path, redirectType: .normal)
    }

    /// Takes the session's message for this page, so a reload does not repeat it.
    func takeFlash(from session: UserSession) async throws {
        guard let message = session.flash else { return }
        storage[FlashKey.self] = message
        session.flash = nil
        try await session.save(on: db)
    }
}

struct AddSessionFlash: AsyncMigration {
    static let columns = [AddedColumn(table: UserSession.schema, field: "flash", type: .string)]

    func prepare(on database: any Database) async throws { try await database.addColumns(Self.columns) }
    func revert(on database: any Database) async throws { try await database.dropColumns(Self.columns) }
}
