import Fluent
import NEIGCore
import Plot
import Vapor

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
                                    "Staat aan. U heeft nog \(unused) ongebruikte \(unused == 1 ? "herstelcode" : "herstelcodes")."
                                )),
                            .if(unused < 4, .p(.strong(.text("Maak nieuwe herstelcodes aan voordat ze op zijn.")))),
                            .form(
                                .method(.post), .action(SiteURL.accountRecoveryCodes.path),
                                .attribute(named: "novalidate"),
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
                    .method(.post), .action(SiteURL.accountProfile.path), .attribute(named: "novalidate"),
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
                    .method(.post), .action(SiteURL.accountCancel.path),
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
