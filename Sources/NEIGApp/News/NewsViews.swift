import Foundation
import NEIGCore
import Plot

enum NewsParts {
    static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = NEIGClock.amsterdam
        formatter.dateFormat = "d MMMM yyyy"
        return formatter
    }()

    /// The newest items as a short list, for the home page.
    static func headlines(_ items: [NewsItem]) -> Node<HTML.BodyContext> {
        .if(
            !items.isEmpty,
            .section(
                .class("news"), .attribute(named: "aria-labelledby", value: "actueel"),
                .h2(.id("actueel"), .text("Actueel")),
                .ul(
                    .forEach(items) { item in
                        .li(
                            .a(.href(SiteURL.newsItem(id: item.id!).path), .text(item.title)),
                            .text(" — \(day.string(from: item.publishedAt))"),
                            .p(.class("muted"), .text(item.summary)))
                    }),
                .p(
                    .a(.href(SiteURL.news.path), .text("Alle berichten")), .text(" · "),
                    .a(.href(SiteURL.newsFeed.path), .text("Atom-feed"))),
                .explanation(.feed)
            ))
    }

}

struct NewsListView {
    let context: PageContext
    let items: [NewsItem]
    let canWrite: Bool

    var document: HTML {
        Layout(
            title: "Actueel", context: context,
            content: .div(
                .h1(.text("Actuele informatie")),
                .p(
                    .text(
                        "Nieuws van de netwerkcoördinatoren: nieuwe landelijke cijfers, handreikingen en bijeenkomsten. "
                    ),
                    .a(.href(SiteURL.newsFeed.path), .text("Abonneren via de Atom-feed")),
                    .text(" (openbare berichten).")
                ),
                .explanation(.feed),
                .if(canWrite, .p(.a(.class("button"), .href(SiteURL.newNewsItem.path), .text("Bericht plaatsen")))),
                items.isEmpty
                    ? .p(.text("Nog geen berichten."))
                    : .ol(
                        .class("results"),
                        .forEach(items) { item in
                            .li(
                                .h2(.a(.href(SiteURL.newsItem(id: item.id!).path), .text(item.title))),
                                .p(
                                    .class("muted"),
                                    .text(
                                        "\(NewsParts.day.string(from: item.publishedAt)) · \(item.authorName)\(item.isPublic ? "" : " · alleen leden")"
                                    )),
                                .p(.text(item.summary)))
                        })
            )
        ).document
    }
}

struct NewsItemView {
    let context: PageContext
    let item: NewsItem
    let canEdit: Bool

    var document: HTML {
        Layout(
            title: item.title, context: context,
            content: .article(
                .h1(.text(item.title)),
                .unwrap(item.withdrawnAt) { at in
                    .div(
                        .class("notice warning"),
                        .p(
                            .strong(.text("Ingetrokken op \(NewsParts.day.string(from: at)): ")),
                            .text(item.withdrawnReason ?? "")))
                },
                .p(
                    .class("muted"),
                    .text(
                        "\(NewsParts.day.string(from: item.publishedAt)) · \(item.authorName)"
                            + (item.editedAt.map { " · gewijzigd \(NewsParts.day.string(from: $0))" } ?? ""))),
                .if(
                    item.withdrawnAt == nil || canEdit,
                    .group(
                        .p(.class("lead"), .text(item.summary)),
                        .div(.class("markdown"), .raw(LibraryService.render(item.body))))),
                .if(canEdit && item.withdrawnAt == nil, editing),
                .p(.a(.href(SiteURL.news.path), .text("Alle berichten")))
            ), breadcrumbs: [("Actueel", SiteURL.news.path)]
        ).document
    }

    var editing: Node<HTML.BodyContext> {
        .div(
            .class("actions"),
            .p(
                .a(
                    .class("button secondary"), .href(SiteURL.newsItem(id: item.id!, .bewerken).path),
                    .text("Bericht wijzigen"))),
            .details(
                .class("danger-zone"),
                .summary(.text("Bericht intrekken")),
                .form(
                    .method(.post), .action(SiteURL.newsItem(id: item.id!, .intrekken).path),
                    .attribute(named: "novalidate"), FormViews.csrf(context.csrfToken),
                    FormViews.textArea(
                        "reden", label: "Waarom trekt u het bericht in?", value: nil,
                        hint:
                            "Wie de link volgt, leest dit. Het bericht verdwijnt uit de lijst, de startpagina en de feed.",
                        errors: [], required: true),
                    .button(.type(.submit), .class("button secondary"), .text("Intrekken")))))
    }
}

struct NewsFormView {
    let context: PageContext
    let values: [String: String]
    let errors: [FormViews.FieldError]
    /// The item being corrected; nil for a new one.
    var editing: UUID?

    var document: HTML {
        Layout(
            title: editing == nil ? "Bericht plaatsen" : "Bericht wijzigen", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text(editing == nil ? "Bericht plaatsen" : "Bericht wijzigen")),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post),
                    .action(editing.map { SiteURL.newsItem(id: $0, .bewerken).path } ?? SiteURL.news.path),
                    .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "titel", label: "Titel", value: values["titel"], required: true, errors: errors),
                    FormViews.textArea(
                        "samenvatting", label: "Samenvatting", value: values["samenvatting"], errors: errors,
                        required: true),
                    FormViews.textArea("tekst", label: "Tekst (Markdown)", value: values["tekst"], errors: errors),
                    FormViews.select(
                        "zichtbaarheid", label: "Voor wie",
                        options: [
                            (Visibility.leden.rawValue, Visibility.leden.label),
                            (Visibility.publiek.rawValue, "Openbaar, ook in de Atom-feed")
                        ],
                        selected: values["zichtbaarheid"], errors: errors),
                    .button(
                        .type(.submit), .class("button"), .text(editing == nil ? "Publiceren" : "Wijziging publiceren"))
                )
            )
        ).document
    }
}
