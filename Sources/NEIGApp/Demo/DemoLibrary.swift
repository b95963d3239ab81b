import Fluent
import Foundation
import NEIGCore
import Vapor

/// A few library items for the demo, one of them public, so search and reading can be tried at once.
enum DemoLibrary {
    static let documents:
        [(
            title: String, summary: String, body: String, kind: DocumentKind, lines: [ApproachLine],
            phases: [CasePhase],
            visibility: Visibility
        )] = [
            (
                "Handelingskader explosies: de eerste 72 uur",
                "Wat de gemeente doet na een explosie bij een woning of bedrijf.",
                """
                ## Direct na de explosie
                - Stel met politie en brandweer de **veiligheid van bewoners en buren** vast.
                - Laat bouw- en woningtoezicht de constructie beoordelen.
                - Regel noodopvang waar nodig.

                ## Binnen 24 uur
                Informeer de buurt met een brief en, bij een tweede explosie in korte tijd, een bewonersavond.
                Vraag de politie om een bestuurlijke rapportage voor de motivering van een sluiting (artikel 174a Gemeentewet).
                """, .handelingskader, [.nazorg, .communicatie], [.explosie], .publiek
            ),
            (
                "Near-repeat: extra toezicht na een aanslag",
                "Waarom de eerste weken en de eerste paar honderd meter tellen.",
                "Onderzoek laat zien dat het risico op een nieuwe aanslag in de eerste weken en binnen enkele honderden meters verhoogd is. "
                    + "Plan extra toezicht en huisbezoeken in die zone.", .bestPractice, [.nazorg, .kennis],
                [.nazorg], .leden
            ),
            (
                "Bewonersavond na explosies in de wijk", "Praktijkervaring van een middelgrote gemeente.",
                "Na drie explosies in één straat organiseerde de gemeente met politie en woningcorporatie een bewonersavond. "
                    + "Wat werkte: korte lijnen, een vast aanspreekpunt en een terugkoppeling na twee weken.",
                .praktijkervaring, [.nazorg, .communicatie], [.nazorg], .leden
            ),
            (
                "Gebiedsverbod bij herhaalde verstoring", "Handreiking voor artikel 172a Gemeentewet bij dreiging.",
                "Een gebiedsverbod vraagt om herhaalde verstoring van de openbare orde en een zorgvuldige motivering.",
                .handreiking, [.preventie], [.dreiging], .leden
            )
        ]

    static func seed(_ app: Application, author: User) async throws {
        let meeting = NetworkEvent()
        meeting.title = "Kennissessie: nazorg in de straat na een explosie"
        meeting.description =
            "Drie gemeenten vertellen hoe zij bewoners informeren en de buurt betrekken. Met politie en een woningcorporatie."
        let today = app.neig.clock.today.adding(days: 14)
        meeting.startsAt = EventService.amsterdam(today, TimeOfDay(parsing: "14:00")!) ?? app.neig.clock.now()
        meeting.endsAt = meeting.startsAt.addingTimeInterval(7200)
        meeting.location = "Utrecht, VNG"
        meeting.capacity = 40
        meeting.organiserID = try author.requireID()
        meeting.organiserName = author.name
        meeting.createdAt = app.neig.clock.now()
        try await meeting.create(on: app.db)
        for (offset, item) in documents.enumerated() {
            let document = LibraryDocument()
            document.title = item.title
            document.summary = item.summary
            document.body = item.body
            document.kind = item.kind
            document.authorOrganisation = "VNG — Netwerk Explosies In Gemeenten"
            document.visibility = item.visibility
            document.version = 1
            document.createdBy = try author.requireID()
            document.updatedAt = app.neig.clock.now().addingTimeInterval(-Double(offset) * 86_400)
            try await document.create(on: app.db)
            try await document.replaceTags(
                lines: item.lines, phases: item.phases, on: app.db)
            try await LibrarySearch.index(document, isNew: true, on: app.db)
        }
    }
}
