import Fluent
import NEIGCore
import Plot
import Vapor

/// "Mijn account": who you are in neig, the state of your second factor, and new recovery codes when the
/// old ones run out (which asks for a current code first, so a left-open browser cannot take them).
enum AccountPageRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("account", use: show)
        routes.post("account", "herstelcodes", use: renewRecoveryCodes)
    }

    static func show(_ req: Request) async throws -> Response {
        try await page(req, error: nil, status: .ok)
    }

    static func page(_ req: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let unused =
            user.totpSecret == nil
            ? nil : try await SecondFactor.unusedRecoveryCodes(of: try user.requireID(), on: req.db)
        let profile = try await MemberProfile.query(on: req.db).with(\.$expertiseRows).filter(
            \.$userID == user.requireID()
        ).first()
        let view = AccountView(
            context: req.pageContext, user: user, unusedRecoveryCodes: unused, error: error, profile: profile,
            expertise: try profile?.expertise)
        return try await HTMLPage(document: view.document, status: status).encodeResponse(for: req)
    }

    static func renewRecoveryCodes(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let secret = user.totpSecret else {
            return try await page(
                req, error: "Tweestapsverificatie staat voor uw account niet aan.", status: .unprocessableEntity)
        }
        let code = (try req.content.decode(SecondFactorRoutes.CodeForm.self).code ?? "")
        let now = req.application.neig.clock.now()
        let userID = try user.requireID()
        try await Lockout.limitCodeAttempts(user, on: req)
        if Lockout.isLocked(user, now: now) { return try await Lockout.endSession(req) }
        guard
            let counter = SecondFactor.acceptedCounter(
                code: code, secret: secret, usedCounter: user.totpUsedCounter, now: now)
        else {
            try await req.audit(
                "recovery-codes.renew", object: "user", id: userID.uuidString.lowercased(), result: "denied",
                detail: "wrong code")
            if try await Lockout.recordFailure(user, on: req) { return try await Lockout.endSession(req) }
            return try await page(
                req, error: "De code klopt niet of is al gebruikt. Wacht op de volgende code uit de app.",
                status: .unprocessableEntity)
        }
        user.totpUsedCounter = counter
        try await user.save(on: req.db)
        let codes = try await SecondFactor.replaceRecoveryCodes(of: userID, on: req.db)
        try await req.audit("recovery-codes.renew", object: "user", id: userID.uuidString.lowercased())
        let view = RecoveryCodesView(
            context: req.pageContext, codes: codes, continueTo: SiteURL.account.path, afterEnrolment: false)
        return try await HTMLPage(document: view.document).encodeResponse(for: req)
    }
}

struct AccountView {
    let context: PageContext
    let user: User
    let unusedRecoveryCodes: Int?
    let error: String?
    var profile: MemberProfile? = nil
    var expertise: String? = nil

    var document: HTML {
        let errors = error.map { [FormViews.FieldError(field: "code", message: $0)] } ?? []
        return Layout(
            title: "Mijn account", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Mijn account")),
                FormViews.errorSummary(errors),
                .dl(
                    .class("facts"),
                    .dt(.text("Naam")), .dd(.text(user.name)),
                    .dt(.text("E-mailadres")), .dd(.text(user.email)),
                    .dt(.text("Rol")), .dd(.text(user.role.label)),
                    .dt(.text("Organisatie")), .dd(.text(user.$organisation.value?.name ?? "—"))
                ),
                .h2(.text("Tweestapsverificatie")),
                .unwrap(
                    unusedRecoveryCodes,
                    { unused in
                        .group(
                            .p(
                                .text(
                                    "Staat aan. U heeft nog \(unused) ongebruikte herstelcode\(unused == 1 ? "" : "s")."
                                )),
                            .if(unused < 4, .p(.strong(.text("Maak nieuwe herstelcodes aan voordat ze op zijn.")))),
                            .form(
                                .method(.post), .action("/account/herstelcodes"), .attribute(named: "novalidate"),
                                FormViews.csrf(context.csrfToken),
                                FormViews.textField(
                                    "code", label: "Code uit de app", value: nil,
                                    hint:
                                        "Nieuwe herstelcodes vervangen alle oude. Bevestig met de huidige code uit uw app.",
                                    required: true, errors: errors, autocomplete: "one-time-code"),
                                .button(.type(.submit), .class("button"), .text("Nieuwe herstelcodes maken"))
                            )
                        )
                    },
                    else: .p(
                        .text(
                            user.role.requiresSecondFactor
                                ? "Nog niet ingesteld; neig vraagt erom bij de volgende keer inloggen."
                                : "Niet vereist voor uw rol."))),
                .h2(.text("Uw gegevens in de ledenlijst")),
                .form(
                    .method(.post), .action("/account/profiel"), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "expertise", label: "Expertise", value: expertise,
                        hint: "Trefwoorden met komma's, bijvoorbeeld: nazorg, cameratoezicht.",
                        errors: []),
                    FormViews.textField(
                        "telefoon", label: "Telefoonnummer", value: profile?.phone, type: .tel, errors: [],
                        autocomplete: "tel"),
                    .fieldset(
                        .element(named: "legend", text: "Wat andere leden zien"),
                        FormViews.checkbox(
                            "toon_email", id: "toon_email", value: "ja", label: "Mijn e-mailadres",
                            checked: profile?.showEmail == true),
                        FormViews.checkbox(
                            "toon_telefoon", id: "toon_telefoon", value: "ja", label: "Mijn telefoonnummer",
                            checked: profile?.showPhone == true)
                    ),
                    .button(.type(.submit), .class("button"), .text("Opslaan"))
                ),
                .h2(.text("Lidmaatschap opzeggen")),
                .form(
                    .method(.post), .action("/account/opzeggen"),
                    FormViews.csrf(context.csrfToken),
                    .p(
                        .text(
                            "U verlaat het netwerk en kunt daarna niet meer inloggen. Wat u deelde blijft in de kennisbank."
                        )),
                    .button(.type(.submit), .class("button secondary"), .text("Lidmaatschap opzeggen"))
                )
            )
        ).document

    }
}
