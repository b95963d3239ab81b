import NEIGCore
import Plot
import Vapor

struct HomeView {
    struct Figures {
        let yearToDate: Int
        let previousSamePeriod: Int

        var change: String {
            previousSamePeriod > 0
                ? (Double(yearToDate - previousSamePeriod) / Double(previousSamePeriod) * 100).dutchPercent : "—"
        }
    }

    struct Summary {
        let today: CivilDate
        let national: Figures
        /// The user's own municipality, shown first; the national figures are one line below.
        let local: Figures?
        let municipality: Municipality?
        let canImport: Bool
        let canEnter: Bool
        let openAlerts: Int
        let canAnalyse: Bool
        let workList: WorkList
    }

    let context: PageContext
    let summary: Summary?
    let news: [NewsItem]
    /// For a visitor: the national count this year against the target.
    var publicProgress: TargetProgress?

    var document: HTML {
        Layout(title: "Overzicht", context: context, content: summary.map(dashboard) ?? welcome).document
    }

    var welcome: Node<HTML.BodyContext> {
        .div(
            .h1(.text("neig — samen tegen aanslagen met explosieven")),
            .p(
                .class("lead"),
                .text(
                    "Het werkplatform van het Netwerk Explosies In Gemeenten: cijfers tegen het landelijke doel, "
                        + "het incidentenregister en de kennis van gemeenten, politie, OM en partners op één plek.")),
            .unwrap(publicProgress) { progress in
                .div(
                    .h2(.text("Aanslagen in Nederland, \(progress.year)")),
                    MonitorView.keyFigures(progress, forVisitors: true),
                    .p(.a(.href(SiteURL.monitor().path), .text("Meer cijfers in de monitor"))))
            },
            .p(.a(.class("button"), .href(SiteURL.login.path), .text("Inloggen"))),
            .p(
                .text("Zonder account kunt u de "), .a(.href(SiteURL.openData.path), .text("open data")),
                .text(" bekijken: aantallen per gemeente per maand, en de openbare stukken in de "),
                .a(.href(SiteURL.library.path), .text("kennisbank")), .text(".")),
            NewsParts.headlines(news)
        )
    }

    /// The own municipality's count first, labelled with its name; the national count one line below, also named.
    func figures(_ summary: Summary) -> Node<HTML.BodyContext> {
        let year = summary.today.year
        let shown = summary.local ?? summary.national
        let place = summary.municipality.map { "in \($0.displayName)" } ?? "in heel Nederland"
        return .div(
            .ul(
                .class("figures"),
                .li(
                    .class("figure"),
                    .span(.class("figure-label"), .text("Aanslagen \(place) \(year) t/m \(summary.today.dutch)")),
                    .span(.class("figure-value"), .text(shown.yearToDate.dutch))),
                .li(
                    .class("figure"),
                    .span(.class("figure-label"), .text("Verschil met dezelfde periode \(year - 1)")),
                    .span(.class("figure-value"), .text(shown.change)))),
            .if(
                summary.local != nil,
                .p(
                    .text(
                        "Landelijk: \(summary.national.yearToDate.dutch) aanslagen in \(year), \(summary.national.change) "
                            + "ten opzichte van dezelfde periode \(year - 1). "),
                    .a(.href(SiteURL.monitor().path), .text("Landelijke cijfers en het doel in de monitor")))))
    }

    func dashboard(_ summary: Summary) -> Node<HTML.BodyContext> {
        .div(
            .h1(.text("Welkom, \(context.userName ?? "")")),
            .unwrap(context.organisationName) { .p(.class("muted"), .text($0)) },
            .if(
                summary.openAlerts > 0,
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "status"),
                    .h2(
                        .text(
                            summary.openAlerts == 1
                                ? "1 lopend risicogebied dat u nog niet zag"
                                : "\(summary.openAlerts) lopende risicogebieden die u nog niet zag")),
                    .p(
                        .text("Na een recente aanslag is het risico op een nieuwe aanslag in de buurt verhoogd. "),
                        .a(
                            .href(SiteURL.alerts.path),
                            .text("Bekijk de gebieden op prioriteit en de aanbevolen nazorg")))
                )),
            summary.workList.view,
            // Counted once per page view for the header (SessionAuthenticationMiddleware).
            .if(
                context.unreadNotifications > 0,
                .p(
                    .class("notice"), .attribute(named: "role", value: "status"),
                    .a(
                        .href(SiteURL.notifications.path),
                        .text(
                            context.unreadNotifications == 1
                                ? "1 nieuwe notificatie" : "\(context.unreadNotifications) nieuwe notificaties")))),
            figures(summary),
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
