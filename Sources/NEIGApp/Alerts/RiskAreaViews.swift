import Fluent
import Foundation
import NEIGCore
import Plot

enum RiskAreaParts {
    /// The address of each area's latest attack, which names the area on lists.
    static func places(of areas: [RiskArea], on db: any Database) async throws -> [UUID: String] {
        let ids = areas.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let alerts = try await NearRepeatAlert.query(on: db).filter(\.$riskArea.$id ~~ ids).with(\.$incident).all()
        var latest: [UUID: Incident] = [:]
        for alert in alerts {
            guard let area = alert.$riskArea.id else { continue }
            if let known = latest[area],
                (known.occurredOn, known.sourceID) >= (alert.incident.occurredOn, alert.incident.sourceID)
            {
                continue
            }
            latest[area] = alert.incident
        }
        return latest.mapValues { $0.address ?? "adres onbekend" }
    }

    static func name(_ area: RiskArea, place: String?, registry: MunicipalityRegistry) -> String {
        let municipality = registry[area.municipalityCode]?.displayName ?? area.municipalityCode
        let others = area.attackCount - 1
        return "\(municipality): \(place ?? "risicogebied")"
            + (others > 0 ? " en \(others.counted(.otherAttack))" : "")
    }

    static func summary(_ area: RiskArea, today: CivilDate) -> String {
        let days = area.daysSinceLastAttack(today: today)
        let last = days == 0 ? "vandaag" : days == 1 ? "gisteren" : "\(days.counted(.day)) geleden"
        return
            "Prioriteit \(area.level(today: today).rawValue): \(area.attackCount.counted(.attack)), "
            + "de laatste \(last). Verhoogd risico binnen \(Int(area.radius.rounded())) m"
            + (area.state(today: today) == .closed
                ? "; gesloten op \(CivilDate.dutch(iso: area.closedOn ?? ""))."
                : " tot en met \(CivilDate.dutch(iso: area.endsOn)).")
    }
}

struct RiskAreaListView {
    let context: PageContext
    let areas: [RiskArea]
    let places: [UUID: String]
    let unseen: Set<UUID>
    let counts: [RiskArea.State: Int]
    /// nil: all states.
    let state: RiskArea.State?
    let municipality: String?
    let seesAll: Bool
    let today: CivilDate
    let registry: MunicipalityRegistry

    var document: HTML {
        Layout(
            title: "Waarschuwingen", context: context,
            content: .div(
                .h1(.text("Waarschuwingen: risicogebieden na aanslagen")),
                .p(
                    .class("lead"),
                    .text(
                        "Na een aanslag is het risico op een nieuwe aanslag in de buurt de eerste weken verhoogd. Zones die elkaar "
                            + "overlappen vormen één risicogebied, met al zijn aanslagen en één einddatum. De lijst staat op prioriteit: "
                            + "eerst de gebieden met de meeste en de meest recente aanslagen.")),
                filters,
                .p(.attribute(named: "role", value: "status"), .text(resultLine)),
                areas.isEmpty
                    ? .p(
                        .text(
                            state == .running ? "Er zijn geen lopende risicogebieden." : "Geen risicogebieden gevonden."
                        ))
                    : .ul(.class("results risk-areas"), .forEach(areas, card))
            )
        ).document
    }

    var resultLine: String {
        let one = areas.count == 1
        let adjective =
            switch state {
            case .running: one ? "lopend " : "lopende "
            case .ended: "afgelopen "
            case .closed: "vroegtijdig gesloten "
            case nil: ""
            }
        return "\(areas.count) \(adjective)risicogebied\(one ? "" : "en")"
            + (municipality.map { " in \(registry[$0]?.displayName ?? $0)" } ?? "") + "."
    }

    var filters: Node<HTML.BodyContext> {
        let states: [(String, String)] =
            RiskArea.State.allCases.map { ($0.rawValue, "\($0.label) (\(counts[$0] ?? 0))") } + [("alle", "Alle")]
        return .form(
            .method(.get), .action(SiteURL.alerts.path), .class("filters"),
            FormViews.select("staat", label: "Staat", options: states, selected: state?.rawValue ?? "alle", errors: []),
            .if(
                seesAll,
                FormViews.select(
                    "gemeente", label: "Gemeente",
                    options: [("", "Alle gemeenten")] + registry.all.map { ($0.code, $0.displayName) },
                    selected: municipality ?? "", errors: [])),
            .button(.type(.submit), .class("button"), .text("Tonen")))
    }

    func card(_ area: RiskArea) -> Node<HTML.ListContext> {
        let id = area.id!
        return .li(
            .class("risk-area level-\(area.level(today: today).rawValue)"),
            .h2(
                .a(
                    .href(SiteURL.riskArea(id: id).path),
                    .text(RiskAreaParts.name(area, place: places[id], registry: registry))),
                .if(
                    unseen.contains(id) && area.state(today: today) == .running,
                    .span(.class("badge new"), .text(" nieuw voor u")))),
            .p(.text(RiskAreaParts.summary(area, today: today))),
            .if(area.caseID != nil, .p(.text("Er is een zaak voor dit gebied."))))
    }
}
