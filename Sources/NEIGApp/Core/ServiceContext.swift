import Fluent
import Foundation
import NEIGCore
import Vapor

/// What a service needs from its caller, and nothing else: the database, the clock, the municipality table, who acts,
/// and how the audit log names them. Pages and the API build one from the request (`req.context`), so both run the
/// same service code; `inTransaction` hands the same context to the work inside a transaction.
struct ServiceContext: Sendable {
    let db: any Database
    let clock: NEIGClock
    let municipalities: MunicipalityRegistry
    let user: User?
    let auditor: Auditor
    /// Application-wide work that outlives the request: hashing on the thread pool, near-repeat evaluation.
    let application: Application
    /// Re-authentication with password and code (`StepUp`), for decisions that need it.
    let confirmIdentity: @Sendable (_ user: User, _ password: String, _ code: String) async throws -> Bool

    var publicURL: String { application.neig.publicURL }
    var passwordHashCost: Int { application.neig.passwordHashCost }

    /// Writes audit entries the way the caller's channel names them (web, api, cli).
    struct Auditor: Sendable {
        let actor: String
        let traceID: String?
        let origin: String?
        /// Tells the request that something was written, so the seal runs once it is answered.
        let noteWritten: @Sendable () -> Void
    }

    func requireUser() throws -> User {
        guard let user else { throw Abort(.unauthorized) }
        return user
    }

    /// Writes an audit entry, on `database` when given (the transaction the change runs in).
    func audit(
        _ action: String, object: String, id: String? = nil, result: String = "success", detail: String? = nil,
        on database: (any Database)? = nil
    ) async throws {
        auditor.noteWritten()
        try await Audit.record(
            action, object: object, id: id, result: result, detail: detail, actor: auditor.actor, at: clock.now(),
            on: database ?? db, traceID: auditor.traceID, origin: auditor.origin)
    }

    func on(_ database: any Database) -> ServiceContext {
        ServiceContext(
            db: database, clock: clock, municipalities: municipalities, user: user, auditor: auditor,
            application: application, confirmIdentity: confirmIdentity)
    }

    func inTransaction<T: Sendable>(_ work: @escaping @Sendable (ServiceContext) async throws -> T) async throws -> T {
        try await db.transaction { try await work(on($0)) }
    }
}

extension Request {
    var context: ServiceContext {
        let request = self
        return ServiceContext(
            db: db, clock: application.neig.clock, municipalities: application.neig.municipalities, user: user,
            auditor: .init(
                actor: auditActor, traceID: id, origin: url.path.hasPrefix("/api/") ? "api" : "web",
                noteWritten: { request.storage[AuditWrittenKey.self] = true }),
            application: application,
            confirmIdentity: { user, password, code in
                try await StepUp.verify(user, password: password, code: code, on: request)
            })
    }
}
