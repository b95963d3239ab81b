import Foundation
import NEIGCore
import Plot

struct GroupListView {
    let context: PageContext
    let groups: [MemberGroup]
    let counts: [String: Int]
    let values: [String: String]
    let errors: [FormViews.FieldError]

    var document: HTML {
        get throws {
            let tags = try Dictionary(
                groups.map { ($0.code, try $0.defaultTagList) }, uniquingKeysWith: { first, _ in first })
            return Layout(
                title: "Groepen", context: context,
                content: .div(
                    .h1(.text("Groepen")),
                    .p(
                        .class("lead"),
                        .text(
                            "Groepen krijgen eigen kennisbankstukken en vragen. Nieuwe leden van een groep volgen de groep en de onderwerpen die u kiest."
                        )),
                    groups.isEmpty
                        ? .p(.text("Er zijn nog geen groepen."))
                        : .scrollingTable(
                            "Groepen",
                            .thead(
                                .tr(
                                    .th(.text("Groep")), .th(.text("Code")), .th(.text("Leden")),
                                    .th(.text("Standaardonderwerpen")))),
                            .tbody(
                                .forEach(groups) { group in
                                    .tr(
                                        .td(.a(.href(SiteURL.group(code: group.code).path), .text(group.name))),
                                        .td(.text(group.code)),
                                        .td(.text(String(counts[group.code] ?? 0))),
                                        .td(.text((tags[group.code] ?? []).map(Tags.label).joined(separator: ", "))))
                                })),
                    .h2(.text("Nieuwe groep")),
                    FormViews.errorSummary(errors),
                    .form(
                        .method(.post), .action(SiteURL.groups.path), .attribute(named: "novalidate"),
                        FormViews.csrf(context.csrfToken),
                        FormViews.textField(
                            "naam", label: "Naam", value: values["naam"], required: true, errors: errors),
                        FormViews.textField(
                            "code", label: "Code", value: values["code"],
                            hint: "Kort en vast, bijvoorbeeld oov-randstad.",
                            required: true, errors: errors),
                        .button(.type(.submit), .class("button"), .text("Groep aanmaken")))
                )
            ).document
        }
    }
}

struct GroupDetailView {
    let context: PageContext
    let group: MemberGroup
    let members: [User]
    let errors: [FormViews.FieldError]
    let values: [String: String]

    var document: HTML {
        get throws {
            let tags = try group.defaultTagList
            return Layout(
                title: group.name, context: context,
                content: .div(
                    .h1(.text(group.name)),
                    .p(
                        .class("muted"),
                        .text("Code \(group.code) · \(members.count.counted(.member))")),
                    FormViews.errorSummary(errors),
                    .h2(.text("Leden")),
                    members.isEmpty
                        ? .p(.text("Nog geen leden."))
                        : .scrollingTable(
                            "Leden van de groep",
                            .thead(
                                .tr(.th(.text("Naam")), .th(.text("Organisatie")), .th(.text("E-mail")), .th(.text("")))
                            ),
                            .tbody(
                                .forEach(members) { member in
                                    .tr(
                                        .td(.text(member.name)), .td(.text(member.$organisation.value?.name ?? "")),
                                        .td(.text(member.email)),
                                        .td(
                                            .form(
                                                .method(.post),
                                                .action(
                                                    SiteURL.removeGroupMember(code: group.code, member: member.id!).path
                                                ),
                                                FormViews.csrf(context.csrfToken),
                                                .button(
                                                    .type(.submit), .class("link-button"), .text("Uit de groep halen")))
                                        ))
                                })),
                    .form(
                        .method(.post), .action(SiteURL.group(code: group.code, .leden).path),
                        .attribute(named: "novalidate"),
                        FormViews.csrf(context.csrfToken),
                        FormViews.textField(
                            "email", label: "Lid toevoegen (e-mailadres)", value: values["email"], type: .email,
                            required: true, errors: errors),
                        .button(.type(.submit), .class("button secondary"), .text("Toevoegen"))),
                    .h2(.text("Standaardonderwerpen")),
                    .p(
                        .text(
                            "Wie aan de groep wordt toegevoegd, volgt deze onderwerpen meteen. Wie al lid is, houdt zijn eigen keuze."
                        )),
                    .form(
                        .method(.post), .action(SiteURL.group(code: group.code, .onderwerpen).path),
                        .attribute(named: "novalidate"),
                        FormViews.csrf(context.csrfToken),
                        FormViews.textField(
                            "onderwerpen", label: "Onderwerpen",
                            value: values["onderwerpen"] ?? tags.joined(separator: ", "),
                            hint: "Gescheiden door komma’s, bijvoorbeeld: preventie, nazorg.", errors: errors),
                        .button(.type(.submit), .class("button secondary"), .text("Opslaan")))
                )
            ).document
        }
    }
}
