import Foundation
import NEIGCore
import Plot

/// "Wachtwoord vergeten": ask for a link, and the same answer afterwards whether or not the address is known.
struct ForgotPasswordView {
    let context: PageContext
    let sent: Bool
    let errors: [FormViews.FieldError]

    var document: HTML { MembershipParts.page("Wachtwoord vergeten", context, sent ? answer : form) }

    private var form: Node<HTML.BodyContext> {
        .div(
            .h1(.text("Wachtwoord vergeten")),
            .p(
                .text(
                    "Vul het e-mailadres van uw account in. U krijgt een e-mail met een link om een nieuw wachtwoord "
                        + "te kiezen; de link werkt één keer en een uur lang. Uw tweede stap (de app) blijft nodig.")),
            FormViews.errorSummary(errors),
            .form(
                .method(.post), .action(SiteURL.forgotPassword.path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.textField(
                    "email", label: "E-mailadres", value: nil, type: .email, required: true, errors: errors,
                    autocomplete: "username"),
                .button(.type(.submit), .class("button"), .text("Stuur mij een link"))),
            .p(.a(.href(SiteURL.login.path), .text("Terug naar inloggen"))))
    }

    private var answer: Node<HTML.BodyContext> {
        .div(
            .h1(.text("Kijk in uw e-mail")),
            .p(
                .class("notice"), .attribute(named: "role", value: "status"),
                .text(
                    "Als dit adres bij een account hoort, staat er binnen enkele minuten een e-mail met een link in uw "
                        + "inbox. De link werkt één keer en een uur lang. Niets ontvangen? Kijk bij de ongewenste e-mail, "
                        + "of vraag een nieuwe link aan.")),
            .p(.a(.href(SiteURL.forgotPassword.path), .text("Nog een link aanvragen"))),
            .p(.a(.href(SiteURL.login.path), .text("Naar inloggen"))))
    }
}
