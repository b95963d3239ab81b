import Fluent
import Vapor

extension NearRepeatAlertService {
    /// Marks the warning as seen by this person; a warning seen before keeps who saw it first.
    static func acknowledge(_ alert: NearRepeatAlert, by user: User, context: ServiceContext) async throws {
        guard alert.acknowledgedAt == nil else { return }
        alert.acknowledgedAt = context.clock.now()
        alert.acknowledgedBy = user.name
        try await context.db.transaction { tx in
            try await alert.save(on: tx)
            try await context.audit(
                "alert.acknowledge", object: "near_repeat_alert", id: alert.id?.uuidString.lowercased(), on: tx)
        }
    }
}
