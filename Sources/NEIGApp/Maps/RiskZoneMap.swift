import Fluent
import Foundation
import NEIGCore
import Plot

/// A risk area: the zone around each attack that raised it, the earlier attacks inside those zones, and the circle
/// that covers them all, over the municipalities it lies in.
struct RiskZoneMap: Sendable {
    struct Zone: Sendable {
        let centre: RDPoint
        let radius: Double
    }

    let area: RiskArea
    let zones: [Zone]
    let attacks: [Incident]
    let raising: Set<UUID>

    static let zoneColour = "#b3260b"
    static let earlierColour = "#4a4a4a"

    static func load(_ area: RiskArea, on db: any Database) async throws -> RiskZoneMap {
        let alerts = try await NearRepeatAlert.query(on: db).filter(\.$riskArea.$id == area.requireID()).all()
        return RiskZoneMap(
            area: area,
            zones: alerts.map { Zone(centre: RDPoint(x: $0.centreX, y: $0.centreY), radius: $0.radius) },
            attacks: try await RiskAreaService.attacks(of: area, on: db), raising: Set(alerts.map(\.$incident.id)))
    }

    func canvas(registry: MunicipalityRegistry) -> MapCanvas? {
        let covering = Zone(centre: RDPoint(x: area.centreX, y: area.centreY), radius: area.radius)
        var focus = RDBounds(around: covering.centre, radius: covering.radius)
        for zone in zones { focus = focus.union(RDBounds(around: zone.centre, radius: zone.radius)) }
        guard var map = AreaMap(registry: registry, focus: focus, margin: 250, aspect: 0.7) else { return nil }
        map.drawContext(highlight: [area.municipalityCode])
        for zone in zones {
            map.canvas.circle(
                zone.centre, radiusMetres: zone.radius, fill: Self.zoneColour, fillOpacity: 0.12,
                stroke: Self.zoneColour, kind: "zone")
        }
        if zones.count > 1 {
            map.canvas.circle(
                covering.centre, radiusMetres: covering.radius, fill: "none", fillOpacity: 0, stroke: "#1a1a1a",
                dashed: true, kind: "gebied")
        }
        // Earlier attacks first, so the ones that raised the area are drawn on top.
        for incident in attacks.reversed() where !raising.contains(incident.id ?? UUID()) {
            map.canvas.circle(
                RDPoint(x: incident.rdX, y: incident.rdY), radius: 4, fill: Self.earlierColour, stroke: "#ffffff",
                title: Self.label(incident, raising: false), kind: "eerder")
        }
        for incident in attacks.reversed() where raising.contains(incident.id ?? UUID()) {
            map.canvas.circle(
                RDPoint(x: incident.rdX, y: incident.rdY), radius: 5, fill: Self.zoneColour, stroke: "#ffffff",
                title: Self.label(incident, raising: true), kind: "aanslag")
        }
        map.drawNames()
        let radii = Set(zones.map { Int($0.radius.rounded()) }).sorted()
        let radiusText = radii.map { "\($0) m" }.joined(separator: " of ")
        map.canvas.addLegend("zone van \(radiusText) rond een aanslag", fill: Self.zoneColour, shape: .ring)
        map.canvas.addLegend("aanslag die de zone opende", fill: Self.zoneColour, stroke: "#ffffff", shape: .dot)
        if attacks.contains(where: { !raising.contains($0.id ?? UUID()) }) {
            map.canvas.addLegend("eerdere aanslag in de zone", fill: Self.earlierColour, stroke: "#ffffff", shape: .dot)
        }
        if zones.count > 1 {
            map.canvas.addLegend("het hele risicogebied", fill: "none", stroke: "#1a1a1a", shape: .ring)
        }
        return map.canvas
    }

    static func label(_ incident: Incident, raising: Bool) -> String {
        let date = CivilDate(parsing: incident.occurredOn)?.dutch ?? incident.occurredOn
        return [date, incident.address, raising ? "opende de zone" : "eerder"].compactMap { $0 }.joined(separator: ", ")
    }

    /// The map as a page shows it, pointing to the table of the same attacks.
    func figure(registry: MunicipalityRegistry, tableAnchor: String, listName: String = "tabel") -> MapFigure? {
        guard let canvas = canvas(registry: registry) else { return nil }
        return MapFigure(
            canvas: canvas, name: "Kaart van het risicogebied met \(attacks.count.counted(.attack))",
            id: "kaart-risicogebied",
            caption: "Zone rond elke aanslag tot en met \(CivilDate.dutch(iso: area.endsOn))",
            alternative: .p(
                .class("muted"), .text("Dezelfde aanslagen staan in de "),
                .a(.href("#\(tableAnchor)"), .text(listName)),
                .text(".")))
    }
}
