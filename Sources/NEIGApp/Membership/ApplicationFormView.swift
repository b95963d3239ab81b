import Foundation
import NEIGCore
import Plot

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
