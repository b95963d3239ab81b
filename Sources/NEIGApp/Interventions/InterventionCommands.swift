import Foundation
import NEIGCore
import Vapor

/// What the `neig evaluate` and `neig interventions` commands ask of the app.
public enum InterventionCommands {
    public enum Outcome {
        case evaluated(EffectEvaluation.Result)
        case failed(EffectEvaluation.Failure)
        case notFound
    }

    public static func evaluate(
        id: UUID, controls: [String]?, monthsBefore: Int, monthsAfter: Int, seed: UInt64, app: Application
    ) async throws -> Outcome {
        guard let intervention = try await Intervention.findWithLists(id, on: app.db) else { return .notFound }
        let request = InterventionService.EvaluationRequest(
            controls: controls, monthsBefore: monthsBefore, monthsAfter: monthsAfter, seed: seed)
        switch try await InterventionService.evaluate(intervention, request: request, app: app, on: app.db) {
        case .success(let result): return .evaluated(result)
        case .failure(let failure): return .failed(failure)
        }
    }

    public static func exportCSV(app: Application) async throws -> String {
        try await InterventionService.csv(on: app.db)
    }
}
