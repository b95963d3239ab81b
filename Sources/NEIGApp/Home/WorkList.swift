import Fluent
import Foundation
import NEIGCore
import Plot

/// The home page's "what is waiting for me": one short list per kind of work for the user's role, own municipality
/// first, each item linking to where it is handled. An empty list says so instead of disappearing.
struct WorkList {
    struct Item {
        let text: String
        let link: String
        /// "vóór 3 december 2026", "verstreken", shown in bold.
        var due: String?
    }

    struct Section {
        let title: String
        let items: [Item]
        let empty: String
        /// Where the whole list lives, when it has more than fits here.
        var more: (label: String, link: String)?
    }

    let sections: [Section]

    static let shown = 8

    static func load(for user: User, context: ServiceContext) async throws -> WorkList {
        let actor = user.actor
        switch actor.role {
        case .mayor: return WorkList(sections: try await mayor(actor, context: context))
        case .municipalOfficer: return WorkList(sections: try await officer(actor, context: context))
        case .coordinator: return WorkList(sections: try await coordinator(context: context))
        case .police, .prosecutor: return WorkList(sections: try await sharedWork(user, context: context))
        default: return WorkList(sections: [])
        }
    }

    static func due(_ date: CivilDate, today: CivilDate) -> String {
        let days = date.dayNumber - today.dayNumber
        return days < 0
            ? "verstreken (\(date.dutch))"
            : days == 0 ? "vandaag" : "uiterlijk \(date.dutch), nog \(days.counted(.day))"
    }

    /// Measures put to this mayor, with the officer's note and the date asked; then objections with their deadlines.
    static func mayor(_ actor: Actor, context: ServiceContext) async throws -> [Section] {
        guard let code = actor.municipalityCode else { return [] }
        let today = context.clock.today
        let submitted = try await Measure.query(on: context.db).filter(\.$municipalityCode == code)
            .filter(\.$state == .voorgelegd).with(\.$caseFile).sort(\.$submittedAt).all()
            .sorted { ($0.decideBefore ?? "9999") < ($1.decideBefore ?? "9999") }
        let decisions = submitted.map { measure in
            Item(
                text: "\(measure.type.label) — \(measure.caseFile.title)"
                    + (measure.submittedBy.map { ", voorgelegd door \($0)" } ?? "")
                    + (measure.submissionNote.map { ": \u{201C}\($0.prefix(140))\u{201D}" } ?? ""),
                link: SiteURL.measure(id: measure.id!, .besluiten).path,
                due: measure.decideBefore.flatMap(CivilDate.init(parsing:)).map { due($0, today: today) })
        }
        return [
            Section(title: "Besluiten die op u wachten", items: decisions, empty: "Er ligt geen besluit voor u klaar."),
            Section(
                title: "Bezwaar en termijnen", items: try await deadlines(code, context: context),
                empty: "Geen termijn van de Awb loopt binnen een week af.")
        ]
    }

    static func deadlines(_ code: String, context: ServiceContext) async throws -> [Item] {
        let today = context.clock.today
        return try await Measure.query(on: context.db).filter(\.$municipalityCode == code)
            .filter(\.$state ~~ [MeasureState.bekendgemaakt, MeasureState.beeindigd]).with(\.$caseFile).all()
            .compactMap { measure -> (CivilDate, Item)? in
                guard let pending = measure.pendingDeadline(today: today),
                    pending.date.dayNumber - today.dayNumber <= AwbDeadlines.warningDays
                else { return nil }
                return (
                    pending.date,
                    Item(
                        text: "\(pending.label): \(measure.type.label.lowercased()) — \(measure.caseFile.title)",
                        link: SiteURL.measure(id: measure.id!).path, due: due(pending.date, today: today))
                )
            }
            .sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func officer(_ actor: Actor, context: ServiceContext) async throws -> [Section] {
        guard let code = actor.municipalityCode else { return [] }
        let now = context.clock.now(), today = context.clock.today
        let weekAhead = now.addingTimeInterval(7 * 86_400)
        let open = try await CaseTask.query(on: context.db)
            .join(CaseFile.self, on: \CaseTask.$caseFile.$id == \CaseFile.$id)
            .filter(CaseFile.self, \.$municipalityCode == code).filter(\.$doneAt == nil).filter(\.$dueAt < weekAhead)
            .sort(\.$dueAt).all()
        let steps = try open.compactMap { task -> Item? in
            let caseFile = try task.joined(CaseFile.self)
            guard caseFile.phase == task.phase else { return nil }
            let late = task.dueAt < now
            return Item(
                text: "\(task.title) (\(task.owner)) — \(caseFile.title)",
                link: SiteURL.caseFile(id: caseFile.id!).path + "#checklist",
                due: late
                    ? "te laat, was vóór \(CaseDetailView.timeFormat.string(from: task.dueAt))"
                    : "vóór \(CaseDetailView.timeFormat.string(from: task.dueAt))")
        }
        let measures = try await Measure.query(on: context.db).filter(\.$municipalityCode == code)
            .filter(\.$state ~~ [MeasureState.voorgelegd, MeasureState.concept]).with(\.$caseFile).all()
        let atMayor = measures.filter { $0.state == .voorgelegd }.map { measure in
            Item(
                text: "\(measure.type.label) — \(measure.caseFile.title)",
                link: SiteURL.measure(id: measure.id!).path,
                due: measure.decideBefore.map { "gevraagd vóór \(CivilDate.dutch(iso: $0))" })
        }
        let sentBack = measures.filter { $0.state == .concept && $0.mayorRemark != nil }.map { measure in
            Item(
                text:
                    "Teruggestuurd door de burgemeester: \(measure.type.label.lowercased()) — \(measure.caseFile.title)",
                link: SiteURL.measure(id: measure.id!).path, due: nil)
        }
        let signals = try await RiskSignal.query(on: context.db).filter(\.$municipalityCode == code)
            .filter(\.$status == SignalStatus.new).sort(\.$createdAt, .descending).all()
        let signalItems = signals.map { signal in
            Item(
                text: "\(signal.kind.label) — \(signal.address)",
                link: SiteURL.signal(id: signal.id!).path, due: nil)
        }
        let areas = try await RiskArea.query(on: context.db).filter(\.$municipalityCode == code)
            .filter(\.$closedOn == nil).filter(\.$endsOn >= today.iso).filter(\.$caseID == nil).all()
            .sorted { $0.priority(today: today) > $1.priority(today: today) }
        let places = try await RiskAreaParts.places(of: areas, on: context.db)
        let alertItems = areas.map { area in
            Item(
                text: RiskAreaParts.name(area, place: places[area.id!], registry: context.municipalities)
                    + ", prioriteit \(area.level(today: today).rawValue)",
                link: SiteURL.riskArea(id: area.id!).path, due: "loopt tot en met \(CivilDate.dutch(iso: area.endsOn))")
        }
        return [
            Section(
                title: "Stappen die te laat zijn of deze week moeten", items: steps,
                empty: "Geen stap van het handelingskader is te laat of valt deze week."),
            Section(
                title: "Maatregelen", items: sentBack + atMayor,
                empty: "Geen maatregel ligt bij de burgemeester of is teruggestuurd."),
            Section(
                title: "Termijnen van de Awb", items: try await deadlines(code, context: context),
                empty: "Geen termijn loopt binnen een week af."),
            Section(
                title: "Nieuwe signalen", items: signalItems, empty: "Geen nieuwe signalen.",
                more: ("Alle signalen", SiteURL.signals(status: "nieuw").path)),
            Section(
                title: "Risicogebieden zonder zaak", items: alertItems,
                empty: "Bij elk lopend risicogebied in uw gemeente hoort een zaak, of er loopt er geen.",
                more: ("Alle risicogebieden", SiteURL.alerts.path))
        ]
    }

    static func coordinator(context: ServiceContext) async throws -> [Section] {
        let applications = try await MembershipApplication.query(on: context.db)
            .filter(\.$status == MembershipApplication.Status.confirmed).sort(\.$createdAt).all()
        let studies = try await CaseStudy.query(on: context.db).filter(\.$status == CaseStudy.Status.submitted).all()
        let questions = try await Question.query(on: context.db).filter(\.$answerCount == 0)
            .sort(\.$createdAt).all()
        let areas = try await RiskArea.query(on: context.db).filter(\.$closedOn == nil)
            .filter(\.$endsOn >= context.clock.today.iso).all(\.$municipalityCode)
        let perMunicipality = Dictionary(grouping: areas, by: { $0 }).mapValues(\.count)
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return [
            Section(
                title: "Aanmeldingen om te beoordelen",
                items: applications.map {
                    Item(text: "\($0.name), \($0.organisation)", link: SiteURL.membershipApplications.path, due: nil)
                }, empty: "Geen aanmelding wacht op u."),
            Section(
                title: "Casuïstiek om te beoordelen",
                items: studies.map { Item(text: $0.title, link: SiteURL.caseStudy(id: $0.id!).path, due: nil) },
                empty: "Geen casus wacht op beoordeling."),
            Section(
                title: "Vragen zonder antwoord",
                items: questions.map { Item(text: $0.title, link: SiteURL.question(id: $0.id!).path, due: nil) },
                empty: "Elke vraag heeft een antwoord."),
            Section(
                title: "Gemeenten met de meeste lopende risicogebieden",
                items: perMunicipality.prefix(5).map { code, count in
                    Item(
                        text: "\(context.municipalities[code]?.displayName ?? code): \(count) lopend",
                        link: SiteURL.alerts.path + "?gemeente=\(code)", due: nil)
                }, empty: "Er loopt nergens een risicogebied.")
        ]
    }

    /// Police and OM: the cases shared with them, and their own information that expires within two weeks.
    static func sharedWork(_ user: User, context: ServiceContext) async throws -> [Section] {
        let userID = try user.requireID()
        let today = context.clock.today
        let shared = try await CaseShare.query(on: context.db).filter(\.$user.$id == userID).with(\.$caseFile)
            .sort(\.$createdAt, .descending).all()
        let expiring = try await InformationItem.query(on: context.db).filter(\.$authorID == userID)
            .filter(\.$expiresOn >= today.iso).filter(\.$expiresOn <= today.adding(days: 14).iso).sort(\.$expiresOn)
            .all()
        return [
            Section(
                title: "Zaken die met u zijn gedeeld",
                items: shared.map {
                    Item(
                        text: "\($0.caseFile.title) (gedeeld door \($0.sharedBy))",
                        link: SiteURL.caseFile(id: $0.$caseFile.id).path, due: nil)
                }, empty: "Er is geen zaak met u gedeeld."),
            Section(
                title: "Uw informatie die binnenkort vervalt",
                items: expiring.map {
                    Item(
                        text: $0.purpose, link: SiteURL.information(id: $0.id!).path,
                        due: "vervalt \(CivilDate.dutch(iso: $0.expiresOn))")
                }, empty: "Geen informatie van u vervalt binnen twee weken.")
        ]
    }

    var view: Node<HTML.BodyContext> {
        guard !sections.isEmpty else { return .empty }
        return .section(
            .class("work"), .attribute(named: "aria-labelledby", value: "kop-werk"),
            .h2(.id("kop-werk"), .text("Wat op u wacht")),
            .forEach(sections) { section in
                .div(
                    .h3(.text(section.items.isEmpty ? section.title : "\(section.title) (\(section.items.count))")),
                    section.items.isEmpty
                        ? .p(.class("muted"), .text(section.empty))
                        : .ul(
                            .class("work-list"),
                            .forEach(section.items.prefix(Self.shown)) { item in
                                .li(
                                    .a(.href(item.link), .text(item.text)),
                                    .unwrap(item.due) { .span(.class("due"), .text(" — \($0)")) })
                            }),
                    .if(
                        section.items.count > Self.shown,
                        .unwrap(section.more) { .p(.a(.href($0.link), .text("\($0.label) (\(section.items.count))"))) })
                )
            })
    }
}
