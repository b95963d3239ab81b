import Foundation
import NEIGCore
import Plot

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
