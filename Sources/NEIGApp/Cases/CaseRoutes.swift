import Fluent
import NEIGCore
import Vapor

/// Cases (zaken) under the handelingskader: a municipality's OOV staff and mayor open them, move them through
/// the phases and see their history. For everyone outside the municipality a case does not exist (404).
enum CaseRoutes {
    static let defaultHandlingDays = 56

    static func register(_ routes: any RoutesBuilder) {
        let cases = routes.grouped("zaken")
        cases.get(use: list)
        cases.get("nieuw", use: newForm)
        cases.post(use: create)
        cases.get(":id", use: show)
        cases.post(":id", "fase", use: changePhase)
        CaseActionRoutes.register(cases)
    }

    /// Everyone who sees the case list: the municipality, police and OM partners, and coordinators (counts only).
    static let listRoles = CaseAccess.viewers.union([.coordinator])

    static func caseActor(_ req: Request) throws -> (User, Actor) {
        let user = try req.requireUser()
        guard AccessPolicy.caseRoles.contains(user.role), user.actor.municipalityCode != nil else {
            throw NEIGError.forbidden("Zaken zijn er voor de gemeente zelf: OOV-medewerkers en de burgemeester.")
        }
        return (user, user.actor)
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        guard listRoles.contains(user.role) else {
            throw NEIGError.forbidden("Zaken zijn er voor de gemeente zelf, en voor politie en OM waarmee een zaak is gedeeld.")
        }
        let today = req.application.neig.clock.today
        if user.role == .coordinator {
            let counts = try await CaseCounts.byMunicipality(on: req.db, registry: req.application.neig.municipalities)
            return HTMLPage(document: CaseCountsView(context: req.pageContext, rows: counts).document)
        }
        let cases: [CaseFile]
        if AccessPolicy.caseRoles.contains(user.role) {
            cases = try await CaseFile.query(on: req.db).filter(\.$municipalityCode == user.actor.municipalityCode ?? "")
                .sort(\.$createdAt, .descending).all()
        } else {
            let ids = try await CaseAccess.partnerCaseIDs(of: user, on: req.db)
            cases = ids.isEmpty ? [] : try await CaseFile.query(on: req.db).filter(\.$id ~~ ids).sort(\.$createdAt, .descending).all()
        }
        return HTMLPage(document: CaseListView(context: req.pageContext, cases: cases, today: today,
                                               canOpen: AccessPolicy.caseRoles.contains(user.role),
                                               registry: req.application.neig.municipalities).document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        _ = try caseActor(req)
        return HTMLPage(document: CaseFormView(context: req.pageContext, values: ["fase": "dreiging", "vertrouwelijkheid": "zaakvertrouwelijk",
                                                                                  "termijn": String(defaultHandlingDays)], errors: []).document)
    }

    struct CaseForm: Content {
        var titel: String?
        var adres: String?
        var fase: String?
        var vertrouwelijkheid: String?
        var termijn: String?
        var behandelaar: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let (user, actor) = try caseActor(req)
        let form = try req.content.decode(CaseForm.self)
        let values: [String: String] = ["titel": form.titel ?? "", "adres": form.adres ?? "", "fase": form.fase ?? "",
                                        "vertrouwelijkheid": form.vertrouwelijkheid ?? "", "termijn": form.termijn ?? "",
                                        "behandelaar": form.behandelaar ?? ""].mapValues { $0.trimmingCharacters(in: .whitespaces) }
        var errors: [FormViews.FieldError] = []
        if values["titel"]!.isEmpty || values["titel"]!.count > 200 {
            errors.append(.init(field: "titel", message: "Geef de zaak een naam van hoogstens 200 tekens, bijvoorbeeld het adres."))
        }
        let phase = CasePhase(rawValue: values["fase"]!)
        if phase == nil || phase == .gesloten || phase == .nazorg {
            errors.append(.init(field: "fase", message: "Een zaak begint bij dreiging of explosie."))
        }
        let confidentiality = CaseConfidentiality(rawValue: values["vertrouwelijkheid"]!)
        if confidentiality == nil { errors.append(.init(field: "vertrouwelijkheid", message: "Kies een vertrouwelijkheid.")) }
        let days = Int(values["termijn"]!)
        if days == nil || !(1...730).contains(days!) {
            errors.append(.init(field: "termijn", message: "De behandeltermijn is een aantal dagen van 1 tot 730."))
        }
        guard errors.isEmpty, let phase, let confidentiality, let days, let municipality = actor.municipalityCode else {
            let view = CaseFormView(context: req.pageContext, values: values, errors: errors)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
        let today = req.application.neig.clock.today, now = req.application.neig.clock.now()
        let caseFile = CaseFile()
        caseFile.municipalityCode = municipality
        caseFile.title = values["titel"]!
        caseFile.address = values["adres"]!.isEmpty ? nil : values["adres"]
        caseFile.phaseValue = phase.rawValue
        caseFile.phaseStartedOn = today.iso
        caseFile.confidentialityValue = confidentiality.rawValue
        caseFile.openedOn = today.iso
        caseFile.handleBefore = today.adding(days: days).iso
        caseFile.responsible = values["behandelaar"]!.isEmpty ? user.name : values["behandelaar"]
        caseFile.createdAt = now
        try await req.db.transaction { tx in
            try await caseFile.create(on: tx)
            try await CaseEvent(caseID: try caseFile.requireID(), position: 1, occurredAt: now, actorName: user.name, kind: "geopend",
                                from: nil, to: phase, text: nil).create(on: tx)
            try await Checklists.instantiate(for: caseFile, phase: phase, startedAt: now, on: tx)
            try await req.audit("case.create", object: "case", id: caseFile.id?.uuidString.lowercased(),
                                detail: "phase=\(phase.rawValue) confidentiality=\(confidentiality.rawValue)", on: tx)
        }
        return req.redirect(to: "/zaken/\(try caseFile.requireID().uuidString.lowercased())", redirectType: .normal)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (user, caseFile, level) = try await CaseAccess.find(req, roles: CaseAccess.viewers)
        return HTMLPage(document: try await CaseDetailModel.load(req, user: user, caseFile: caseFile, level: level, error: nil).document)
    }

    static func detail(_ req: Request, _ caseFile: CaseFile, error: String?) async throws -> CaseDetailView {
        try await CaseDetailModel.load(req, user: try req.requireUser(), caseFile: caseFile, level: .municipality, error: error)
    }

    struct PhaseForm: Content {
        var fase: String?
        var toelichting: String?
    }

    static func changePhase(_ req: Request) async throws -> Response {
        let (user, caseFile, _) = try await CaseAccess.find(req, roles: AccessPolicy.caseRoles)
        let form = try req.content.decode(PhaseForm.self)
        let note = (form.toelichting ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let current = caseFile.phase
        guard let next = form.fase.flatMap(CasePhase.init(rawValue:)), current.canMove(to: next) else {
            let allowed = current.allowedNext.map(\.label).joined(separator: " of ")
            try await req.audit("case.phase", object: "case", id: caseFile.id?.uuidString.lowercased(), result: "denied",
                                detail: "from=\(current.rawValue) to=\(form.fase ?? "")")
            let view = try await detail(req, caseFile, error: "Vanuit \(current.label.lowercased()) kan de zaak alleen naar \(allowed.lowercased()).")
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
        guard note.count <= 2000 else {
            let view = try await detail(req, caseFile, error: "De toelichting is langer dan 2000 tekens.")
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
        let now = req.application.neig.clock.now()
        caseFile.phaseValue = next.rawValue
        caseFile.phaseStartedOn = req.application.neig.clock.today.iso
        try await req.db.transaction { tx in
            try await caseFile.save(on: tx)
            try await CaseAccess.appendEvent(caseFile, actor: user.name, kind: "fase", from: current, to: next,
                                             text: note.isEmpty ? nil : note, at: now, on: tx)
            if next != .gesloten { try await Checklists.instantiate(for: caseFile, phase: next, startedAt: now, on: tx) }
            try await req.audit("case.phase", object: "case", id: caseFile.id?.uuidString.lowercased(),
                                detail: "from=\(current.rawValue) to=\(next.rawValue)", on: tx)
        }
        return req.redirect(to: "/zaken/\(try caseFile.requireID().uuidString.lowercased())", redirectType: .normal)
    }
}
