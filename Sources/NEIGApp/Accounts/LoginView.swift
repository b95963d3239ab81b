import Fluent
import NEIGCore
import Plot
import Vapor

struct LoginView {
    let context: PageContext
    let email: String?
    let message: String?
    let returnTo: String?

    var document: HTML {
        let errors = message.map { [FormViews.FieldError(field: "email", message: $0)] } ?? []
        let action = SiteURL.login.path + SiteURL.query(returnTo.map { [("terug", $0)] } ?? [])
        return Layout(
            title: "Inloggen", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Inloggen")),
                .p(.class("lead"), .text("Log in met het e-mailadres en wachtwoord van uw neig-account.")),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(action),
                    .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "email", label: "E-mailadres", value: email, type: .email, required: true, errors: errors,
                        autocomplete: "username"),
                    FormViews.textField(
                        "password", label: "Wachtwoord", value: nil, type: .password, required: true, errors: [],
                        autocomplete: "current-password"),
                    .button(.type(.submit), .class("button"), .text("Inloggen"))
                ),
                .p(.a(.href(SiteURL.forgotPassword.path), .text("Wachtwoord vergeten?"))),
                .p(.text("Nog geen account? "), .a(.href(SiteURL.apply.path), .text("Lid worden van het netwerk")))
            )
        ).document
    }
}
