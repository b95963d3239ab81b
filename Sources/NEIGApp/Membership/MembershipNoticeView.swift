import Foundation
import NEIGCore
import Plot

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
