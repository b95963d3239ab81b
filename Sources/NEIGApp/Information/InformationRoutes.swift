import Fluent
import NEIGCore
import Vapor

/// Police and OM add information to a case shared with them; recipients open it for a stated purpose, and every
/// opening is logged (Wpg: traceable access). Expired items are gone for everyone.
enum InformationRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.post("zaken", ":id", "informatie", use: create)
        routes.get("informatie", ":id", use: show)
    }

    struct ItemForm: Content {
        var samenvatting: String?
        var classificatie: String?
        var doel: String?
        var vervalt: String?
        var rollen: [String]?
        var gebruikers: String?
    }

    struct Draft {
        let summary: String
        let classification: InformationClassification
        let purpose: String
        let expiresOn: CivilDate
        let roles: [Role]
        let userEmails: [String]
    }

    static let shareableRoles: [Role] = [.mayor, .municipalOfficer]

    /// Checks a new item; the messages name the form field (and are the API's error items).
    static func validate(summary: String?, classification: String?, purpose: String?, expiresOn: String?, roles: [String],
                         users: [String], today: CivilDate) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let summary = (summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty || summary.count > 4000 {
            errors.append(.init(field: "samenvatting", message: "Vat de informatie samen in 1 tot 4000 tekens; alleen wat nodig is."))
        }
        let classification = InformationClassification(rawValue: classification ?? "")
        if classification == nil { errors.append(.init(field: "classificatie", message: "Kies een rubricering.")) }
        let purpose = (purpose ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if purpose.isEmpty || purpose.count > 300 {
            errors.append(.init(field: "doel", message: "Noem het doel waarvoor u deelt, bijvoorbeeld 'motivering sluiting woning'."))
        }
        let expires = CivilDate(parsing: expiresOn ?? "")
        if expires == nil || expires! < today || expires! > today.adding(days: 366) {
            errors.append(.init(field: "vervalt", message: "De vervaldatum ligt tussen vandaag en een jaar vanaf nu (JJJJ-MM-DD)."))
        }
        let parsedRoles = roles.compactMap(Role.init(rawValue:)).filter(shareableRoles.contains)
        let emails = users.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        if parsedRoles.isEmpty && emails.isEmpty {
            errors.append(.init(field: "rollen", message: "Deel met ten minste één rol of persoon van de gemeente."))
        }
        guard errors.isEmpty, let classification, let expires else { return .invalid(errors) }
        return .valid(Draft(summary: summary, classification: classification, purpose: purpose, expiresOn: expires,
                              roles: parsedRoles, userEmails: emails))
    }

    /// Stores a checked item for `author` in `caseFile`; named users must belong to the case's municipality.
    static func store(_ draft: Draft, in caseFile: CaseFile, author: User, on req: Request) async throws -> Checked<InformationItem> {
        var found: [UUID] = []
        for email in draft.userEmails {
            guard let user = try await User.query(on: req.db).filter(\.$email == email).with(\.$organisation).first(),
                  AccessPolicy.canManageCases(user.actor, municipalityCode: caseFile.municipalityCode) else {
                return .invalid([.init(field: "gebruikers", message: "\(email) is geen OOV-medewerker of burgemeester van deze gemeente.")])
            }
            found.append(try user.requireID())
        }
        let recipients = found
        let item = InformationItem()
        item.$caseFile.id = try caseFile.requireID()
        item.municipalityCode = caseFile.municipalityCode
        item.authorID = try author.requireID()
        item.authorName = author.name
        item.authorRole = author.role.rawValue
        item.summary = draft.summary
        item.classification = draft.classification
        item.purpose = draft.purpose
        item.expiresOn = draft.expiresOn.iso
        item.createdAt = req.application.neig.clock.now()
        try await req.db.transaction { tx in
            try await item.create(on: tx)
            let itemID = try item.requireID()
            for role in draft.roles { try await InformationRecipient(itemID: itemID, role: role).create(on: tx) }
            for user in recipients { try await InformationRecipient(itemID: itemID, userID: user).create(on: tx) }
            try await CaseAccess.appendEvent(caseFile, actor: author.name, kind: "informatie",
                                             text: "\(author.role.label) deelde informatie (\(draft.classification.label.lowercased())), vervalt \(draft.expiresOn.dutch)",
                                             at: item.createdAt, on: tx)
            try await req.audit("info.share", object: "information", id: itemID.uuidString.lowercased(),
                                detail: "case=\(caseFile.id!.uuidString.lowercased()) roles=\(draft.roles.map(\.rawValue).joined(separator: ",")) users=\(recipients.count)",
                                on: tx)
        }
        return .valid(item)
    }

    static func create(_ req: Request) async throws -> Response {
        let (user, caseFile, level) = try await CaseAccess.find(req, roles: AccessPolicy.informationSharers)
        let form = try req.content.decode(ItemForm.self)
        let today = req.application.neig.clock.today
        let users = (form.gebruikers ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init)
        let result = validate(summary: form.samenvatting, classification: form.classificatie, purpose: form.doel, expiresOn: form.vervalt,
                              roles: form.rollen ?? [], users: users, today: today)
        let stored: Checked<InformationItem>
        switch result {
        case .invalid(let errors): stored = .invalid(errors)
        case .valid(let draft): stored = try await store(draft, in: caseFile, author: user, on: req)
        }
        if case .invalid(let errors) = stored {
            let view = try await CaseDetailModel.load(req, user: user, caseFile: caseFile, level: level, error: nil, formErrors: errors)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
        return try CaseActionRoutes.redirect(req, caseFile)
    }

    /// Opening an item needs a purpose (`?doel=`); without one the page asks for it and shows nothing.
    static func show(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        guard CaseAccess.viewers.contains(user.role) else {
            throw NEIGError.forbidden("Politie- en OM-informatie is alleen voor de mensen met wie zij is gedeeld.")
        }
        let today = req.application.neig.clock.today
        guard let id = req.parameters.get("id", as: UUID.self), let item = try await InformationItem.find(id, on: req.db),
              let visible = try await InformationService.filterVisible([item], user: user, today: today, on: req.db).first else {
            try await req.audit("info.read", object: "information", id: req.parameters.get("id"), result: "denied")
            throw NEIGError.notFound()
        }
        let purpose = req.query[String.self, at: "doel"].flatMap(InformationViewPurpose.init(rawValue:))
        var views: [InformationView] = []
        if let purpose { try await InformationService.recordViews(of: [item], by: user, purpose: purpose, on: req) }
        if item.authorID == user.id {
            views = try await InformationView.query(on: req.db).filter(\.$item.$id == id).sort(\.$viewedAt, .descending).all()
        }
        return HTMLPage(document: InformationItemView(context: req.pageContext, visible: visible, purpose: purpose, views: views).document)
    }
}
