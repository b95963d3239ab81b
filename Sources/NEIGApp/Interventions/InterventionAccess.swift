import Fluent
import Foundation
import NEIGCore
import Vapor

/// Who reaches which intervention: every member reads one, its owner and coordinators change it. Pages and the API
/// both look interventions up here.
enum InterventionAccess {
    static func find(_ id: UUID?, on db: any Database) async throws -> Intervention {
        guard let id, let intervention = try await Intervention.findWithLists(id, on: db) else {
            throw NEIGError.notFound()
        }
        return intervention
    }

    /// The intervention, for a user who may change it: others get 403 (it exists; every member may read it).
    static func editable(_ id: UUID?, context: ServiceContext) async throws -> (User, Intervention) {
        let user = try context.requireUser()
        let intervention = try await find(id, on: context.db)
        guard InterventionService.canEdit(intervention, user: user) else {
            throw NEIGError.forbidden("Alleen de eigenaar en coördinatoren werken een interventie bij.")
        }
        return (user, intervention)
    }
}
