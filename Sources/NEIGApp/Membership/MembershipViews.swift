import Foundation
import NEIGCore
import Plot

enum MembershipParts {
    /// The membership pages are narrow: forms and short lists.
    static func page(_ title: String, _ context: PageContext, _ content: Node<HTML.BodyContext>) -> HTML {
        Layout(title: title, context: context, content: .div(.class("narrow"), content)).document
    }

    /// A code for a new partner organisation, from the name the applicant gave.
    static func suggestedCode(_ name: String) -> String {
        let slug = name.lowercased().folding(options: .diacriticInsensitive, locale: nil).map {
            $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-"
        }
        return String(String(slug).split(separator: "-").joined(separator: "-").prefix(60))
    }

}

struct ApplicationFormView {
    let context: PageContext
    let values: [String: String]
    let errors: [FormViews.FieldError]
    let registry: MunicipalityRegistry

    var document: HTML { MembershipParts.page("Aanmelden", context, content) }

    private var content: Node<HTML.BodyContext> {
        .div(
            .h1(.text("Aanmelden bij het Netwerk Explosies In Gemeenten")),
            .p(
                .class("lead"),
                .text(
                    "Voor professionals van gemeenten, politie, OM, woningcorporaties, ondernemers en onderzoek die werken aan de aanpak van aanslagen met explosieven."
                )),
            FormViews.errorSummary(errors),
            .form(
                .method(.post), .action(SiteURL.apply.path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.textField(
                    "naam", label: "Naam", value: values["naam"], required: true, errors: errors, autocomplete: "name"),
                FormViews.textField(
                    "email", label: "E-mailadres van uw werk", value: values["email"], type: .email, required: true,
                    errors: errors, autocomplete: "email"),
                FormViews.textField(
                    "organisatie", label: "Organisatie", value: values["organisatie"], required: true, errors: errors,
                    autocomplete: "organization"),
                FormViews.select(
                    "gemeente", label: "Gemeente (voor gemeentelijke medewerkers)",
                    options: [("", "Geen gemeente")] + registry.all.map { ($0.code, $0.displayName) },
                    selected: values["gemeente"], errors: errors, required: false),
                FormViews.select(
                    "rol", label: "Rol", options: AccessPolicy.applicableRoles.map { ($0.rawValue, $0.label) },
                    selected: values["rol"], errors: errors),
                FormViews.textArea(
                    "motivatie", label: "Waarom wilt u deelnemen?", value: values["motivatie"], errors: errors,
                    required: true),
                .button(.type(.submit), .class("button"), .text("Aanmelden"))
            )
        )
    }
}

struct SetPasswordView {
    let context: PageContext
    let token: String
    let error: String?

    var document: HTML { MembershipParts.page("Wachtwoord kiezen", context, content) }

    private var content: Node<HTML.BodyContext> {
        let errors = error.map { [FormViews.FieldError(field: "wachtwoord", message: $0)] } ?? []
        return .div(
            .h1(.text("Kies uw wachtwoord")),
            FormViews.errorSummary(errors),
            .form(
                .method(.post), .action(SiteURL.setPassword.path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken), .input(.type(.hidden), .name("token"), .value(token)),
                FormViews.textField(
                    "wachtwoord", label: "Nieuw wachtwoord", value: nil, type: .password,
                    hint: "Minstens \(PasswordPolicy.minimumLength) tekens; een zin van een paar woorden werkt goed.",
                    required: true,
                    errors: errors, autocomplete: "new-password"),
                .button(.type(.submit), .class("button"), .text("Wachtwoord opslaan"))
            )
        )
    }
}

struct ApplicationsView {
    let context: PageContext
    let pending: [MembershipApplication]
    let unconfirmed: Int
    let registry: MunicipalityRegistry

    var document: HTML { MembershipParts.page("Aanmeldingen", context, content) }

    private var content: Node<HTML.BodyContext> {
        .div(
            .h1(.text("Aanmeldingen")),
            .p(
                .text(
                    unconfirmed == 1
                        ? "1 aanmelding wacht nog op bevestiging van het e-mailadres."
                        : "\(unconfirmed) aanmeldingen wachten nog op bevestiging van het e-mailadres.")),
            pending.isEmpty
                ? .p(.text("Geen aanmeldingen om te beoordelen."))
                : .ul(
                    .class("results"),
                    .forEach(pending) { application in
                        let id = application.id!.uuidString.lowercased(), uuid = application.id!
                        return .li(
                            .h2(.text("\(application.name) — \(application.role.label)")),
                            .p(
                                .text(
                                    [
                                        application.organisation,
                                        application.municipalityCode.flatMap { registry[$0]?.displayName },
                                        application.email
                                    ]
                                    .compactMap { $0 }.joined(separator: " · "))),
                            .p(.class("prewrap"), .text(application.motivation)),
                            .form(
                                .method(.post), .action(SiteURL.membershipApplication(id: uuid).path),
                                FormViews.csrf(context.csrfToken),
                                .if(
                                    !application.role.fits(.municipality),
                                    .group(
                                        .div(
                                            .class("field"),
                                            .label(.for("org-\(id)"), .text("Organisatiecode (bestaand of nieuw)")),
                                            .p(
                                                .class("hint"), .id("org-hint-\(id)"),
                                                .text(
                                                    "Een \(application.role.label.lowercased()) hoort bij een \(application.role.organisationKinds.map(\.label).sorted().joined(separator: " of ")). "
                                                        + "De gemeente die de aanvrager noemde is het werkgebied, niet de organisatie."
                                                )),
                                            .input(
                                                .type(.text), .name("organisatiecode"), .id("org-\(id)"),
                                                .value(MembershipParts.suggestedCode(application.organisation)),
                                                .attribute(named: "aria-describedby", value: "org-hint-\(id)"))),
                                        .div(
                                            .class("field"),
                                            .label(.for("orgnaam-\(id)"), .text("Naam (bij een nieuwe organisatie)")),
                                            .input(
                                                .type(.text), .name("organisatienaam"), .id("orgnaam-\(id)"),
                                                .value(application.organisation)))
                                    )),
                                .div(
                                    .class("field"), .label(.for("reden-\(id)"), .text("Reden (bij afwijzen)")),
                                    .input(.type(.text), .name("reden"), .id("reden-\(id)"))),
                                .button(
                                    .type(.submit), .name("beslissing"), .value("goedkeuren"), .class("button"),
                                    .text("Goedkeuren")),
                                .text(" "),
                                .button(
                                    .type(.submit), .name("beslissing"), .value("afwijzen"), .class("button secondary"),
                                    .text("Afwijzen"))
                            )
                        )
                    })
        )
    }
}

struct MemberDirectoryView {
    let context: PageContext
    let users: [User]
    let profiles: [UUID: MemberProfile]
    let expertise: [UUID: String]
    let query: String
    let canSuspend: Bool
    let viewerID: UUID?

    var document: HTML { MembershipParts.page("Leden", context, content) }

    private var content: Node<HTML.BodyContext> {
        .div(
            .h1(.text("Leden van het netwerk")),
            .form(
                .method(.get), .action(SiteURL.members.path), .class("filters"),
                .attribute(named: "role", value: "search"),
                .div(
                    .class("field"), .label(.for("veld-q"), .text("Zoek op naam, organisatie of expertise")),
                    .input(.type(.search), .name("q"), .id("veld-q"), .value(query))),
                .button(.type(.submit), .class("button"), .text("Zoeken"))),
            .if(canSuspend, .p(.a(.href(SiteURL.membershipApplications.path), .text("Aanmeldingen beoordelen")))),
            .p(.text("\(users.count) leden")),
            .ul(
                .class("results"),
                .forEach(users) { user in
                    let profile = profiles[user.id!], keywords = expertise[user.id!] ?? ""
                    return .li(
                        .h2(.text(user.name)),
                        .p(
                            .text(
                                [
                                    user.$organisation.value?.name, user.role.label,
                                    keywords.isEmpty ? nil : "expertise: \(keywords)"
                                ]
                                .compactMap { $0 }.joined(separator: " · "))),
                        .if(profile?.showEmail == true, .p(.a(.href("mailto:\(user.email)"), .text(user.email)))),
                        .if(profile?.showPhone == true, .unwrap(profile?.phone) { .p(.text("Telefoon: \($0)")) }),
                        .if(
                            canSuspend && user.id != viewerID,
                            .form(
                                .method(.post), .action(SiteURL.suspendMember(id: user.id!).path),
                                FormViews.csrf(context.csrfToken),
                                .button(
                                    .type(.submit), .class("button secondary small"),
                                    .attribute(named: "aria-label", value: "\(user.name) schorsen"), .text("Schorsen")))
                        )
                    )
                })
        )
    }
}

/// What an applicant reads after applying and after following the confirmation link.
struct MembershipNoticeView {
    enum Notice {
        case confirmEmail(sentTo: String)
        case linkExpired
        case confirmed
    }

    let context: PageContext
    let notice: Notice

    var document: HTML {
        switch notice {
        case .confirmEmail(let email):
            MembershipParts.page(
                "Bevestig uw e-mailadres", context,
                .div(
                    .h1(.text("Bevestig uw e-mailadres")),
                    .p(
                        .text(
                            "We hebben een e-mail gestuurd naar \(email). Klik binnen 48 uur op de link daarin; daarna beoordeelt een netwerkcoördinator uw aanmelding."
                        ))))
        case .linkExpired:
            MembershipParts.page(
                "Link ongeldig", context,
                .div(
                    .h1(.text("Deze link werkt niet meer")),
                    .p(
                        .text("De link is verlopen of al gebruikt. "),
                        .a(.href(SiteURL.apply.path), .text("Meld u opnieuw aan")), .text("."))))
        case .confirmed:
            MembershipParts.page(
                "Aanmelding bevestigd", context,
                .div(
                    .h1(.text("Dank u, uw e-mailadres is bevestigd")),
                    .p(.text("Een netwerkcoördinator beoordeelt uw aanmelding. U krijgt bericht per e-mail."))))
        }
    }
}
