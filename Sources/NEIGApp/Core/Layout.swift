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
                sectionMenu,
                .main(
                    .id("inhoud"),
                    .attribute(named: "tabindex", value: "-1"),
                    breadcrumbNav,
                    .unwrap(context.flash) {
                        .p(
                            .class("notice success"), .id("melding"), .attribute(named: "role", value: "status"),
                            .text($0))
                    },
                    content
                ),
                .footer(
                    .class("site-footer"),
                    .p(.text("neig — werkplatform van het Netwerk Explosies In Gemeenten (NEIG)")),
                    .nav(
                        .attribute(named: "aria-label", value: "Over neig"),
                        .ul(
                            .class("footer-links"),
                            .li(.a(.href(SiteURL.openData.path), .text("Open data"))),
                            .li(.a(.href(SiteURL.privacy.path), .text("Privacyverklaring"))),
                            .li(.a(.href(SiteURL.accessibility.path), .text("Toegankelijkheidsverklaring"))),
                            .li(.a(.href(SiteURL.contact.path), .text("Contact")))))
                )
            )
        )
    }

    var menu: SiteMenu { SiteMenu(actor: context.actor) }

    var header: Node<HTML.BodyContext> {
        let menu = menu
        let current = menu.location(of: context.path)
        return .header(
            .class("site-header"),
            .div(
                .class("brand"),
                .a(
                    .href(SiteURL.home.path), .span(.class("logo"), .text("neig")),
                    .span(.class("tagline"), .text("Netwerk Explosies In Gemeenten")))),
            .nav(
                .class("main-menu"), .attribute(named: "aria-label", value: "Hoofdmenu"),
                .element(
                    named: "details",
                    nodes: [
                        .class("site-menu"),
                        .element(named: "summary", nodes: [.class("menu-button"), .text("Menu")]),
                        .ul(
                            .class("menu-groups"),
                            .forEach(menu.groups) { group in menuGroup(group, current: current?.group == group) })
                    ])
            ),
            accountBlock
        )
    }

    func menuGroup(_ group: SiteMenu.Group, current: Bool) -> Node<HTML.ListContext> {
        guard let first = group.items.first else { return .empty }
        if group.items.count == 1 {
            return .li(.class(current ? "menu-group current" : "menu-group"), menuLink(first.title, first.path))
        }
        return .li(
            .class(current ? "menu-group current" : "menu-group"),
            .a(
                .class("group-link"), .href(first.path), .text(group.title),
                .if(current, .span(.class("visually-hidden"), .text(" (huidig onderdeel)")))),
            .ul(.class("menu-items"), .forEach(group.items) { .li(menuLink($0.title, $0.path)) }))
    }

    func menuLink(_ title: String, _ path: String) -> Node<HTML.BodyContext> {
        .a(
            .href(path), .text(title),
            .if(context.path == String(path.prefix { $0 != "?" }), .attribute(named: "aria-current", value: "page")))
    }

    /// The current task's pages as a row of their own under the header on wide screens; on a phone the menu
    /// lists them under their group, so this row is hidden there.
    var sectionMenu: Node<HTML.BodyContext> {
        guard let group = menu.location(of: context.path)?.group, group.items.count > 1 else { return .empty }
        return .nav(
            .class("section-menu"), .attribute(named: "aria-label", value: group.title),
            .ul(.forEach(group.items) { .li(menuLink($0.title, $0.path)) }))
    }

    var accountBlock: Node<HTML.BodyContext> {
        guard let name = context.userName else {
            return .nav(
                .class("account"), .attribute(named: "aria-label", value: "Account"),
                .a(.href(SiteURL.login.path), .text("Inloggen")))
        }
        return .nav(
            .class("account"), .attribute(named: "aria-label", value: "Account"),
            accountForm(name))
    }

    func accountForm(_ name: String) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(SiteURL.logout.path),
            .a(
                .class("who"), .href(SiteURL.account.path), .attribute(named: "title", value: "Mijn account"),
                .span(.class("who-name"), .text(name)),
                .unwrap(context.roleLabel) { .span(.class("who-role"), .text("· \($0)")) }),
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

    /// The way back up: the explicit trail a page gives, or else its place in the menu. The page itself ends the
    /// trail unlinked. Top-level pages have none.
    var trail: [(String, String)] {
        if !breadcrumbs.isEmpty { return [("Overzicht", SiteURL.home.path)] + breadcrumbs }
        guard let item = menu.location(of: context.path)?.item, item.path != context.path, context.path != "/"
        else { return [] }
        return [("Overzicht", SiteURL.home.path), (item.title, item.path)]
    }

    var breadcrumbNav: Node<HTML.BodyContext> {
        let trail = trail
        guard !trail.isEmpty else { return .empty }
        return .nav(
            .class("breadcrumbs"), .attribute(named: "aria-label", value: "Kruimelpad"),
            .ol(
                .forEach(trail) { crumb in .li(.a(.href(crumb.1), .text(crumb.0))) },
                .li(.attribute(named: "aria-current", value: "page"), .text(title))))
    }
}
