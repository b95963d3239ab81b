import Foundation
import NEIGCore
import Plot

struct IncidentListView {
    let incidents: [Incident]
    let total: Int
    let page: Int
    let pageSize: Int
    let filter: IncidentFilter
    let actor: Actor
    let registry: MunicipalityRegistry
    let query: String?
    let context: PageContext

    var document: HTML {
        Layout(
            title: "Incidenten", context: context,
            content: .div(
                .div(
                    .class("title-row"),
                    .h1(.text("Incidentenregister")),
                    .if(
                        AccessPolicy.canEnterIncidents(actor),
                        .a(.class("button"), .href(SiteURL.newIncident.path), .text("Incident invoeren")))),
                filterForm,
                .p(.attribute(named: "role", value: "status"), .text("\(total.counted(.incident)) gevonden.")),
                .p(
                    .class("exports"), .text("Exporteren: "),
                    .a(.href(SiteURL.exportCSV.path + exportQuery), .text("CSV")), .text(" · "),
                    .a(.href(SiteURL.exportGeoJSON.path + exportQuery), .text("GeoJSON"))),
                table,
                pager
            ),
        ).document
    }

    var exportQuery: String {
        let items = [
            ("gemeente", filter.municipalityCode), ("van", filter.from?.iso), ("tot", filter.to?.iso),
            ("doelwit", filter.target?.rawValue)
        ].compactMap { key, value in value.map { "\(key)=\($0)" } }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }

    var filterForm: Node<HTML.BodyContext> {
        .form(
            .method(.get), .class("filters"),
            .div(
                .class("field"), .label(.for("f-gemeente"), .text("Gemeente")),
                selectElement(
                    name: "gemeente", id: "f-gemeente",
                    options: [("", "Alle gemeenten")] + registry.all.map { ($0.code, $0.displayName) },
                    selected: filter.municipalityCode ?? "")),
            .div(
                .class("field"), .label(.for("f-van"), .text("Van")),
                .input(.type(.date), .name("van"), .id("f-van"), .value(filter.from?.iso ?? ""))),
            .div(
                .class("field"), .label(.for("f-tot"), .text("Tot en met")),
                .input(.type(.date), .name("tot"), .id("f-tot"), .value(filter.to?.iso ?? ""))),
            .div(
                .class("field"), .label(.for("f-doelwit"), .text("Doelwit")),
                selectElement(
                    name: "doelwit", id: "f-doelwit",
                    options: [("", "Alle")] + TargetType.allCases.map { ($0.rawValue, $0.label) },
                    selected: filter.target?.rawValue ?? "")),
            .button(.type(.submit), .class("button secondary"), .text("Filter")))
    }

    var table: Node<HTML.BodyContext> {
        .scrollingTable(
            "Incidenten",
            .caption(.class("visually-hidden"), .text("Incidenten, nieuwste eerst")),
            .thead(
                .tr(
                    .forEach(["Datum", "Gemeente", "Doelwit", "Middel", "Adres", "Bron-id"]) {
                        .th(.attribute(named: "scope", value: "col"), .text($0))
                    })),
            .tbody(
                .forEach(incidents) { incident in
                    let visible = AccessPolicy.canSeeLocation(actor, municipalityCode: incident.municipalityCode)
                    return .tr(
                        .td(
                            .a(
                                .href(SiteURL.incident(id: incident.id!).path),
                                .text(CivilDate.dutch(iso: incident.occurredOn)))),
                        .td(.text(registry[incident.municipalityCode]?.displayName ?? incident.municipalityCode)),
                        .td(.text(incident.target.label)),
                        .td(.text(incident.means.label)),
                        .td(visible ? .text(incident.address ?? "—") : .span(.class("muted"), .text("afgeschermd"))),
                        .td(.text(incident.sourceID))
                    )
                })
        )
    }

    var pager: Node<HTML.BodyContext> {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        guard pages > 1 else { return .empty }
        func link(_ target: Int, _ label: String) -> Node<HTML.BodyContext> {
            var items = URLComponents(string: "?" + (query ?? ""))?.queryItems?.filter { $0.name != "pagina" } ?? []
            items.append(URLQueryItem(name: "pagina", value: String(target)))
            var components = URLComponents()
            components.queryItems = items
            return .a(.href(SiteURL.incidents.path + (components.string ?? "")), .text(label))
        }
        return .nav(
            .class("pager"), .attribute(named: "aria-label", value: "Paginering"),
            .if(page > 1, link(page - 1, "Vorige")),
            .span(.text(" Pagina \(page) van \(pages) ")),
            .if(page < pages, link(page + 1, "Volgende")))
    }
}
