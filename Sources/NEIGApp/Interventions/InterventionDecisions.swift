import Fluent
import Foundation
import NEIGCore
import Vapor

extension InterventionService {
    /// A decision as the form sends it (the API fills the same fields from its JSON).
    struct DecisionFields: Content {
        var besluit: String?
        var datum: String?
        var toelichting: String?
        var evaluatie: String?
    }

    /// A decision cites a frozen evaluation of this intervention; it is appended and never changed. Stopping also
    /// sets the intervention's status.
    static func decide(_ form: DecisionFields, intervention: Intervention, context: ServiceContext) async throws
        -> Checked<InterventionDecision>
    {
        let user = try context.requireUser()
        let id = try intervention.requireID()
        var errors: [FormViews.FieldError] = []
        let kind = InterventionDecisionKind(rawValue: form.besluit ?? "")
        if kind == nil {
            errors.append(.init(field: InterventionField.decision, message: "Kies voortzetten, bijstellen of stoppen."))
        }
        let date = CivilDate(parsing: form.datum ?? "")
        if date == nil || date! > context.clock.today {
            errors.append(
                .init(
                    field: InterventionField.decidedOn, message: "Geef de datum van het besluit, niet in de toekomst."))
        }
        let rationale = (form.toelichting ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if rationale.count < 10 || rationale.count > 5000 {
            errors.append(
                .init(field: InterventionField.rationale, message: "Motiveer het besluit in 10 tot 5000 tekens."))
        }
        let snapshot = try await UUID(uuidString: form.evaluatie ?? "").asyncFlatMap {
            try await EvaluationSnapshot.find($0, on: context.db)
        }
        if snapshot?.$intervention.id != id {
            errors.append(
                .init(field: InterventionField.evaluation, message: "Kies de evaluatie waarop het besluit steunt."))
        }
        guard errors.isEmpty, let kind, let date, let snapshot else { return .invalid(errors) }
        let decision = InterventionDecision()
        decision.$intervention.id = id
        decision.decision = kind
        decision.decidedOn = date.iso
        decision.decidedBy = "\(user.name) (\(user.$organisation.value?.name ?? user.role.label))"
        decision.rationale = rationale
        decision.snapshotID = snapshot.id
        decision.createdAt = context.clock.now()
        try await context.inTransaction { context in
            try await decision.create(on: context.db)
            if kind == .stoppen {
                intervention.status = InterventionStatus.gestopt
                intervention.updatedAt = decision.createdAt
                try await intervention.save(on: context.db)
            }
            try await context.audit(
                "intervention.decide", object: "intervention", id: id.uuidString.lowercased(),
                detail: "decision=\(kind.rawValue) snapshot=\(snapshot.id?.uuidString.lowercased() ?? "")")
        }
        return .valid(decision)
    }
}
