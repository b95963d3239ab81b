import Fluent
import NEIGCore
import Vapor

/// What the municipality does inside a case besides changing its phase: tick off checklist steps, share the case
/// with a police or OM user, link attacks from the register.
enum CaseActionRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.post(.caseFile(id: .key, .taken), use: completeTask)
        routes.post(.caseFile(id: .key, .delen), use: share)
        routes.post(.caseFile(id: .key, .incidenten), use: linkIncident)
    }

    static func redirect(_ req: Request, _ caseFile: CaseFile) throws -> Response {
        req.redirect(to: SiteURL.caseFile(id: try caseFile.requireID()).path, redirectType: .normal)
    }

    static func refuse(_ req: Request, _ caseFile: CaseFile, _ message: String) async throws -> Response {
        let view = try await CaseRoutes.detail(req, caseFile, error: message)
        return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
    }

    struct TaskForm: Content { var taak: String? }

    static func completeTask(_ req: Request) async throws -> Response {
        let (user, caseFile, _) = try await CaseAccess.find(req)
        let form = try req.content.decode(TaskForm.self)
        guard let id = form.taak.flatMap(UUID.init(uuidString:)), let task = try await CaseTask.find(id, on: req.db),
            task.$caseFile.id == caseFile.id, task.doneAt == nil
        else {
            return try await refuse(req, caseFile, "Deze stap bestaat niet in deze zaak of is al afgerond.")
        }
        let now = req.application.neig.clock.now()
        task.doneAt = now
        task.doneBy = user.name
        try await req.db.transaction { tx in
            try await task.save(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .stap, text: "Stap afgerond: \(task.title)", at: now, on: tx)
            try await req.audit(
                "case.task", object: "case", id: caseFile.id?.uuidString.lowercased(),
                detail: "task=\(id.uuidString.lowercased())", on: tx)
        }
        return try redirect(req, caseFile)
    }

    struct ShareForm: Content { var email: String? }

    static func share(_ req: Request) async throws -> Response {
        let (user, caseFile, _) = try await CaseAccess.find(req)
        let email = (try req.content.decode(ShareForm.self).email ?? "").trimmingCharacters(in: .whitespaces)
            .lowercased()
        guard let partner = try await User.query(on: req.db).filter(\.$email == email).first(),
            AccessPolicy.informationSharers.contains(partner.role)
        else {
            return try await refuse(
                req, caseFile,
                "Delen kan alleen met een bestaand account van politie of OM; controleer het e-mailadres.")
        }
        let caseID = try caseFile.requireID(), partnerID = try partner.requireID()
        if try await CaseShare.query(on: req.db).filter(\.$caseFile.$id == caseID).filter(\.$user.$id == partnerID)
            .count() > 0
        {
            return try redirect(req, caseFile)
        }
        let now = req.application.neig.clock.now()
        try await req.db.transaction { tx in
            try await CaseShare(caseID: caseID, userID: partnerID, sharedBy: user.name, at: now).create(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .gedeeld,
                text: "Gedeeld met \(partner.name) (\(partner.role.label))",
                at: now, on: tx)
            try await req.audit(
                "case.share", object: "case", id: caseID.uuidString.lowercased(),
                detail: "with=\(Audit.pseudonym(partnerID.uuidString.lowercased()))", on: tx)
        }
        return try redirect(req, caseFile)
    }

    struct IncidentForm: Content { var incident: String? }

    static func linkIncident(_ req: Request) async throws -> Response {
        let (user, caseFile, _) = try await CaseAccess.find(req)
        let form = try req.content.decode(IncidentForm.self)
        guard let id = form.incident.flatMap(UUID.init(uuidString:)),
            let incident = try await Incident.find(id, on: req.db),
            incident.municipalityCode == caseFile.municipalityCode
        else {
            return try await refuse(req, caseFile, "Kies een aanslag in uw gemeente uit het register.")
        }
        let caseID = try caseFile.requireID()
        if try await CaseIncident.query(on: req.db).filter(\.$caseFile.$id == caseID).filter(\.$incident.$id == id)
            .count() > 0
        {
            return try redirect(req, caseFile)
        }
        let now = req.application.neig.clock.now()
        try await req.db.transaction { tx in
            try await CaseIncident(caseID: caseID, incidentID: id).create(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .incident,
                text: "Aanslag van \(CivilDate.dutch(iso: incident.occurredOn)) gekoppeld", at: now, on: tx)
            try await req.audit(
                "case.incident", object: "case", id: caseID.uuidString.lowercased(),
                detail: "incident=\(id.uuidString.lowercased())", on: tx)
        }
        return try redirect(req, caseFile)
    }
}

/// Coordinators see how many cases each municipality has in each phase, never the cases themselves.
enum CaseCounts {
    struct Row: Sendable {
        let municipality: String
        let counts: [CasePhase: Int]
    }

    static func byMunicipality(on db: any Database, registry: MunicipalityRegistry) async throws -> [Row] {
        let cases = try await CaseFile.query(on: db).field(\.$municipalityCode).field(\.$phase).all()
        let grouped = Dictionary(grouping: cases, by: \.municipalityCode)
        return grouped.map { code, cases in
            Row(
                municipality: registry[code]?.displayName ?? code,
                counts: Dictionary(grouping: cases, by: \.phase).mapValues(\.count))
        }.sorted { $0.municipality < $1.municipality }
    }
}
