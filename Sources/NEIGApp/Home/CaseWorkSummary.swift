import Fluent
import Foundation
import NEIGCore
import Plot
import Vapor

/// What needs the municipality's attention today: overdue checklist steps, Awb deadlines within a week, new signals.
struct CaseWorkSummary {
    struct Deadline {
        let measureID: UUID
        let title: String
        let label: String
        let date: CivilDate
    }

    let overdue: [(CaseFile, CaseTask)]
    let deadlines: [Deadline]
    let newSignals: Int
    let today: CivilDate

    static func load(for actor: Actor, app: Application, on db: any Database) async throws -> CaseWorkSummary? {
        guard AccessPolicy.caseRoles.contains(actor.role), let code = actor.municipalityCode else { return nil }
        let today = app.neig.clock.today
        let overdue = try await Checklists.overdue(municipalityCode: code, now: app.neig.clock.now(), on: db)
        let measures = try await Measure.query(on: db).filter(\.$municipalityCode == code)
            .filter(\.$state ~~ [MeasureState.bekendgemaakt, MeasureState.beeindigd]).all()
        let deadlines = measures.compactMap { measure -> Deadline? in
            guard let pending = measure.pendingDeadline(today: today),
                pending.date.dayNumber - today.dayNumber <= AwbDeadlines.warningDays
            else { return nil }
            return Deadline(measureID: measure.id!, title: measure.type.label, label: pending.label, date: pending.date)
        }.sorted { $0.date < $1.date }
        let newSignals = try await RiskSignal.query(on: db).filter(\.$municipalityCode == code)
            .filter(\.$status == SignalStatus.new).count()
        return CaseWorkSummary(overdue: overdue, deadlines: deadlines, newSignals: newSignals, today: today)
    }

    var notices: Node<HTML.BodyContext> {
        .div(
            .if(
                !overdue.isEmpty,
                .div(
                    .class("notice warning"),
                    .h2(
                        .text(
                            overdue.count == 1
                                ? "1 stap van het handelingskader is te laat"
                                : "\(overdue.count) stappen van het handelingskader zijn te laat")),
                    .ul(
                        .forEach(overdue.prefix(10)) { caseFile, task in
                            .li(
                                .a(.href(SiteURL.caseFile(id: caseFile.id!).path), .text(caseFile.title)),
                                .text(
                                    ": \(task.title) (\(task.owner)) — was vóór \(CaseDetailView.timeFormat.string(from: task.dueAt))"
                                ))
                        })
                )),
            .if(
                !deadlines.isEmpty,
                .div(
                    .class("notice warning"),
                    .h2(.text("Termijnen van de Awb binnen een week")),
                    .ul(
                        .forEach(deadlines) { deadline in
                            let days = deadline.date.dayNumber - today.dayNumber
                            return .li(
                                .a(
                                    .href(SiteURL.measure(id: deadline.measureID).path),
                                    .text(deadline.title)),
                                .text(
                                    ": \(deadline.label.lowercased()) op \(deadline.date.dutch)"
                                        + (days < 0
                                            ? " — verstreken"
                                            : days == 0 ? " — vandaag" : " — nog \(days) dag\(days == 1 ? "" : "en")")))
                        })
                )),
            .if(
                newSignals > 0,
                .p(
                    .class("notice"),
                    .a(
                        .href(SiteURL.signals(status: "nieuw").path),
                        .text(
                            newSignals == 1
                                ? "1 nieuw signaal wacht op beoordeling"
                                : "\(newSignals) nieuwe signalen wachten op beoordeling"))))
        )
    }
}
