import Fluent
import Foundation
import NEIGCore

/// The mayor's decision as a step of its own: an officer puts a measure to the mayor with a note and a date, the
/// mayor hears of it in the app and by e-mail, decides on a page of its own, and the officer hears the outcome.
extension Measure {
    /// Identifies one submission: it changes each time the measure is put to the mayor again.
    var submissionVersion: String? { submittedAt.map { String(Int(($0.timeIntervalSince1970 * 1000).rounded())) } }
}

extension MeasureService {
    /// The three answers a mayor can give to a measure put before them.
    enum Choice: String, CaseIterable {
        case adopt = "vaststellen", sendBack = "terugsturen", refuse = "afwijzen"

        var label: String {
            switch self {
            case .adopt: "Vaststellen"
            case .sendBack: "Terugsturen met opmerking"
            case .refuse: "Afwijzen"
            }
        }

        var next: MeasureState {
            switch self {
            case .adopt: .vastgesteld
            case .sendBack: .concept
            case .refuse: .ingetrokken
            }
        }
    }

    struct Decision {
        var choice: String?
        var remark: String?
        var password: String?
        var code: String?
        /// The submission the mayor read (`Measure.submissionVersion`), so a measure taken back and changed in the
        /// meantime is not adopted unseen.
        var version: String?
    }

    /// Decides a submitted measure. Sending back and refusing need a remark for the officer; adopting needs the
    /// mayor's password and code (`transition`).
    static func decide(_ measure: Measure, _ decision: Decision, by user: User, context: ServiceContext) async throws
        -> Result<Choice, Refusal>
    {
        guard user.role == .mayor else { return .failure(.forbidden("Alleen de burgemeester neemt dit besluit.")) }
        guard measure.state == .voorgelegd else {
            return .failure(.invalid(field: .decision, message: "Deze maatregel ligt niet (meer) bij u voor."))
        }
        guard decision.version == measure.submissionVersion else {
            return .failure(
                .invalid(
                    field: .decision,
                    message:
                        "Deze maatregel is intussen teruggenomen of opnieuw voorgelegd. Lees haar opnieuw voordat u besluit."
                ))
        }
        guard let choice = decision.choice.flatMap(Choice.init(rawValue:)) else {
            return .failure(.invalid(field: .decision, message: "Kies vaststellen, terugsturen of afwijzen."))
        }
        let remark = (decision.remark ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if choice != .adopt && (remark.count < 5 || remark.count > 2000) {
            return .failure(
                .invalid(
                    field: .remark,
                    message: "Schrijf bij terugsturen of afwijzen wat de ambtenaar moet weten (5 tot 2.000 tekens)."))
        }
        let change = Transition(
            to: choice.next.rawValue, password: decision.password, code: decision.code, note: remark)
        switch try await transition(measure, change, by: user, context: context) {
        case .failure(let refusal): return .failure(refusal)
        case .success: return .success(choice)
        }
    }

    /// What submitting records and who hears of it: the municipality's mayors, in the app and by e-mail.
    static func recordSubmission(
        _ measure: Measure, note: String, decideBefore: CivilDate?, by user: User, at now: Date
    ) {
        measure.submittedByID = user.id
        measure.submittedBy = user.name
        measure.submittedAt = now
        measure.submissionNote = note.isEmpty ? nil : note
        measure.decideBefore = decideBefore?.iso
        measure.mayorRemark = nil
    }

    static func announceSubmission(_ measure: Measure, caseFile: CaseFile, context: ServiceContext, on db: any Database)
        async throws
    {
        let mayors = try await User.staff(of: measure.municipalityCode, in: [.mayor], on: db)
        let link = SiteURL.measure(id: try measure.requireID(), .besluiten).path
        let due = measure.decideBefore.map { " vóór \(CivilDate.dutch(iso: $0))" } ?? ""
        let title = "Besluit gevraagd\(due): \(measure.type.label.lowercased())"
        try await Notifier.notify(
            Dictionary(uniqueKeysWithValues: mayors.compactMap { $0.id.map { ($0, "measure:submitted") } }),
            title: "\(title) — \(caseFile.title)", link: link, now: context.clock.now(), on: db)
        for mayor in mayors {
            // No facts of the case in e-mail: it travels further than neig; the note and letter stay behind the login.
            try await OutboxMessage(
                recipient: mayor.email, subject: "neig: \(title)",
                body: [
                    "\(measure.submittedBy ?? "Een ambtenaar") heeft u een besluit voorgelegd: \(measure.type.label.lowercased()).",
                    measure.decideBefore.map { "Gevraagd wordt te beslissen vóór \(CivilDate.dutch(iso: $0))." } ?? "",
                    "",
                    "Bekijk en beslis: \(context.publicURL)\(link)"
                ].joined(separator: "\n"), now: context.clock.now()
            ).create(on: db)
        }
    }

    /// The officer who submitted hears what the mayor decided, in the app.
    static func announceDecision(
        _ measure: Measure, _ next: MeasureState, caseFile: CaseFile, context: ServiceContext, on db: any Database
    )
        async throws
    {
        guard let officer = measure.submittedByID else { return }
        let outcome = mayorsOutcome(next)
        try await Notifier.notify(
            [officer: "measure:decided"],
            title: "De burgemeester heeft \(measure.type.label.lowercased()) \(outcome) — \(caseFile.title)",
            link: SiteURL.measure(id: try measure.requireID()).path, now: context.clock.now(), on: db)
    }

    /// What a mayor's move from `voorgelegd` means in words.
    static func mayorsOutcome(_ next: MeasureState) -> String {
        switch next {
        case .vastgesteld: "vastgesteld"
        case .concept: "teruggestuurd"
        default: "afgewezen"
        }
    }

    /// Parses the date by which the officer asks a decision: empty, or today or later.
    static func decideBefore(_ text: String?, today: CivilDate) -> Result<CivilDate?, Refusal> {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .success(nil) }
        guard let date = CivilDate(parsing: text), date >= today, date <= today.adding(days: 366) else {
            return .failure(
                .invalid(field: .decideBefore, message: "Vraag een besluit vóór een datum vanaf vandaag (JJJJ-MM-DD)."))
        }
        return .success(date)
    }
}
