import Fluent
import Foundation
import NEIGCore
import Vapor

/// The interventions the action plan names, so the registry, an evaluation and a decision can be seen at once.
enum DemoInterventions {
    struct Item {
        let name: String
        let description: String
        let line: ApproachLine
        let partners: String
        let target: String
        let municipalities: [String]
        let start: String
        let sprint: Bool
        let outputs: [(String, Int, Int)]
    }

    static let items = [
        Item(
            name: "JOZ-sketch op scholen in kwetsbare wijken",
            description:
                "Jongerenwerk op Zuid speelt een sketch over het plegen van een aanslag en gaat met leerlingen in gesprek over de risico’s.",
            line: .preventie, partners: "Jongerenwerk op Zuid, lokale jeugdwerkers, scholen",
            target: "Leerlingen in kwetsbare wijken",
            municipalities: ["GM0599", "GM0518"], start: "2025-04-01", sprint: false,
            outputs: [("Scholen bezocht", 50, 37)]),
        Item(
            name: "Workshops explosieven voor jongeren",
            description:
                "Getrainde begeleiders geven workshops over explosies aan alle deelnemers van de jeugdorganisatie.",
            line: .preventie, partners: "Jeugdorganisatie (demo)", target: "Jongeren 12–18 jaar",
            municipalities: ["GM0363"], start: "2025-04-28",
            sprint: false, outputs: [("Jongeren bereikt", 5000, 3120)]),
        Item(
            name: "Workshops bij sportclubs",
            description: "Een internationaal scheidsrechter bezoekt sportclubs en geeft workshops aan jeugdteams.",
            line: .preventie, partners: "Sportclubs, KNVB (demo)", target: "Jeugdteams",
            municipalities: ["GM0599", "GM0363", "GM0344"],
            start: "2025-05-01", sprint: false, outputs: [("Sportclubs bezocht", 40, 18)]),
        Item(
            name: "Toolbox Meld Misdaad Anoniem",
            description:
                "Communicatiemiddelen waarmee gemeenten en partners anoniem melden over explosieven onder de aandacht brengen.",
            line: .communicatie, partners: "Meld Misdaad Anoniem", target: "Bewoners en ondernemers",
            municipalities: ["GM0599", "GM0363", "GM0518", "GM0344"],
            start: "2025-06-01", sprint: false, outputs: [("Gemeenten die de toolbox gebruiken", 30, 12)]),
        Item(
            name: "Field Lab: buurtvoorlichting na een aanslag",
            description:
                "Uit het Field Lab: binnen 48 uur na een aanslag huis-aan-huisvoorlichting met politie en corporatie, in 100 dagen uitgerold.",
            line: .nazorg, partners: "Gemeente, politie, woningcorporaties (demo)", target: "Buurtbewoners",
            municipalities: ["GM0599"],
            start: "2025-03-24", sprint: true, outputs: [("Buurten bezocht", 20, 20)])
    ]

    static func seed(_ app: Application, coordinator: User) async throws {
        let now = app.neig.clock.now()
        var interventions: [Intervention] = []
        for item in items {
            let intervention = Intervention()
            intervention.name = item.name
            intervention.description = item.description
            intervention.line = item.line
            intervention.ownerOrganisationID = coordinator.$organisation.id
            intervention.ownerName = "VNG — Netwerk Explosies In Gemeenten"
            intervention.partners = item.partners
            intervention.targetGroup = item.target
            intervention.startsOn = item.start
            intervention.status = InterventionStatus.lopend
            intervention.sprint = item.sprint
            intervention.createdAt = now
            intervention.updatedAt = now
            try await intervention.create(on: app.db)
            try await intervention.replaceLists(
                municipalities: item.municipalities, postcodeAreas: [], documents: [], on: app.db)
            for output in item.outputs {
                let row = InterventionOutput()
                (row.$intervention.id, row.label, row.planned, row.realised) = (
                    try intervention.requireID(), output.0, output.1, output.2
                )
                try await row.create(on: app.db)
            }
            if item.sprint {
                for (title, due, done) in [
                    ("Interventie ontworpen in het Field Lab", "2025-03-28", true),
                    ("Eerste tien buurten bezocht", "2025-05-15", true),
                    ("Evaluatie met politie en corporaties", "2025-07-01", true)
                ] {
                    let milestone = InterventionMilestone()
                    (milestone.$intervention.id, milestone.title, milestone.dueOn, milestone.doneOn) = (
                        try intervention.requireID(), title, due, done ? due : nil
                    )
                    try await milestone.create(on: app.db)
                }
            }
            interventions.append(intervention)
        }
        guard let first = interventions.first,
            case .success(let snapshot) = try await InterventionService.snapshot(
                first, request: .init(seed: 2025), by: coordinator.name, app: app, on: app.db)
        else { return }
        let decision = InterventionDecision()
        decision.$intervention.id = try first.requireID()
        decision.decision = InterventionDecisionKind.bijstellen
        decision.decidedOn = app.neig.clock.today.iso
        decision.decidedBy = "\(coordinator.name) (VNG)"
        decision.rationale =
            "Na twaalf maanden is een effect op het aantal aanslagen niet aan te tonen. Doorgaan op de scholen met de meeste aanmeldingen "
            + "van jongeren bij Meld Misdaad Anoniem; over een halfjaar opnieuw evalueren."
        decision.snapshotID = snapshot.id
        decision.createdAt = now
        try await decision.create(on: app.db)
    }
}
