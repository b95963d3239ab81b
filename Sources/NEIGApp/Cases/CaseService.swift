import Fluent
import Foundation
import NEIGCore
import SQLKit
import Vapor

/// Opening a case and moving it through the phases, shared by the pages and the API.
enum CaseService {
    /// The legal handling period a new case gets unless the officer sets another (eight weeks).
    static let defaultHandlingDays = 56

    struct Draft {
        let title: String
        let address: String?
        let bagID: String?
        let phase: CasePhase
        let confidentiality: CaseConfidentiality
        let handlingDays: Int
        let responsible: String?
    }

    static func validate(
        title: String?, address: String?, phase: String?, confidentiality: String?, handlingDays: String?,
        responsible: String?, bagID: String? = nil
    ) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let title = (title ?? "").trimmingCharacters(in: .whitespaces)
        if title.isEmpty || title.count > 200 {
            errors.append(
                .init(
                    field: CaseField.title,
                    message: "Geef de zaak een naam van hoogstens 200 tekens, bijvoorbeeld het adres."))
        }
        let phase = CasePhase(rawValue: phase ?? "")
        if phase == nil || phase == .gesloten || phase == .nazorg {
            errors.append(.init(field: CaseField.phase, message: "Een zaak begint bij dreiging of explosie."))
        }
        let confidentiality = CaseConfidentiality(rawValue: confidentiality ?? "")
        if confidentiality == nil {
            errors.append(.init(field: CaseField.confidentiality, message: "Kies een vertrouwelijkheid."))
        }
        let days = BoundedNumber.integer(handlingDays ?? "", in: 1...730)
            .orFieldError(
                CaseField.handlingDays, &errors, message: "De behandeltermijn is een aantal dagen van 1 tot 730.")
        let address = (address ?? "").trimmingCharacters(in: .whitespaces),
            responsible = (responsible ?? "").trimmingCharacters(in: .whitespaces)
        if address.count > 200 {
            errors.append(.init(field: CaseField.address, message: "Het adres is langer dan 200 tekens."))
        }
        if responsible.count > 100 {
            errors.append(.init(field: CaseField.responsible, message: "De behandelaar is langer dan 100 tekens."))
        }
        var bag: String?
        if let text = bagID, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            switch BAGObjectID.parse(text) {
            case .success(let id): bag = id
            case .failure(let problem):
                errors.append(.init(field: CaseField.bagID, message: "BAG-id: \(problem.reason)."))
            }
        }
        guard errors.isEmpty, let phase, let confidentiality, let days else { return .invalid(errors) }
        return .valid(
            Draft(
                title: title, address: address.isEmpty ? nil : address, bagID: bag, phase: phase,
                confidentiality: confidentiality,
                handlingDays: days, responsible: responsible.isEmpty ? nil : responsible))
    }

    /// Opens a case; opened from a risk area, the area's attacks are linked in the same transaction.
    static func open(_ draft: Draft, by user: User, from area: RiskArea? = nil, context: ServiceContext) async throws
        -> CaseFile
    {
        let attacks = try await area.asyncFlatMap { try await RiskAreaService.attacks(of: $0, on: context.db) } ?? []
        let today = context.clock.today, now = context.clock.now()
        let caseFile = CaseFile()
        caseFile.municipalityCode = user.actor.municipalityCode ?? ""
        caseFile.title = draft.title
        caseFile.address = draft.address
        caseFile.bagID = draft.bagID
        caseFile.phase = draft.phase
        caseFile.phaseStartedOn = today.iso
        caseFile.confidentiality = draft.confidentiality
        caseFile.openedOn = today.iso
        caseFile.handleBefore = today.adding(days: draft.handlingDays).iso
        caseFile.responsible = draft.responsible ?? user.name
        caseFile.createdAt = now
        try await context.db.transaction { tx in
            try await caseFile.create(on: tx)
            try await CaseEvent(
                caseID: try caseFile.requireID(), position: 1, occurredAt: now, actorName: user.name, kind: .geopend,
                from: nil, to: draft.phase, text: nil
            ).create(on: tx)
            try await Checklists.instantiate(for: caseFile, phase: draft.phase, startedAt: now, on: tx)
            if let area {
                // Claimed in the same statement that checks it, so two submits cannot both open a case for one area.
                let claimed = try await tx.sql.raw(
                    "UPDATE risk_areas SET case_id = \(bind: try caseFile.requireID()) WHERE id = \(bind: try area.requireID()) AND case_id IS NULL RETURNING id"
                ).all()
                guard !claimed.isEmpty else {
                    throw NEIGError(
                        status: .conflict, title: "Al een zaak",
                        detail: "Voor dit risicogebied is intussen al een zaak geopend. Er is geen nieuwe zaak gemaakt."
                    )
                }
                area.caseID = caseFile.id
                for incident in attacks {
                    try await CaseIncident(caseID: try caseFile.requireID(), incidentID: try incident.requireID())
                        .create(on: tx)
                }
                try await CaseAccess.appendEvent(
                    caseFile, actor: user.name, kind: .incident,
                    text:
                        "Geopend vanuit een risicogebied; \(attacks.count.counted(.attack)) gekoppeld",
                    at: now, on: tx)
            }
            try await context.audit(
                "case.create", object: "case", id: caseFile.id?.uuidString.lowercased(),
                detail: "phase=\(draft.phase.rawValue) confidentiality=\(draft.confidentiality.rawValue)", on: tx)
        }
        return caseFile
    }

    /// Why a phase change did not happen, in Dutch for the person who asked.
    struct PhaseRefusal: Error { let message: String }

    /// Moves the case along the whitelist to the phase it reached, or says why not (a refused move is audited).
    static func changePhase(
        _ caseFile: CaseFile, to phase: String?, note: String?, by user: User,
        context: ServiceContext
    ) async throws -> Result<CasePhase, PhaseRefusal> {
        let note = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let current = caseFile.phase
        guard let next = phase.flatMap(CasePhase.init(rawValue:)), current.canMove(to: next) else {
            let allowed = current.allowedNext.map(\.label).joined(separator: " of ")
            try await context.audit(
                "case.phase", object: "case", id: caseFile.id?.uuidString.lowercased(), result: "denied",
                detail: "from=\(current.rawValue) to=\(phase ?? "")")
            return .failure(
                PhaseRefusal(
                    message: "Vanuit \(current.label.lowercased()) kan de zaak alleen naar \(allowed.lowercased())."))
        }
        guard note.count <= 2000 else {
            return .failure(PhaseRefusal(message: "De toelichting is langer dan 2000 tekens."))
        }
        guard next != .gesloten || note.count >= 5 else {
            return .failure(
                PhaseRefusal(message: "Schrijf in de toelichting waarom de zaak sluit. De zaak is niet gesloten."))
        }
        let now = context.clock.now()
        caseFile.phase = next
        caseFile.phaseStartedOn = context.clock.today.iso
        try await context.db.transaction { tx in
            try await caseFile.save(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .fase, from: current, to: next,
                text: note.isEmpty ? nil : note, at: now, on: tx)
            if next != .gesloten {
                try await Checklists.instantiate(for: caseFile, phase: next, startedAt: now, on: tx)
            }
            try await context.audit(
                "case.phase", object: "case", id: caseFile.id?.uuidString.lowercased(),
                detail: "from=\(current.rawValue) to=\(next.rawValue)", on: tx)
        }
        return .success(next)
    }
}
