import Foundation
import NEIGCore
import Plot

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
