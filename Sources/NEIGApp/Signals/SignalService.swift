import Fluent
import Foundation
import NEIGCore
import Vapor

/// The rules of signals, shared by the pages and the API: what a signal needs, routing to a team, triage.
enum SignalService {

    /// The acting user as a sender of signals; other roles get 403.
    static func sender(_ context: ServiceContext) throws -> (User, SignalSender) {
        let user = try context.requireUser()
        guard let sender = SignalSender(role: user.role) else {
            throw NEIGError.forbidden("Signalen melden woningcorporaties, ondernemers en de politie.")
        }
        return (user, sender)
    }

    struct Draft {
        let municipalityCode: String
        let address: String
        let postcode: String?
        let kind: SignalKind
        let urgency: SignalUrgency
        let sector: BusinessSector?
        let text: String
    }

    static func validate(
        municipality: String?, address: String?, postcode: String?, kind: String?, urgency: String?, sector: String?,
        text: String?, sender: SignalSender, registry: MunicipalityRegistry
    ) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let code = (municipality ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        if !registry.contains(code) {
            errors.append(
                .init(field: SignalField.municipality, message: "Kies de gemeente waar het signaal over gaat."))
        }
        let address = (address ?? "").trimmingCharacters(in: .whitespaces)
        if address.isEmpty || address.count > 200 {
            errors.append(.init(field: SignalField.address, message: "Vul het adres in (hoogstens 200 tekens)."))
        }
        let postcodeText = (postcode ?? "").trimmingCharacters(in: .whitespaces)
        let normalised = postcodeText.isEmpty ? nil : Postcode.normalise(postcodeText)
        if !postcodeText.isEmpty && normalised == nil {
            errors.append(.init(field: SignalField.postcode, message: "'\(postcodeText)' is geen postcode (1234 AB)."))
        }
        let kind = SignalKind(rawValue: kind ?? "")
        if kind == nil { errors.append(.init(field: SignalField.kind, message: "Kies de soort risico.")) }
        let urgency = SignalUrgency(rawValue: urgency ?? "")
        if urgency == nil { errors.append(.init(field: SignalField.urgency, message: "Kies de urgentie.")) }
        let sector = BusinessSector(rawValue: sector ?? "")
        if sender == .business && sector == nil {
            errors.append(.init(field: SignalField.sector, message: "Kies de sector van het bedrijf."))
        }
        let text = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 4000 {
            errors.append(.init(field: SignalField.text, message: "Beschrijf wat er speelt (1 tot 4000 tekens)."))
        }
        guard errors.isEmpty, let kind, let urgency else { return .invalid(errors) }
        return .valid(
            Draft(
                municipalityCode: code, address: address, postcode: normalised, kind: kind, urgency: urgency,
                sector: sender == .business ? sector : nil, text: text))
    }

    static func submit(_ draft: Draft, by user: User, sender: SignalSender, context: ServiceContext) async throws
        -> RiskSignal
    {
        let rules = try await RoutingRule.queryWithConditions(on: context.db).filter(
            \.$municipalityCode == draft.municipalityCode
        ).all().map { try $0.rule }
        let signal = RiskSignal()
        signal.municipalityCode = draft.municipalityCode
        signal.senderID = try user.requireID()
        signal.senderName = user.name
        signal.sender = sender
        signal.sector = draft.sector
        signal.address = draft.address
        signal.postcode = draft.postcode
        signal.kind = draft.kind
        signal.urgency = draft.urgency
        signal.text = draft.text
        signal.status = SignalStatus.new
        signal.team = SignalRoutingRule.route(postcode: draft.postcode, kind: draft.kind, sender: sender, rules: rules)
        signal.createdAt = context.clock.now()
        try await context.db.transaction { tx in
            try await signal.create(on: tx)
            try await context.audit(
                "signal.submit", object: "signal", id: signal.id?.uuidString.lowercased(),
                detail: "municipality=\(draft.municipalityCode) kind=\(draft.kind.rawValue) team=\(signal.team ?? "-")",
                on: tx)
        }
        return signal
    }

    /// The signals a user lists: their municipality's for its OOV staff and mayor, otherwise the ones they sent.
    static func visible(to user: User, on db: any Database) throws -> QueryBuilder<RiskSignal> {
        AccessPolicy.caseRoles.contains(user.role)
            ? RiskSignal.query(on: db).filter(\.$municipalityCode == user.actor.municipalityCode ?? "")
            : RiskSignal.query(on: db).filter(\.$senderID == (try user.requireID()))
    }

    /// Who sees a signal: its sender, and the OOV staff and mayor of its municipality.
    static func canSee(_ signal: RiskSignal, user: User) -> Bool {
        signal.senderID == user.id || AccessPolicy.canManageCases(user.actor, municipalityCode: signal.municipalityCode)
    }

    enum TriageError: Error { case invalid(field: SignalField, message: String) }

    static func triage(
        _ signal: RiskSignal, to status: String?, reason: String?, caseID: String?, team: String?, by user: User,
        context: ServiceContext
    ) async throws -> Result<Void, TriageError> {
        let current = signal.status
        guard let next = status.flatMap(SignalStatus.init(rawValue:)), current.allowedNext.contains(next) else {
            try await context.audit(
                "signal.triage", object: "signal", id: signal.id?.uuidString.lowercased(), result: "denied",
                detail: "from=\(current.rawValue) to=\(status ?? "")")
            return .failure(
                .invalid(
                    field: SignalField.status,
                    message: current.allowedNext.isEmpty
                        ? "Dit signaal is afgehandeld."
                        : "Vanuit \(current.label.lowercased()) kan alleen: \(current.allowedNext.map { $0.label.lowercased() }.joined(separator: " of "))."
                ))
        }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if next == .rejected && (reason.isEmpty || reason.count > 1000) {
            return .failure(
                .invalid(field: SignalField.reason, message: "Geef de reden van afwijzen; de afzender ziet die."))
        }
        var linkedCase: CaseFile?
        if next == .linked {
            guard let id = caseID.flatMap(UUID.init(uuidString:)),
                let found = try await CaseFile.find(id, on: context.db),
                found.municipalityCode == signal.municipalityCode
            else {
                return .failure(
                    .invalid(
                        field: SignalField.caseFile,
                        message: "Kies een zaak van uw gemeente om het signaal aan te koppelen."))
            }
            linkedCase = found
        }
        let linked = linkedCase
        let team = (team ?? "").trimmingCharacters(in: .whitespaces)
        if team.count > 100 {
            return .failure(.invalid(field: SignalField.team, message: "De teamnaam is langer dan 100 tekens."))
        }
        signal.status = next
        signal.reason = next == .rejected ? reason : signal.reason
        signal.caseID = linked?.id ?? signal.caseID
        if !team.isEmpty { signal.team = team }
        if next == .linked || next == .rejected { signal.settledOn = context.clock.today.iso }
        try await context.db.transaction { tx in
            try await signal.save(on: tx)
            if let linked {
                try await CaseAccess.appendEvent(
                    linked, actor: user.name, kind: .signaal,
                    text: "Signaal gekoppeld: \(signal.kind.label) van \(signal.sender.label.lowercased())",
                    at: context.clock.now(), on: tx)
            }
            try await context.audit(
                "signal.triage", object: "signal", id: signal.id?.uuidString.lowercased(),
                detail: "from=\(current.rawValue) to=\(next.rawValue)", on: tx)
        }
        return .success(())
    }
}
