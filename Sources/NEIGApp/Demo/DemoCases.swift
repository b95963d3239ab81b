import Fluent
import Foundation
import NEIGCore
import Vapor

/// A worked example of the handelingskader for the demo: an Amsterdam case after an attack, shared with the police,
/// with police information for the mayor, a closure measure put to the mayor, signals and a routing rule.
enum DemoCases {
    static func seed(_ app: Application) async throws {
        let db = app.db, now = app.neig.clock.now(), today = app.neig.clock.today
        guard let officer = try await User.query(on: db).filter(\.$email == "oov.amsterdam@demo.neig.nl").first(),
            let police = try await User.query(on: db).filter(\.$email == "politie@demo.neig.nl").first(),
            let corporation = try await User.query(on: db).filter(\.$email == "corporatie@demo.neig.nl").first(),
            let business = try await User.query(on: db).filter(\.$email == "ondernemers@demo.neig.nl").first()
        else { return }
        let incident = try await Incident.query(on: db).filter(\.$municipalityCode == "GM0363").sort(
            \.$occurredOn, .descending
        ).first()
        try await db.transaction { tx in
            let caseFile = CaseFile()
            caseFile.municipalityCode = "GM0363"
            caseFile.title = incident?.address ?? "Voorbeeldstraat 12"
            caseFile.address =
                incident.map { [$0.address, $0.postcode].compactMap { $0 }.joined(separator: ", ") }
                ?? "Voorbeeldstraat 12, Amsterdam"
            caseFile.phase = CasePhase.explosie
            caseFile.phaseStartedOn = today.adding(days: -2).iso
            caseFile.confidentiality = CaseConfidentiality.vertrouwelijk
            caseFile.openedOn = today.adding(days: -9).iso
            caseFile.handleBefore = today.adding(days: 47).iso
            caseFile.responsible = officer.name
            caseFile.createdAt = now.addingTimeInterval(-9 * 86_400)
            try await caseFile.create(on: tx)
            let caseID = try caseFile.requireID()
            let threatStart = now.addingTimeInterval(-9 * 86_400), explosionStart = now.addingTimeInterval(-2 * 86_400)
            try await CaseEvent(
                caseID: caseID, position: 1, occurredAt: threatStart, actorName: officer.name, kind: .geopend,
                from: nil, to: .dreiging,
                text: "Signaal van de woningcorporatie: bewoner bedreigd."
            ).create(on: tx)
            try await Checklists.instantiate(for: caseFile, phase: .dreiging, startedAt: threatStart, on: tx)
            try await CaseEvent(
                caseID: caseID, position: 2, occurredAt: explosionStart, actorName: officer.name, kind: .fase,
                from: .dreiging, to: .explosie,
                text: "Explosie bij de voordeur in de nacht."
            ).create(on: tx)
            try await Checklists.instantiate(for: caseFile, phase: .explosie, startedAt: explosionStart, on: tx)
            for task in try await CaseTask.query(on: tx).filter(\.$caseFile.$id == caseID).filter(\.$phase == .dreiging)
                .all()
            {
                task.doneAt = threatStart.addingTimeInterval(20 * 3600)
                task.doneBy = officer.name
                try await task.save(on: tx)
            }
            if let incident {
                try await CaseIncident(caseID: caseID, incidentID: try incident.requireID()).create(on: tx)
            }
            try await CaseShare(caseID: caseID, userID: try police.requireID(), sharedBy: officer.name, at: threatStart)
                .create(on: tx)
            let item = InformationItem()
            item.$caseFile.id = caseID
            item.municipalityCode = "GM0363"
            item.authorID = try police.requireID()
            item.authorName = police.name
            item.authorRole = .police
            item.summary =
                "Bestuurlijke rapportage: het pand is eerder betrokken geweest bij een conflict in het criminele milieu; "
                + "herhaling binnen enkele weken is waarschijnlijk."
            item.classification = InformationClassification.confidential
            item.purpose = "Motivering sluiting woning (art. 174a Gemeentewet)"
            item.expiresOn = today.adding(days: 90).iso
            item.createdAt = explosionStart.addingTimeInterval(6 * 3600)
            try await item.create(on: tx)
            for role in [Role.mayor, .municipalOfficer] {
                try await InformationRecipient(itemID: try item.requireID(), role: role).create(on: tx)
            }
            let measure = Measure()
            measure.$caseFile.id = caseID
            measure.municipalityCode = "GM0363"
            measure.type = MeasureType.closure174a
            measure.legalBasis = MeasureType.closure174a.legalBasis!
            measure.state = MeasureState.voorgelegd
            measure.addressee = "De rechthebbende van het pand"
            measure.addresseeAddress = "\(caseFile.title)\n1017 GC Amsterdam"
            measure.startsOn = today.adding(days: 1).iso
            measure.endsOn = today.adding(days: 91).iso
            measure.motivation =
                "Op het adres vond een aanslag met een explosief plaats. Volgens de informatie van de politie is herhaling "
                + "waarschijnlijk. De veiligheid van de buren vraagt om sluiting van de woning voor drie maanden."
            measure.decisionExtended = false
            measure.createdAt = explosionStart.addingTimeInterval(20 * 3600)
            let officer = try await User.query(on: tx).filter(\.$email == "oov.amsterdam@demo.neig.nl").first()
            measure.submittedByID = officer?.id
            measure.submittedBy = officer?.name
            measure.submittedAt = explosionStart.addingTimeInterval(22 * 3600)
            measure.submissionNote =
                "Graag vaststellen vóór donderdag: de buren vragen om rust en de politie verwacht herhaling."
            measure.decideBefore = today.adding(days: 2).iso
            try await measure.create(on: tx)
            try await measure.replaceCitations([try item.requireID()], on: tx)
            for (sender, user, kind, sector, text) in [
                (
                    SignalSender.housingCorporation, corporation, SignalKind.threat, nil as BusinessSector?,
                    "Huurder meldt bedreiging aan de deur."
                ),
                (
                    .business, business, .extortion, .hospitality,
                    "Eigenaar van een café wordt afgeperst en durft geen aangifte te doen."
                )
            ] {
                let signal = RiskSignal()
                signal.municipalityCode = "GM0363"
                signal.senderID = try user.requireID()
                signal.senderName = user.name
                signal.sender = sender
                signal.sector = sector
                signal.address = sender == .business ? "Voorbeeldplein 3" : caseFile.title
                signal.postcode = "1017 GC"
                signal.kind = kind
                signal.urgency = SignalUrgency.high
                signal.text = text
                signal.status = sender == .business ? .new : .linked
                signal.caseID = sender == .business ? nil : caseID
                signal.team = sender == .business ? "Team Ondermijning Centrum" : "Team OOV Centrum"
                signal.createdAt = threatStart.addingTimeInterval(sender == .business ? 8 * 86_400 : -3600)
                signal.settledOn = sender == .business ? nil : today.adding(days: -9).iso
                try await signal.create(on: tx)
            }
            let paper = Letterhead()
            paper.municipalityCode = "GM0363"
            paper.sender = "Gemeente Amsterdam"
            paper.visitingAddress = "Amstel 1, 1011 PN Amsterdam"
            paper.postalAddress = "Postbus 202, 1000 AE Amsterdam"
            paper.objectionAddress =
                "De burgemeester van Amsterdam, t.a.v. Juridische Zaken, Postbus 202, 1000 AE Amsterdam"
            paper.objectionEmail = "bezwaar@demo.neig.nl"
            paper.court = "Rechtbank Amsterdam"
            paper.signatory = "De burgemeester van Amsterdam, Bram Burgemeester"
            paper.updatedBy = "demo"
            paper.updatedAt = explosionStart
            try await paper.create(on: tx)
            let rule = RoutingRule()
            rule.municipalityCode = "GM0363"
            rule.priority = 10
            rule.team = "Team Ondermijning Centrum"
            try await rule.create(on: tx)
            try await rule.replaceConditions(
                postcodeAreas: ["1011", "1012", "1017"], kinds: [], senders: [.business], on: tx)
        }
    }
}
