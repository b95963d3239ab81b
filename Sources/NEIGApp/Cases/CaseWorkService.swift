import Fluent
import NEIGCore
import Vapor

/// The work inside a case besides its phase, for whoever the route admitted to the case: each change is written with
/// its line in the case history and its audit entry in one transaction.
enum CaseWorkService {
    /// Why a change was not made, in Dutch for the person who asked.
    struct Refusal: Error { let message: String }

    static func completeTask(_ taskID: UUID?, in caseFile: CaseFile, context: ServiceContext) async throws
        -> Result<Void, Refusal>
    {
        let user = try context.requireUser()
        guard let taskID, let task = try await CaseTask.find(taskID, on: context.db),
            task.$caseFile.id == caseFile.id, task.doneAt == nil
        else {
            return .failure(Refusal(message: "Deze stap bestaat niet in deze zaak of is al afgerond."))
        }
        let now = context.clock.now()
        task.doneAt = now
        task.doneBy = user.name
        try await context.db.transaction { tx in
            try await task.save(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .stap, text: "Stap afgerond: \(task.title)", at: now, on: tx)
            try await context.audit(
                "case.task", object: "case", id: caseFile.id?.uuidString.lowercased(),
                detail: "task=\(taskID.uuidString.lowercased())", on: tx)
        }
        return .success(())
    }

    /// Shares the case with a police or OM account; sharing twice changes nothing.
    static func share(_ caseFile: CaseFile, with email: String, context: ServiceContext) async throws
        -> Result<Void, Refusal>
    {
        let user = try context.requireUser()
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let partner = try await User.query(on: context.db).filter(\.$email == email).first(),
            AccessPolicy.informationSharers.contains(partner.role)
        else {
            return .failure(
                Refusal(
                    message: "Delen kan alleen met een bestaand account van politie of OM; controleer het e-mailadres.")
            )
        }
        let caseID = try caseFile.requireID(), partnerID = try partner.requireID()
        if try await CaseShare.query(on: context.db).filter(\.$caseFile.$id == caseID).filter(\.$user.$id == partnerID)
            .count() > 0
        {
            return .success(())
        }
        let now = context.clock.now()
        try await context.db.transaction { tx in
            try await CaseShare(caseID: caseID, userID: partnerID, sharedBy: user.name, at: now).create(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .gedeeld, text: "Gedeeld met \(partner.name) (\(partner.role.label))",
                at: now, on: tx)
            try await context.audit(
                "case.share", object: "case", id: caseID.uuidString.lowercased(),
                detail: "with=\(Audit.pseudonym(partnerID.uuidString.lowercased()))", on: tx)
        }
        return .success(())
    }

    /// Links an attack of the case's own municipality from the register; linking twice changes nothing.
    static func link(_ incidentID: UUID?, to caseFile: CaseFile, context: ServiceContext) async throws
        -> Result<Void, Refusal>
    {
        let user = try context.requireUser()
        guard let incidentID, let incident = try await Incident.find(incidentID, on: context.db),
            incident.municipalityCode == caseFile.municipalityCode
        else {
            return .failure(Refusal(message: "Kies een aanslag in uw gemeente uit het register."))
        }
        let caseID = try caseFile.requireID()
        if try await CaseIncident.query(on: context.db).filter(\.$caseFile.$id == caseID)
            .filter(\.$incident.$id == incidentID).count() > 0
        {
            return .success(())
        }
        let now = context.clock.now()
        try await context.db.transaction { tx in
            try await CaseIncident(caseID: caseID, incidentID: incidentID).create(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .incident,
                text: "Aanslag van \(CivilDate.dutch(iso: incident.occurredOn)) gekoppeld", at: now, on: tx)
            try await context.audit(
                "case.incident", object: "case", id: caseID.uuidString.lowercased(),
                detail: "incident=\(incidentID.uuidString.lowercased())", on: tx)
        }
        return .success(())
    }
}
