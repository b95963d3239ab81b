import NEIGCore
import Plot

/// The shared page frame: skip link, header with navigation, one `main` landmark, footer.
struct Layout {
    let title: String
    let context: PageContext
    let content: Node<HTML.BodyContext>
    var breadcrumbs: [(String, String)] = []

    var document: HTML {
        HTML(
            .lang(.dutch),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .element(named: "title", text: "\(title) — neig"),
                .stylesheet(SiteURL.stylesheet.path)
            ),
            .body(
                .a(.class("skip-link"), .href("#inhoud"), .text("Naar de inhoud")),
                header,
                .main(
                    .id("inhoud"),
                    .attribute(named: "tabindex", value: "-1"),
                    .if(!breadcrumbs.isEmpty, breadcrumbNav),
                    .unwrap(context.flash) {
                        .p(
                            .class("notice success"), .id("melding"), .attribute(named: "role", value: "status"),
                            .text($0))
                    },
                    content
                ),
                .footer(
                    .class("site-footer"),
                    .p(
                        .text("neig — werkplatform van het Netwerk Explosies In Gemeenten (NEIG). "),
                        .a(.href(SiteURL.openData.path), .text("Open data")))
                )
            )
        )
    }

    var header: Node<HTML.BodyContext> {
        .header(
            .class("site-header"),
            .div(
                .class("brand"),
                .a(
                    .href(SiteURL.home.path), .span(.class("logo"), .text("neig")),
                    .span(.class("tagline"), .text("Netwerk Explosies In Gemeenten")))),
            .nav(
                .attribute(named: "aria-label", value: "Hoofdmenu"),
                .ul(
                    .forEach(menu) { item in
                        .li(
                            .a(
                                .href(item.1), .text(item.0),
                                .if(
                                    context.path == item.1 || (item.1 != "/" && context.path.hasPrefix(item.1)),
                                    .attribute(named: "aria-current", value: "page"))))
                    })
            ),
            .div(.class("account"), accountBlock)
        )
    }

    var menu: [(String, String)] {
        guard let actor = context.actor else {
            return [
                ("Home", SiteURL.home.path), ("Actueel", SiteURL.news.path), ("Kennisbank", SiteURL.library.path),
                ("Open data", SiteURL.openData.path), ("Aanmelden", SiteURL.apply.path),
                ("Inloggen", SiteURL.login.path)
            ]
        }
        var items = [
            ("Home", SiteURL.home.path), ("Monitor", SiteURL.monitor().path), ("Incidenten", SiteURL.incidents.path)
        ]
        if AccessPolicy.caseListers.contains(actor.role) { items.append(("Zaken", SiteURL.cases.path)) }
        if AccessPolicy.signalListers.contains(actor.role) { items.append(("Signalen", SiteURL.signals().path)) }
        if actor.municipalityCode != nil || AccessPolicy.rolesSeeingAllAddresses.contains(actor.role) {
            items.append(("Risicogebieden", SiteURL.alerts.path))
        }
        if NEIGCore.AccessPolicy.analysts.contains(actor.role) { items.append(("Analyse", SiteURL.analyse.path)) }
        if NEIGCore.AccessPolicy.canImportIncidents(actor) { items.append(("Import", SiteURL.importIncidents.path)) }
        if actor.role == .admin { items.append(("Auditlog", SiteURL.audit.path)) }
        items.append(("Kennisbank", SiteURL.library.path))
        items.append(("Interventies", SiteURL.interventions.path))
        items.append(("Vragen", SiteURL.questions().path))
        items.append(("Leden", SiteURL.members.path))
        if actor.role == .coordinator { items.append(("Groepen", SiteURL.groups.path)) }
        items.append(("Bijeenkomsten", SiteURL.events.path))
        items.append(("Open data", SiteURL.openData.path))
        return items
    }

    var accountBlock: Node<HTML.BodyContext> {
        guard let name = context.userName else { return .empty }
        return .form(
            .method(.post), .action(SiteURL.logout.path),
            .a(
                .class("who"), .href(SiteURL.account.path), .attribute(named: "title", value: "Mijn account"),
                .text(name), .if(context.roleLabel != nil, .text(" · \(context.roleLabel ?? "")"))),
            context.unreadNotifications > 0
                ? .a(
                    .href(SiteURL.notifications.path),
                    .attribute(named: "aria-label", value: "Notificaties, \(context.unreadNotifications) ongelezen"),
                    .text("Notificaties "), .span(.class("badge"), .text(String(context.unreadNotifications))))
                : .a(.href(SiteURL.notifications.path), .text("Notificaties")),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(context.csrfToken)),
            .button(.type(.submit), .class("link-button"), .text("Uitloggen"))
        )
    }

    var breadcrumbNav: Node<HTML.BodyContext> {
        .nav(
            .class("breadcrumbs"), .attribute(named: "aria-label", value: "Kruimelpad"),
            .ol(.forEach(breadcrumbs) { crumb in .li(.a(.href(crumb.1), .text(crumb.0))) }))
    }
}
