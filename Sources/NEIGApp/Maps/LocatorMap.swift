import NEIGCore
import Plot

/// Where an incident lies: its municipality among the neighbours, with the point for those who may see locations.
enum LocatorMap {
    static func figure(_ incident: Incident, showPoint: Bool, registry: MunicipalityRegistry) -> MapFigure? {
        let code = incident.municipalityCode
        guard let shape = registry.boundaries?[code] else { return nil }
        let point = RDPoint(x: incident.rdX, y: incident.rdY)
        var focus = shape.bounds
        if showPoint { focus.include(point) }
        guard var map = AreaMap(registry: registry, focus: focus, margin: 1_000, width: 340, aspect: 0.75) else {
            return nil
        }
        map.drawContext(highlight: [code])
        let name = map.name(code)
        if showPoint {
            map.canvas.circle(point, radius: 9, fill: "#b3260b", fillOpacity: 0.2, stroke: "#b3260b", kind: "omgeving")
            map.canvas.circle(
                point, radius: 4.5, fill: "#b3260b", stroke: "#ffffff", title: incident.address ?? name, kind: "aanslag"
            )
        }
        map.drawNames(bold: [code])
        if showPoint { map.canvas.addLegend("de aanslag", fill: "#b3260b", stroke: "#ffffff", shape: .dot) }
        map.canvas.addLegend(name, fill: "#ffffff", stroke: "#1a1a1a")
        let sentence =
            showPoint
            ? "De aanslag ligt op RD x \(SVGCanvas.number(point.x)), y \(SVGCanvas.number(point.y)), in \(name)."
            : "De kaart toont alleen de gemeente \(name); de plaats van de aanslag ziet u niet."
        return MapFigure(
            canvas: map.canvas, name: "Kaart: ligging van de aanslag in \(name)", id: "kaart-ligging",
            caption: nil, alternative: .p(.class("muted"), .text(sentence)), small: true)
    }
}
