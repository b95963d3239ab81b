import Foundation
import NEIGCore
import Plot

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
