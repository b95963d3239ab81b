import NEIGCore
import Plot

struct IncidentDetailView {
    let incident: Incident
    let actor: Actor
    let registry: MunicipalityRegistry
    let context: PageContext
    var sameAddress = SameAddress.Matches()

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
            if let bagID = incident.bagID { rows.append(("BAG-object", bagID)) }
            rows.append(("RD-coördinaten", "x \(SVGCanvas.number(incident.rdX)), y \(SVGCanvas.number(incident.rdY))"))
            rows.append(("WGS84", String(format: "%.5f, %.5f", incident.latitude, incident.longitude)))
            rows.append(("Omschrijving", incident.descriptionText ?? "—"))
        }
        return Layout(
            title: "Incident \(incident.sourceID)", context: context,
            content: .div(
                .h1(.text("Aanslag op \(date) in \(municipality)")),
                .unwrap(placementWarning(visible: visible)) { warning in
                    .p(.class("notice warning"), .strong(.text("Controleer de gemeente: ")), .text(warning + "."))
                },
                .dl(.class("facts"), .forEach(rows) { row in .group(.dt(.text(row.0)), .dd(.text(row.1))) }),
                SameAddressSection(matches: sameAddress, bagID: incident.bagID).node(),
                .unwrap(LocatorMap.figure(incident, showPoint: visible, registry: registry)) {
                    .map($0, enhancement: context.mapEnhancement)
                },
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

    /// An entered incident more than a kilometre outside its municipality is questioned, as an imported one is;
    /// only to those who see where it lies, since the warning names the municipality it lies in.
    func placementWarning(visible: Bool) -> String? {
        guard visible else { return nil }
        return registry.placementWarning(
            RDPoint(x: incident.rdX, y: incident.rdY), municipality: incident.municipalityCode
        ).map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }
}
