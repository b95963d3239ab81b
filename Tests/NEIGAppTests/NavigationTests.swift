import Foundation
import NEIGCore
import Testing
import Vapor
import VaporTesting

@testable import NEIGApp

/// Finding the way: a short menu per role that offers only what the role may open, a trail back up on pages below
/// the top level, and old paths that keep working.
@Suite struct NavigationTests {
    @Test func everyRoleGetsAtMostSevenGroupsAndOnlyPagesItMayOpen() {
        for role in Role.allCases {
            let actor = Actor(role: role, municipalityCode: [.municipalOfficer, .mayor].contains(role) ? "GM0363" : nil)
            let menu = SiteMenu(actor: actor)
            #expect(menu.groups.count <= SiteMenu.maximumGroups, "\(role)")
            #expect(menu.groups.first?.items.first?.path == SiteURL.home.path)
            for item in menu.groups.flatMap(\.items) {
                let rule = AccessMatrix.rule(method: .GET, path: String(item.path.prefix { $0 != "?" }))
                #expect(rule != nil, "\(role): \(item.path) has no route")
                if case .roles(let roles) = rule { #expect(roles.admits(role), "\(role) is offered \(item.path)") }
            }
        }
        let visitor = SiteMenu(actor: nil).groups.flatMap(\.items).map(\.path)
        #expect(visitor.contains(SiteURL.apply.path))
        #expect(!visitor.contains(SiteURL.cases.path))
        let officer = SiteMenu(actor: Actor(role: .municipalOfficer, municipalityCode: "GM0363"))
        #expect(officer.groups.flatMap(\.items).map(\.path).contains(SiteURL.caseStudies.path))
        #expect(!officer.groups.flatMap(\.items).map(\.path).contains(SiteURL.audit.path))
    }

    @Test func pagesBelowTheTopLevelShowTheWayBack() async throws {
        try await withNEIGApp(demo: true) { app in
            let browser = try await login(app, email: "oov.amsterdam@demo.neig.nl", password: DemoSeeder.password)
            try await app.testing().test(.GET, SiteURL.newCase().path, headers: browser.headers()) { res in
                let html = res.body.string
                #expect(html.contains(#"aria-label="Kruimelpad""#))
                #expect(html.contains(#"<a href="/zaken">Zaken</a>"#))
                #expect(html.contains(#"<li aria-current="page">Nieuwe zaak</li>"#))
                // The account sits in a landmark of its own, apart from the main menu.
                #expect(html.contains(#"<nav class="account" aria-label="Account">"#))
                #expect(html.contains(#"<nav class="main-menu" aria-label="Hoofdmenu">"#))
            }
            try await app.testing().test(.GET, SiteURL.cases.path, headers: browser.headers()) { res in
                #expect(!res.body.string.contains(#"aria-label="Kruimelpad""#), "a top-level page has no trail")
                #expect(res.body.string.contains(#"<a href="/zaken" aria-current="page">Zaken</a>"#))
            }
        }
    }

    @Test func oldPathsRedirectPermanentlyWithTheirRestAndQuery() async throws {
        try await withNEIGApp { app in
            let moves = [
                ("/meldingen?staat=lopend", "/waarschuwingen?staat=lopend"),
                (
                    "/risicogebieden/0c4c1f6e-0000-4000-8000-000000000001",
                    "/waarschuwingen/0c4c1f6e-0000-4000-8000-000000000001"
                ),
                ("/bibliotheek?q=nazorg", "/kennisbank?q=nazorg"),
                ("/bibliotheek/nieuw", "/kennisbank/nieuw"),
                ("/evenementen", "/bijeenkomsten"),
                ("/evenementen/agenda", "/bijeenkomsten/agenda")
            ]
            for (old, new) in moves {
                try await app.testing().test(.GET, old) { res in
                    #expect(res.status == .movedPermanently, "\(old)")
                    #expect(res.headers.first(name: .location) == new, "\(old)")
                }
            }
            try await app.testing().test(.GET, "/bibliotheekje") { res in #expect(res.status == .notFound) }
            try await app.testing().test(.GET, "/kennisbank") { res in #expect(res.status == .ok) }
        }
    }
}
