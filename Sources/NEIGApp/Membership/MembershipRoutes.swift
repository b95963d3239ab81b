import Fluent
import NEIGCore
import Plot
import Vapor

/// Joining, the member directory, and the coordinators' decisions on applications and suspensions.
enum MembershipRoutes {
    static func registerPublic(_ routes: any RoutesBuilder) {
        routes.get(.apply, use: applyForm)
        routes.post(.apply, use: apply)
        routes.get(.confirmApplication(token: ""), use: confirm)
        routes.get(.setPassword, use: passwordForm)
        routes.post(.setPassword, use: setPassword)
        routes.get(.forgotPassword, use: forgotForm)
        routes.post(.forgotPassword, use: forgot)
    }

    static func forgotForm(_ req: Request) async throws -> HTMLPage {
        HTMLPage(document: ForgotPasswordView(context: req.pageContext, sent: false, errors: []).document)
    }

    struct ForgotForm: Content {
        var email: String?
    }

    /// The same answer whether or not the address has an account, so the form cannot be used to find members.
    static func forgot(_ req: Request) async throws -> HTMLPage {
        let email = (try req.content.decode(ForgotForm.self).email ?? "").trimmingCharacters(in: .whitespaces)
        guard email.contains("@"), email.count <= 254 else {
            return HTMLPage(
                document: ForgotPasswordView(
                    context: req.pageContext, sent: false,
                    errors: [.init(field: "email", message: "Vul het e-mailadres van uw account in.")]
                ).document, status: .unprocessableEntity)
        }
        try await MembershipService.sendPasswordReset(to: email, context: req.context)
        return HTMLPage(document: ForgotPasswordView(context: req.pageContext, sent: true, errors: []).document)
    }

    static func registerMembers(_ routes: any RoutesBuilder) {
        routes.get(.members, use: directory)
        routes.get(.membershipApplications, use: applications)
        routes.post(.membershipApplication(id: .key), use: decide)
        routes.post(.suspendMember(id: .key), use: suspend)
        routes.post(.reinstateMember(id: .key), use: reinstate)
        routes.post(.accountProfile, use: saveProfile)
        routes.post(.accountCancel, use: leave)
    }

    static func applyForm(_ req: Request) async throws -> HTMLPage {
        HTMLPage(
            document: ApplicationFormView(
                context: req.pageContext, values: ["rol": Role.municipalOfficer.rawValue], errors: [],
                registry: req.application.neig.municipalities
            ).document)
    }

    struct ApplyForm: Content {
        var naam: String?
        var email: String?
        var organisatie: String?
        var gemeente: String?
        var rol: String?
        var motivatie: String?
    }

    static func apply(_ req: Request) async throws -> HTMLPage {
        let form = try req.content.decode(ApplyForm.self)
        switch MembershipService.validate(
            name: form.naam, email: form.email, organisation: form.organisatie, municipality: form.gemeente,
            role: form.rol, motivation: form.motivatie, registry: req.application.neig.municipalities)
        {
        case .invalid(let errors):
            let values = [
                "naam": form.naam, "email": form.email, "organisatie": form.organisatie, "gemeente": form.gemeente,
                "rol": form.rol,
                "motivatie": form.motivatie
            ].compactMapValues { $0 }
            return HTMLPage(
                document: ApplicationFormView(
                    context: req.pageContext, values: values, errors: errors,
                    registry: req.application.neig.municipalities
                ).document, status: .unprocessableEntity)
        case .valid(let draft):
            try await MembershipService.apply(draft, context: req.context)
            return HTMLPage(
                document: MembershipNoticeView(context: req.pageContext, notice: .confirmEmail(sentTo: draft.email))
                    .document)
        }
    }

    static func confirm(_ req: Request) async throws -> HTMLPage {
        let token = req.query[String.self, at: "token"] ?? ""
        guard try await MembershipService.confirm(token: token, context: req.context) else {
            return HTMLPage(
                document: MembershipNoticeView(context: req.pageContext, notice: .linkExpired).document, status: .gone)
        }
        return HTMLPage(document: MembershipNoticeView(context: req.pageContext, notice: .confirmed).document)
    }

    static func passwordForm(_ req: Request) async throws -> HTMLPage {
        HTMLPage(
            document: SetPasswordView(
                context: req.pageContext, token: req.query[String.self, at: "token"] ?? "", error: nil
            )
            .document)
    }

    struct PasswordForm: Content {
        var token: String?
        var wachtwoord: String?
    }

    static func setPassword(_ req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        if let problem = try await MembershipService.setPassword(
            token: form.token ?? "", password: form.wachtwoord ?? "", context: req.context)
        {
            return try await HTMLPage(
                document: SetPasswordView(context: req.pageContext, token: form.token ?? "", error: problem).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        return req.redirect(to: SiteURL.login.path, redirectType: .normal)
    }

    static func applications(_ req: Request) async throws -> HTMLPage {
        _ = try req.requireUser()
        let pending = try await MembershipApplication.query(on: req.db).filter(
            \.$status == MembershipApplication.Status.confirmed
        )
        .sort(\.$createdAt).all()
        let unconfirmed = try await MembershipApplication.query(on: req.db).filter(
            \.$status == MembershipApplication.Status.unconfirmed
        ).count()
        return HTMLPage(
            document: ApplicationsView(
                context: req.pageContext, pending: pending, unconfirmed: unconfirmed,
                registry: req.application.neig.municipalities
            ).document)
    }

    struct DecisionForm: Content {
        var beslissing: String?
        var reden: String?
        var organisatiecode: String?
        var organisatienaam: String?
    }

    static func decide(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self),
            let application = try await MembershipApplication.find(id, on: req.db),
            application.status == .confirmed
        else { throw NEIGError.notFound("Deze aanmelding bestaat niet of is al beoordeeld.") }
        let form = try req.content.decode(DecisionForm.self)
        let reason = (form.reden ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch form.beslissing {
        case "goedkeuren":
            if try await User.query(on: req.db).filter(\.$email == application.email).first() != nil {
                throw NEIGError.unprocessable("Er bestaat al een account met dit e-mailadres.", items: [])
            }
            try await MembershipService.approve(
                application, organisationCode: form.organisatiecode, organisationName: form.organisatienaam,
                by: user, context: req.context)
        case "afwijzen" where !reason.isEmpty && reason.count <= 1000:
            try await MembershipService.reject(application, reason: reason, by: user, context: req.context)
        default:
            throw NEIGError.unprocessable(
                "Kies goedkeuren, of afwijzen met een reden.",
                items: [.init(column: "reden", reason: "verplicht bij afwijzen")])
        }
        return try await req.redirect(
            to: SiteURL.membershipApplications.path,
            saying: form.beslissing == "goedkeuren"
                ? "\(application.name) is goedgekeurd en krijgt een e-mail om een wachtwoord te kiezen."
                : "De aanmelding van \(application.name) is afgewezen; de reden is per e-mail verstuurd.")
    }

    static func suspend(_ req: Request) async throws -> Response {
        let coordinator = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self), let member = try await User.find(id, on: req.db),
            member.id != coordinator.id
        else {
            throw NEIGError.notFound()
        }
        let reason = try req.content.decode(SuspendForm.self).reden
        try await MembershipService.suspend(member, reason: reason, context: req.context)
        return try await req.redirect(
            to: SiteURL.members.path + "#geschorst",
            saying: "\(member.name) is geschorst en kan niet meer inloggen. U kunt de schorsing hieronder opheffen.")
    }

    struct SuspendForm: Content { var reden: String? }

    static func reinstate(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let member = try await User.find(id, on: req.db)
        else { throw NEIGError.notFound() }
        try await MembershipService.reinstate(member, context: req.context)
        return try await req.redirect(
            to: SiteURL.members.path, saying: "De schorsing is opgeheven: \(member.name) kan weer inloggen.")
    }

    static func directory(_ req: Request) async throws -> HTMLPage {
        let viewer = try req.requireUser()
        let query = String((req.query[String.self, at: "q"] ?? "").prefix(100)).lowercased()
        let users = try await User.query(on: req.db).with(\.$organisation).sort(\.$name).all().filter(\.isActive)
        let profiles = Dictionary(
            try await MemberProfile.query(on: req.db).with(\.$expertiseRows).all().map { ($0.$user.id, $0) },
            uniquingKeysWith: { first, _ in first })
        let expertise = try profiles.mapValues { try $0.expertise }
        let rows = users.filter { user in
            query.isEmpty
                || [user.name, user.$organisation.value?.name ?? "", expertise[user.id!] ?? ""].contains {
                    $0.lowercased().contains(query)
                }
        }
        let canSuspend = viewer.role == .coordinator
        let suspended =
            canSuspend
            ? try await User.query(on: req.db).with(\.$organisation).filter(\.$status == AccountStatus.suspended)
                .sort(\.$name).all() : []
        return HTMLPage(
            document: MemberDirectoryView(
                context: req.pageContext, users: rows, profiles: profiles, expertise: expertise, query: query,
                canSuspend: canSuspend, viewerID: viewer.id, suspended: suspended
            ).document)
    }

    struct ProfileForm: Content {
        var expertise: String?
        var telefoon: String?
        var toon_email: String?
        var toon_telefoon: String?
    }

    static func saveProfile(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ProfileForm.self)
        var seen = Set<String>()
        let keywords = (form.expertise ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .prefix(10).map { String($0.prefix(40)) }.filter { seen.insert($0.lowercased()).inserted }
        let phone = (form.telefoon ?? "").filter { $0.isNumber || "+ -()".contains($0) }
        try await MembershipService.saveProfile(
            of: user, expertise: Array(keywords), phone: phone.isEmpty ? nil : String(phone.prefix(20)),
            showEmail: form.toon_email == "ja", showPhone: form.toon_telefoon == "ja", context: req.context)
        return try await req.redirect(to: SiteURL.account.path, saying: "Uw profiel is opgeslagen.")
    }

    static func leave(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await MembershipService.leave(user, context: req.context)
        let response = req.redirect(to: SiteURL.home.path, redirectType: .normal)
        response.cookies[SessionPolicy.cookieName] = .expired
        return response
    }
}
