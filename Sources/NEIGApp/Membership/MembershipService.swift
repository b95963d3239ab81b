import Fluent
import Foundation
import NEIGCore
import Vapor

/// Joining the network: apply, confirm the e-mail address, approval or rejection by a coordinator, then the new
/// member sets a password through a single-use link. E-mail goes through the outbox.
enum MembershipService {
    static let confirmationHours = 48.0
    static let passwordLinkDays = 7.0

    struct Draft {
        let name: String
        let email: String
        let organisation: String
        let municipalityCode: String?
        let role: Role
        let motivation: String
    }

    static func validate(
        name: String?, email: String?, organisation: String?, municipality: String?, role: String?, motivation: String?,
        registry: MunicipalityRegistry
    ) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let name = (name ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 100 { errors.append(.init(field: "naam", message: "Vul uw naam in.")) }
        let email = (email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if email.count > 200 || email.range(of: #"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"#, options: .regularExpression) == nil {
            errors.append(.init(field: "email", message: "Vul een geldig e-mailadres in."))
        }
        let organisation = (organisation ?? "").trimmingCharacters(in: .whitespaces)
        if organisation.isEmpty || organisation.count > 200 {
            errors.append(.init(field: "organisatie", message: "Noem uw organisatie."))
        }
        let code = (municipality ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        if !code.isEmpty && !registry.contains(code) {
            errors.append(.init(field: "gemeente", message: "Kies een gemeente uit de lijst."))
        }
        let role = Role(rawValue: role ?? "").flatMap { AccessPolicy.applicableRoles.contains($0) ? $0 : nil }
        if role == nil { errors.append(.init(field: "rol", message: "Kies uw rol.")) }
        if role == .municipalOfficer && code.isEmpty {
            errors.append(.init(field: "gemeente", message: "Gemeentelijke medewerkers kiezen hun gemeente."))
        }
        let motivation = (motivation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if motivation.count < 10 || motivation.count > 2000 {
            errors.append(.init(field: "motivatie", message: "Vertel in 10 tot 2000 tekens waarom u wilt deelnemen."))
        }
        guard errors.isEmpty, let role else { return .invalid(errors) }
        return .valid(
            Draft(
                name: name, email: email, organisation: organisation, municipalityCode: code.isEmpty ? nil : code,
                role: role,
                motivation: motivation))
    }

    /// Stores the application and mails the confirmation link. An address that already has an account gets a
    /// reminder instead, so the form does not reveal who is a member.
    static func apply(_ draft: Draft, context: ServiceContext) async throws {
        let now = context.clock.now(), base = context.publicURL
        let token = Secrets.randomToken()
        try await context.db.transaction { tx in
            if try await User.query(on: tx).filter(\.$email == draft.email).first() != nil {
                try await OutboxMessage(
                    recipient: draft.email, subject: "Uw aanmelding bij neig",
                    body:
                        "U heeft al een account bij neig. Inloggen: \(base)\(SiteURL.login.path)\nWachtwoord vergeten? Vraag een nieuw aan: \(base)\(SiteURL.forgotPassword.path)",
                    now: now
                ).create(on: tx)
                try await context.audit(
                    "membership.apply", object: "membership_application", result: "denied", detail: "existing account",
                    on: tx)
                return
            }
            let application = MembershipApplication()
            application.name = draft.name
            application.email = draft.email
            application.organisation = draft.organisation
            application.municipalityCode = draft.municipalityCode
            application.role = draft.role
            application.motivation = draft.motivation
            application.status = MembershipApplication.Status.unconfirmed
            application.tokenHash = Secrets.hash(token)
            application.createdAt = now
            try await application.create(on: tx)
            try await OutboxMessage(
                recipient: draft.email, subject: "Bevestig uw aanmelding bij het Netwerk Explosies In Gemeenten",
                body:
                    "Beste \(draft.name),\n\nBevestig uw e-mailadres binnen 48 uur met deze link:\n\(base)\(SiteURL.confirmApplication(token: token).path)\n\n"
                    + "Daarna beoordeelt een netwerkcoördinator uw aanmelding.", now: now
            ).create(on: tx)
            try await context.audit(
                "membership.apply", object: "membership_application", id: application.id?.uuidString.lowercased(),
                on: tx)
        }
    }

    static func confirm(token: String, context: ServiceContext) async throws -> Bool {
        let now = context.clock.now()
        guard
            let application = try await MembershipApplication.query(on: context.db).filter(
                \.$tokenHash == Secrets.hash(token)
            ).first(),
            application.status == .unconfirmed, now.timeIntervalSince(application.createdAt) < confirmationHours * 3600
        else {
            try await context.audit("membership.confirm", object: "membership_application", result: "denied")
            return false
        }
        application.status = MembershipApplication.Status.confirmed
        application.confirmedAt = now
        // The token has done its work; a new random hash makes the link unusable.
        application.tokenHash = Secrets.hash(Secrets.randomToken())
        try await context.db.transaction { tx in
            try await application.save(on: tx)
            try await context.audit(
                "membership.confirm", object: "membership_application", id: application.id?.uuidString.lowercased(),
                on: tx)
        }
        return true
    }

    /// The organisation an approved applicant joins. Municipal roles join the municipality they named; every other
    /// role joins the partner organisation the coordinator picks or creates by code, and the municipality the
    /// applicant named is only their working area. A role that does not fit the organisation's kind is refused.
    static func organisation(
        for application: MembershipApplication, code: String?, name: String?, on db: any Database,
        registry: MunicipalityRegistry
    ) async throws -> Organisation {
        let role = application.role
        let typed = code?.trimmingCharacters(in: .whitespaces)
        let chosen =
            role.fits(.municipality)
            ? application.municipalityCode
            : typed.map { Municipality.isValidCode($0.uppercased()) ? $0.uppercased() : $0.lowercased() }
        guard let chosen, !chosen.isEmpty else {
            throw NEIGError.unprocessable(
                role.fits(.municipality)
                    ? "De aanvrager heeft geen gemeente gekozen."
                    : "Kies of maak de organisatie van de aanvrager (code).",
                items: [.init(column: "organisatiecode", reason: "verplicht")])
        }
        do {
            let name = (name ?? "").trimmingCharacters(in: .whitespaces)
            return try await Organisation.forAccount(
                code: chosen, role: role,
                name: name.isEmpty ? application.organisation : String(name.prefix(200)), registry: registry, on: db)
        } catch let mismatch as RoleMismatch {
            throw NEIGError.unprocessable(
                mismatch.dutch, items: [.init(column: "organisatiecode", reason: mismatch.description)])
        } catch let error as ConfigurationError {
            throw NEIGError.unprocessable(
                "De organisatie kan zo niet: \(error.description).",
                items: [.init(column: "organisatiecode", reason: error.description)])
        }
    }

    /// Approval creates the account in the right organisation and role and mails a link to set a password.
    static func approve(
        _ application: MembershipApplication, organisationCode: String?, organisationName: String?,
        by coordinator: User, context: ServiceContext
    ) async throws {
        let now = context.clock.now(), base = context.publicURL
        let token = Secrets.randomToken()
        let registry = context.municipalities
        let unusable = try await AccountService.hashPassword(
            Secrets.randomToken(), cost: context.passwordHashCost, on: context.application)
        try await context.db.transaction { tx in
            let organisation = try await organisation(
                for: application, code: organisationCode, name: organisationName, on: tx, registry: registry)
            let user = User(
                email: application.email, name: application.name, role: application.role,
                organisationID: try organisation.requireID(),
                passwordHash: unusable)
            if !application.role.fits(.municipality) { user.workingArea = application.municipalityCode }
            try await user.create(on: tx)
            let link = PasswordToken()
            link.$user.id = try user.requireID()
            link.tokenHash = Secrets.hash(token)
            link.expiresAt = now.addingTimeInterval(passwordLinkDays * 86_400)
            try await link.create(on: tx)
            application.status = MembershipApplication.Status.approved
            application.decidedBy = coordinator.name
            try await application.save(on: tx)
            try await OutboxMessage(
                recipient: application.email, subject: "Welkom bij het Netwerk Explosies In Gemeenten",
                body: "Beste \(application.name),\n\nUw aanmelding is goedgekeurd. Kies binnen 7 dagen uw wachtwoord:\n"
                    + "\(base)\(SiteURL.setPasswordWithToken(token).path)\n", now: now
            ).create(on: tx)
            try await context.audit(
                "membership.approve", object: "membership_application", id: application.id?.uuidString.lowercased(),
                detail:
                    "role=\(application.role.rawValue) organisation=\(organisation.code) user=\(Audit.pseudonym(user.id!.uuidString.lowercased()))",
                on: tx)
        }
    }

    static func reject(
        _ application: MembershipApplication, reason: String, by coordinator: User, context: ServiceContext
    )
        async throws
    {
        let now = context.clock.now()
        application.status = MembershipApplication.Status.rejected
        application.decidedBy = coordinator.name
        application.reason = reason
        try await context.db.transaction { tx in
            try await application.save(on: tx)
            try await OutboxMessage(
                recipient: application.email, subject: "Uw aanmelding bij het Netwerk Explosies In Gemeenten",
                body: "Beste \(application.name),\n\nUw aanmelding is niet goedgekeurd. Reden: \(reason)\n", now: now
            ).create(on: tx)
            try await context.audit(
                "membership.reject", object: "membership_application", id: application.id?.uuidString.lowercased(),
                on: tx)
        }
    }

    static let resetLinkLifetime: TimeInterval = 3600
    static let resetInterval: TimeInterval = 300

    /// A single-use link, valid for one hour, to the address of an active account; nothing for any other address.
    /// Earlier unused reset links of the account stop working, so only the newest e-mail counts.
    static func sendPasswordReset(to email: String, context: ServiceContext) async throws {
        let now = context.clock.now()
        guard let user = try await User.query(on: context.db).filter(\.$email == email.lowercased()).first(),
            user.isActive, let userID = user.id
        else {
            try await context.audit("user.password-reset", object: "user", result: "unknown-address")
            return
        }
        // One e-mail per five minutes per account: a stranger cannot flood the inbox or keep voiding the link.
        let recent = try await PasswordToken.query(on: context.db).filter(\.$user.$id == userID)
            .filter(\.$usedAt == nil).filter(\.$expiresAt > now.addingTimeInterval(resetLinkLifetime - resetInterval))
            .filter(\.$expiresAt <= now.addingTimeInterval(resetLinkLifetime)).count()
        guard recent == 0 else {
            try await context.audit(
                "user.password-reset", object: "user", id: userID.uuidString.lowercased(), result: "throttled")
            return
        }
        let token = Secrets.randomToken()
        try await context.db.transaction { tx in
            try await PasswordToken.query(on: tx).filter(\.$user.$id == userID).filter(\.$usedAt == nil)
                .set(\.$usedAt, to: now).update()
            let link = PasswordToken()
            link.$user.id = userID
            link.tokenHash = Secrets.hash(token)
            link.expiresAt = now.addingTimeInterval(resetLinkLifetime)
            try await link.create(on: tx)
            try await OutboxMessage(
                recipient: user.email, subject: "neig: een nieuw wachtwoord kiezen",
                body: "Beste \(user.name),\n\nIemand, hopelijk u, vroeg om een nieuw wachtwoord voor neig. "
                    + "Kies het binnen een uur via deze link; hij werkt één keer:\n"
                    + "\(context.publicURL)\(SiteURL.setPasswordWithToken(token).path)\n\n"
                    + "Vroeg u dit niet? Dan kunt u dit bericht negeren: uw wachtwoord blijft zoals het was.\n",
                now: now
            ).create(on: tx)
            try await context.audit(
                "user.password-reset", object: "user", id: userID.uuidString.lowercased(), on: tx)
        }
    }

    /// Sets the password of a single-use, unexpired link; returns the problem in Dutch, or nil.
    static func setPassword(token: String, password: String, context: ServiceContext) async throws -> String? {
        let now = context.clock.now()
        guard
            let link = try await PasswordToken.query(on: context.db).filter(\.$tokenHash == Secrets.hash(token))
                .first(),
            link.usedAt == nil,
            link.expiresAt > now, let user = try await User.find(link.$user.id, on: context.db)
        else {
            return
                "Deze link is verlopen of al gebruikt. Vraag een nieuwe aan via ‘Wachtwoord vergeten’ op de inlogpagina."
        }
        if let problem = PasswordPolicy.problem(password, email: user.email) { return problem }
        user.passwordHash = try await AccountService.hashPassword(
            password, cost: context.passwordHashCost, on: context.application)
        let linkID = try link.requireID()
        let used = try await context.db.transaction { tx -> Bool in
            // Taken in the statement that checks it, so two submits of one link cannot both set a password.
            let taken = try await tx.sql.raw(
                "UPDATE password_tokens SET used_at = \(bind: now) WHERE id = \(bind: linkID) AND used_at IS NULL RETURNING id"
            ).all()
            guard !taken.isEmpty else { return false }
            try await user.save(on: tx)
            // Whoever was logged in with the old password is logged out.
            try await UserSession.query(on: tx).filter(\.$user.$id == link.$user.id).delete()
            try await context.audit("user.set-password", object: "user", id: user.id?.uuidString.lowercased(), on: tx)
            return true
        }
        return used
            ? nil
            : "Deze link is verlopen of al gebruikt. Vraag een nieuwe aan via ‘Wachtwoord vergeten’ op de inlogpagina."
    }
}
