import NEIGCore
import Plot
import Vapor

struct HomeView {
    struct Summary {
        let today: CivilDate
        let yearToDate: Int
        let previousSamePeriod: Int
        let municipality: Municipality?
        let canImport: Bool
        let canEnter: Bool
        let openAlerts: Int
        let canAnalyse: Bool
        let caseWork: CaseWorkSummary?
    }

    let context: PageContext
    let summary: Summary?
    let news: [NewsItem]

    var document: HTML {
        Layout(title: "Home", context: context, content: summary.map(dashboard) ?? welcome).document
    }

    var welcome: Node<HTML.BodyContext> {
        .div(
            .h1(.text("neig — samen tegen aanslagen met explosieven")),
            .p(
                .class("lead"),
                .text(
                    "Het werkplatform van het Netwerk Explosies In Gemeenten: cijfers tegen het landelijke doel, "
                        + "het incidentenregister en de kennis van gemeenten, politie, OM en partners op één plek.")),
            .p(.a(.class("button"), .href(SiteURL.login.path), .text("Inloggen"))),
            .p(
                .text("Zonder account kunt u de "), .a(.href(SiteURL.openData.path), .text("open data")),
                .text(" bekijken: aantallen per gemeente per maand, en de openbare stukken in de "),
                .a(.href(SiteURL.library.path), .text("kennisbank")), .text(".")),
            NewsParts.headlines(news)
        )
    }

    func dashboard(_ summary: Summary) -> Node<HTML.BodyContext> {
        let change =
            summary.previousSamePeriod > 0
            ? (Double(summary.yearToDate - summary.previousSamePeriod) / Double(summary.previousSamePeriod) * 100)
                .dutchPercent
            : "—"
        return .div(
            .h1(.text("Welkom, \(context.userName ?? "")")),
            .unwrap(context.organisationName) { .p(.class("muted"), .text($0)) },
            .if(
                summary.openAlerts > 0,
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "status"),
                    .h2(
                        .text(
                            summary.openAlerts == 1
                                ? "1 lopende near-repeatwaarschuwing"
                                : "\(summary.openAlerts) lopende near-repeatwaarschuwingen")),
                    .p(
                        .text("Na een recente aanslag is het risico op een nieuwe aanslag in de buurt verhoogd. "),
                        .a(.href(SiteURL.alerts.path), .text("Bekijk de zone en de aanbevolen nazorg")))
                )),
            .unwrap(summary.caseWork) { $0.notices },
            // Counted once per page view for the header (SessionAuthenticationMiddleware).
            .if(
                context.unreadNotifications > 0,
                .p(
                    .class("notice"), .attribute(named: "role", value: "status"),
                    .a(
                        .href(SiteURL.notifications.path),
                        .text(
                            context.unreadNotifications == 1
                                ? "1 nieuwe notificatie" : "\(context.unreadNotifications) nieuwe notificaties")),
                    .text(" over vragen, antwoorden en kennisbankstukken die u volgt."))),
            .ul(
                .class("figures"),
                .li(
                    .class("figure"),
                    .span(.class("figure-label"), .text("Aanslagen \(summary.today.year) t/m \(summary.today.dutch)")),
                    .span(.class("figure-value"), .text(summary.yearToDate.dutch))),
                .li(
                    .class("figure"),
                    .span(.class("figure-label"), .text("Verschil met dezelfde periode \(summary.today.year - 1)")),
                    .span(.class("figure-value"), .text(change)))),
            .h2(.text("Aan de slag")),
            .ul(
                .class("tasks"),
                .li(
                    .a(.href(SiteURL.monitor().path), .text("Monitor: landelijke cijfers en het doel van 10 % minder"))),
                .unwrap(summary.municipality) { m in
                    .li(
                        .a(
                            .href(SiteURL.monitorMunicipality(code: m.code).path),
                            .text("Monitor voor \(m.displayName)")))
                },
                .li(.a(.href(SiteURL.incidents.path), .text("Incidentenregister bekijken en exporteren"))),
                .li(
                    .a(
                        .href(SiteURL.library.path),
                        .text("Kennisbank: handelingskaders, handreikingen en praktijkervaringen zoeken"))),
                .li(.a(.href(SiteURL.alerts.path), .text("Near-repeatwaarschuwingen"))),
                .if(
                    summary.canAnalyse,
                    .li(.a(.href(SiteURL.analyse.path), .text("Near-repeatanalyse: matrix, Knox-toets en hotspots")))),
                .if(summary.canEnter, .li(.a(.href(SiteURL.newIncident.path), .text("Incident invoeren")))),
                .if(
                    summary.canImport,
                    .li(.a(.href(SiteURL.importIncidents.path), .text("Incidentbestand importeren (CSV)")))),
                .li(.a(.href(SiteURL.questions().path), .text("Vragen aan het netwerk stellen en beantwoorden")))),
            NewsParts.headlines(news)
        )
    }
}
