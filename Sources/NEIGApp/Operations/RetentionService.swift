import Fluent
import Foundation
import NEIGCore
import Vapor

/// Deletes what the handelingskader no longer needs (`RetentionPolicy`): closed cases with everything in them, expired
/// information items, settled signals. Each deletion leaves only an audit stub: kind, id and the rule that applied.
public enum RetentionService {
    public struct Report: Sendable, Equatable {
        public var closedCases: [UUID] = []
        public var expiredInformation: [UUID] = []
        public var settledSignals: [UUID] = []

        public var total: Int { closedCases.count + expiredInformation.count + settledSignals.count }
    }

    /// What the policy selects today; with `dryRun` nothing is deleted or logged.
    public static func run(policy: RetentionPolicy, dryRun: Bool, actor: String, app: Application) async throws
        -> Report
    {
        let today = app.neig.clock.today, db = app.db
        var selected = Report()
        selected.closedCases = try await CaseFile.query(on: db).filter(\.$phase == CasePhase.gesloten)
            .filter(\.$phaseStartedOn <= policy.closedCaseCutoff(today: today).iso).all().compactMap(\.id)
        selected.expiredInformation = try await InformationItem.query(on: db).filter(
            \.$expiresOn < policy.informationCutoff(today: today).iso
        )
        .all().compactMap(\.id)
        selected.settledSignals = try await RiskSignal.query(on: db).filter(\.$settledOn != nil)
            .filter(\.$settledOn <= policy.signalCutoff(today: today).iso).all().compactMap(\.id)
        let report = selected
        guard !dryRun, report.total > 0 else { return report }
        let now = app.neig.clock.now()
        try await db.transaction { tx in
            // Children first: SQLite enforces no cascades unless foreign keys are switched on.
            let items = try await InformationItem.query(on: tx).group(.or) { group in
                group.filter(\.$id ~~ report.expiredInformation)
                if !report.closedCases.isEmpty { group.filter(\.$caseFile.$id ~~ report.closedCases) }
            }.all().compactMap(\.id)
            if !items.isEmpty {
                try await InformationView.query(on: tx).filter(\.$item.$id ~~ items).delete()
                try await InformationRecipient.query(on: tx).filter(\.$item.$id ~~ items).delete()
                try await InformationItem.query(on: tx).filter(\.$id ~~ items).delete()
            }
            if !report.settledSignals.isEmpty {
                try await RiskSignal.query(on: tx).filter(\.$id ~~ report.settledSignals).delete()
            }
            if !report.closedCases.isEmpty {
                let cases = report.closedCases
                try await RiskSignal.query(on: tx).filter(\.$caseID ~~ cases).delete()
                try await CaseTask.query(on: tx).filter(\.$caseFile.$id ~~ cases).delete()
                try await CaseShare.query(on: tx).filter(\.$caseFile.$id ~~ cases).delete()
                try await CaseIncident.query(on: tx).filter(\.$caseFile.$id ~~ cases).delete()
                try await Measure.query(on: tx).filter(\.$caseFile.$id ~~ cases).delete()
                try await CaseEvent.query(on: tx).filter(\.$caseFile.$id ~~ cases).delete()
                try await CaseFile.query(on: tx).filter(\.$id ~~ cases).delete()
            }
            for (object, ids, rule) in [
                ("case", report.closedCases, "closed+\(policy.closedCaseDays)d"),
                ("information", report.expiredInformation, "expired+\(policy.expiredInformationDays)d"),
                ("signal", report.settledSignals, "settled+\(policy.settledSignalDays)d")
            ] {
                for id in ids {
                    try await Audit.record(
                        "retention.delete", object: object, id: id.uuidString.lowercased(), detail: "rule=\(rule)",
                        actor: actor, at: now, on: tx)
                }
            }
        }
        return report
    }
}
