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
    let suspended: [User]

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
            .p(.text(users.count.counted(.member))),
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
                        .if(canSuspend && user.id != viewerID, suspendForm(user))
                    )
                }),
            .if(canSuspend, suspendedList)
        )
    }

    /// Suspending asks for a reason first; the server refuses it without one.
    func suspendForm(_ user: User) -> Node<HTML.BodyContext> {
        let id = "reden-\(user.id!.uuidString.lowercased())"
        return .details(
            .summary(.text("Schorsen…"), .attribute(named: "aria-label", value: "\(user.name) schorsen")),
            .form(
                .method(.post), .action(SiteURL.suspendMember(id: user.id!).path),
                FormViews.csrf(context.csrfToken),
                .div(
                    .class("field"),
                    .label(.for(id), .text("Waarom schorst u \(user.name)?")),
                    .p(
                        .class("hint"), .id("hint-\(id)"),
                        .text("Het account kan daarna niet inloggen. U kunt de schorsing later opheffen.")),
                    .textarea(
                        .name("reden"), .id(id), .attribute(named: "rows", value: "2"),
                        .attribute(named: "required", value: "required"),
                        .attribute(named: "aria-describedby", value: "hint-\(id)"), .text(""))),
                .button(.type(.submit), .class("button secondary"), .text("\(user.name) schorsen"))))
    }

    var suspendedList: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "geschorst"),
            .h2(.id("geschorst"), .text("Geschorste leden")),
            suspended.isEmpty
                ? .p(.class("muted"), .text("Er zijn geen geschorste leden."))
                : .ul(
                    .class("results"),
                    .forEach(suspended) { user in
                        .li(
                            .h3(.text(user.name)),
                            .p(
                                .text(
                                    [
                                        user.$organisation.value?.name,
                                        user.suspendedAt.map {
                                            "geschorst op \(CaseDetailView.timeFormat.string(from: $0))"
                                        },
                                        user.suspendedBy.map { "door \($0)" }
                                    ].compactMap { $0 }.joined(separator: " · "))),
                            .unwrap(user.suspensionReason) { .p(.text("Reden: \($0)")) },
                            .form(
                                .method(.post), .action(SiteURL.reinstateMember(id: user.id!).path),
                                FormViews.csrf(context.csrfToken),
                                .button(
                                    .type(.submit), .class("button secondary small"),
                                    .text("Schorsing van \(user.name) opheffen"))))
                    }))
    }
}
