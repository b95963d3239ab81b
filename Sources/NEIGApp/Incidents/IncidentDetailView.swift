import NEIGCore
import Plot

struct IncidentDetailView {
    let incident: Incident
    let actor: Actor
    let registry: MunicipalityRegistry
    let context: PageContext

    var document: HTML {
        let visible = AccessPolicy.canSeeLocation(actor, municipalityCode: incident.municipalityCode)
        let municipality = registry[incident.municipalityCode]?.displayName ?? incident.municipalityCode
        let date = CivilDate.dutch(iso: incident.occurredOn)
        var rows: [(String, String)] = [
            ("Datum", date + (incident.timeOfDay.map { ", \($0) uur" } ?? "")),
            ("Gemeente", "\(municipality) (\(incident.municipalityCode))"),
            ("Doelwit", incident.target.label),
            ("Middel", incident.means.label),
            ("Bron", "\(incident.source), bron-id \(incident.sourceID)"),
            ("Definitieversie", incident.definitionVersion)
        ]
        if visible {
            rows.append(("Adres", [incident.address, incident.postcode].compactMap { $0 }.joined(separator: ", ")))
            rows.append(("RD-coördinaten", "x \(SVGCanvas.number(incident.rdX)), y \(SVGCanvas.number(incident.rdY))"))
            rows.append(("WGS84", String(format: "%.5f, %.5f", incident.latitude, incident.longitude)))
            rows.append(("Omschrijving", incident.descriptionText ?? "—"))
        }
        return Layout(
            title: "Incident \(incident.sourceID)", context: context,
            content: .div(
                .h1(.text("Aanslag op \(date) in \(municipality)")),
                .dl(.class("facts"), .forEach(rows) { row in .group(.dt(.text(row.0)), .dd(.text(row.1))) }),
                .if(
                    !visible,
                    .p(
                        .class("muted"),
                        .text(
                            "Adres, coördinaten en omschrijving zijn alleen zichtbaar voor de gemeente zelf, politie, OM en netwerkcoördinatoren."
                        ))),
                .if(
                    visible && AccessPolicy.canEnterIncidents(actor),
                    .p(
                        .a(
                            .class("button secondary"), .href(SiteURL.editIncident(id: incident.id!).path),
                            .text("Wijzigen"))))
            ),
            breadcrumbs: [("Incidenten", SiteURL.incidents.path)]
        ).document
    }
}
