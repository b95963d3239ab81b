import Foundation
import NEIGCore
import NEIGFormats
import Plot

struct NotificationListView {
    let context: PageContext
    let items: [MemberNotification]

    var document: HTML {
        let unread = items.filter { $0.readAt == nil }.count
        return Layout(
            title: "Notificaties", context: context,
            content: .div(
                .h1(.text("Notificaties")),
                .p(
                    .attribute(named: "role", value: "status"),
                    .text(
                        unread == 0
                            ? "Geen ongelezen notificaties."
                            : "\(unread.dutch) ongelezen \(DutchNoun.notification.form(for: unread)).")),
                .p(.a(.href(SiteURL.followTopics.path), .text("Onderwerpen en groepen volgen, e-mailoverzicht"))),
                .if(
                    unread > 0,
                    .form(
                        .method(.post), .action(SiteURL.notificationsRead.path), FormViews.csrf(context.csrfToken),
                        .button(.type(.submit), .class("button secondary"), .text("Alles als gelezen markeren")))),
                items.isEmpty
                    ? .p(
                        .text(
                            "U heeft nog geen notificaties. Volg onderwerpen om te horen over nieuwe vragen en stukken."
                        ))
                    : .ul(
                        .class("results"),
                        .forEach(items) { item in
                            .li(
                                .class(item.readAt == nil ? "unread" : "read"),
                                .a(
                                    .href(SiteURL.notification(id: item.id!).path),
                                    .if(item.readAt == nil, .strong(.text(item.title)), else: .text(item.title))),
                                .text(" — \(CaseDetailView.timeFormat.string(from: item.createdAt))"))
                        })
            )
        ).document
    }
}

struct FollowTopicsView {
    let context: PageContext
    let tags: [String]
    let following: Set<String>
    let groups: [MemberGroup]
    let followingGroups: Set<String>
    let digest: Bool
    let saved: Bool

    var document: HTML {
        Layout(
            title: "Volgen", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Onderwerpen en groepen volgen")),
                .if(
                    saved,
                    .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Uw keuze is opgeslagen."))),
                .p(
                    .text(
                        "U krijgt een notificatie bij nieuwe vragen en kennisbankstukken over wat u volgt, en bij antwoorden op uw eigen vragen."
                    )),
                .form(
                    .method(.post), .action(SiteURL.followTopics.path),
                    FormViews.csrf(context.csrfToken),
                    FormViews.checkboxes(
                        "tags", legend: "Onderwerpen", options: tags.map { ($0, Tags.label($0)) }, selected: following),
                    groups.isEmpty
                        ? .p(.class("muted"), .text("U bent geen lid van een groep."))
                        : FormViews.checkboxes(
                            "groepen", legend: "Uw groepen", options: groups.map { ($0.code, $0.name) },
                            selected: followingGroups),
                    .fieldset(
                        .element(named: "legend", text: "E-mail"),
                        FormViews.checkbox(
                            "overzicht", id: "veld-overzicht", value: "aan",
                            label: "Elke ochtend een e-mail met mijn nieuwe notificaties", checked: digest)),
                    .button(.type(.submit), .class("button"), .text("Opslaan"))
                )
            )
        ).document
    }
}
