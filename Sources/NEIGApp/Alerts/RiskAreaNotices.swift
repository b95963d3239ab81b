import Fluent
import Foundation
import NEIGCore
import Vapor

/// Who hears of new and grown risk areas: the municipality's own OOV staff and mayor, once per batch, in the app and
/// by one e-mail. No address or coordinates in e-mail: it travels further than neig; the details stay behind the
/// login.
enum RiskAreaNotices {
    static func recipients(of municipality: String, on db: any Database) async throws -> [User] {
        try await User.staff(of: municipality, in: [.municipalOfficer, .mayor], on: db)
    }

    static func send(_ placement: RiskAreaService.Placement, patterns: [String: Bool], app: Application) async throws {
        let now = app.neig.clock.now()
        let municipalities = Set((placement.created + placement.grown).map(\.municipalityCode)).sorted()
        for code in municipalities {
            let created = placement.created.filter { $0.municipalityCode == code }
            let grown = placement.grown.filter { $0.municipalityCode == code }
            let name = app.neig.municipalities[code]?.displayName ?? code
            let title = subject(created: created.count, grown: grown.count, in: name)
            let single = created.count + grown.count == 1 ? (created + grown).first?.id : nil
            let link = single.map { SiteURL.riskArea(id: $0).path } ?? SiteURL.alerts.path
            let text = body(
                created: created, grown: grown, pattern: patterns[code] ?? false, link: app.neig.publicURL + link)
            let people = try await recipients(of: code, on: app.db)
            try await app.db.transaction { tx in
                try await Notifier.notify(
                    Dictionary(uniqueKeysWithValues: people.compactMap { $0.id.map { ($0, "risk_area") } }),
                    title: title, link: link, now: now, on: tx)
                for person in people {
                    try await OutboxMessage(recipient: person.email, subject: "neig: \(title)", body: text, now: now)
                        .create(on: tx)
                }
            }
        }
    }

    static func subject(created: Int, grown: Int, in name: String) -> String {
        switch (created, grown) {
        case (1, 0): "nieuw risicogebied in \(name): verhoogd risico op een nieuwe aanslag"
        case (_, 0): "\(created.dutch) nieuwe risicogebieden in \(name)"
        case (0, 1): "risicogebied in \(name) is groter geworden na een nieuwe aanslag"
        case (0, _): "\(grown.dutch) risicogebieden in \(name) zijn groter geworden"
        default: "risicogebieden in \(name): \(created) nieuw, \(grown) groter geworden"
        }
    }

    static func body(created: [RiskArea], grown: [RiskArea], pattern: Bool, link: String) -> String {
        func describe(_ area: RiskArea) -> String {
            let others = area.attackCount - 1
            return
                "- verhoogd risico binnen \(Int(area.radius.rounded())) meter, tot en met \(CivilDate.dutch(iso: area.endsOn))"
                + (others > 0 ? "; in dit gebied waren al \(others.counted(.otherAttack))" : "")
        }
        var lines: [String] = []
        if !created.isEmpty {
            lines +=
                ["Na een aanslag geldt in uw gemeente een verhoogd risico op een nieuwe aanslag in de buurt:"]
                + created.map(describe) + [""]
        }
        if !grown.isEmpty {
            lines +=
                ["Na een nieuwe aanslag is dit risicogebied groter geworden of langer gaan lopen:"]
                + grown.map(describe) + [""]
        }
        if pattern {
            lines.append(
                "De aanslagen in uw gemeente volgen een near-repeatpatroon: na een aanslag volgt vaker een nieuwe dichtbij."
            )
            lines.append("")
        }
        lines +=
            ["Aanbevolen nazorg (handelingskader, fase nazorg):"] + NearRepeatZone.suggestedActions.map { "- " + $0 }
        lines += ["", "Adres, aanslagen en acties: \(link)", "", "Dit bericht is automatisch verstuurd door neig."]
        return lines.joined(separator: "\n")
    }
}

extension User {
    /// The active members of a municipality's own organisation in the given roles: who hears of its risk areas and
    /// of measures put to its mayor.
    static func staff(of municipality: String, in roles: [Role], on db: any Database) async throws -> [User] {
        try await User.query(on: db)
            .join(Organisation.self, on: \User.$organisation.$id == \Organisation.$id)
            .filter(Organisation.self, \.$municipalityCode == municipality)
            .filter(\.$role ~~ roles)
            .all().filter(\.isActive)
    }
}
