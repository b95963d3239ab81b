import Fluent
import Foundation
import NEIGCore
import Vapor

/// The rules of measures, shared by the pages and the API: what a new measure needs, which state changes are
/// allowed to whom, and the mayor's re-authentication before adopting (OWASP ASVS 3.7.1).
enum MeasureService {
    struct Draft {
        let type: MeasureType
        let legalBasis: String
        let addressee: String?
        let addresseeAddress: String?
        let startsOn: CivilDate?
        let endsOn: CivilDate?
        let motivation: String
        let information: [UUID]
    }

    static func validate(
        type: String?, apvArticle: String?, addressee: String?, addresseeAddress: String? = nil, startsOn: String?,
        endsOn: String?, motivation: String?, information: [String], allowedInformation: Set<UUID>
    ) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let type = MeasureType(rawValue: type ?? "")
        if type == nil { errors.append(.init(field: MeasureField.kind, message: "Kies de soort maatregel.")) }
        let article = (apvArticle ?? "").trimmingCharacters(in: .whitespaces)
        if type == .apv && (article.isEmpty || article.count > 200) {
            errors.append(
                .init(
                    field: MeasureField.apvArticle,
                    message: "Noem het artikel van de APV, bijvoorbeeld 'artikel 2:79 APV Amsterdam'."))
        }
        let start = (startsOn ?? "").isEmpty ? nil : CivilDate(parsing: startsOn!)
        if !(startsOn ?? "").isEmpty && start == nil {
            errors.append(.init(field: MeasureField.startsOn, message: "De begindatum is geen datum (JJJJ-MM-DD)."))
        }
        let end = (endsOn ?? "").isEmpty ? nil : CivilDate(parsing: endsOn!)
        if !(endsOn ?? "").isEmpty && end == nil {
            errors.append(.init(field: MeasureField.endsOn, message: "De einddatum is geen datum (JJJJ-MM-DD)."))
        }
        if let start, let end, end < start {
            errors.append(.init(field: MeasureField.endsOn, message: "De einddatum ligt vóór de begindatum."))
        }
        let motivation = (motivation ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if motivation.count < 20 || motivation.count > 10_000 {
            errors.append(
                .init(
                    field: MeasureField.motivation,
                    message: "Motiveer de maatregel met de feiten waarop hij rust (20 tot 10.000 tekens)."))
        }
        let cited = information.compactMap(UUID.init(uuidString:))
        if cited.count != information.count || !Set(cited).isSubset(of: allowedInformation) {
            errors.append(
                .init(
                    field: MeasureField.informationIDs,
                    message: "U kunt alleen informatie aanhalen die met u is gedeeld en nog geldt."
                ))
        }
        let addressee = (addressee ?? "").trimmingCharacters(in: .whitespaces)
        if addressee.count > 200 {
            errors.append(.init(field: MeasureField.addressee, message: "De geadresseerde is langer dan 200 tekens."))
        }
        let address = (addresseeAddress ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if address.count > 300 || DecisionLetter.lines(address).count > 5 {
            errors.append(
                .init(
                    field: MeasureField.addresseeAddress, message: "Het adres past in vijf regels van samen 300 tekens."
                ))
        }
        guard errors.isEmpty, let type else { return .invalid(errors) }
        return .valid(
            Draft(
                type: type, legalBasis: type.legalBasis ?? article, addressee: addressee.isEmpty ? nil : addressee,
                addresseeAddress: address.isEmpty ? nil : address, startsOn: start, endsOn: end, motivation: motivation,
                information: cited))
    }

    static func create(_ draft: Draft, in caseFile: CaseFile, by user: User, context: ServiceContext) async throws
        -> Measure
    {
        let measure = Measure()
        measure.$caseFile.id = try caseFile.requireID()
        measure.municipalityCode = caseFile.municipalityCode
        measure.state = MeasureState.concept
        measure.apply(draft)
        measure.decisionExtended = false
        measure.createdAt = context.clock.now()
        try await context.db.transaction { tx in
            try await measure.create(on: tx)
            try await measure.replaceCitations(draft.information, on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .maatregel,
                text: "Concept: \(draft.type.label) (\(draft.legalBasis))", at: measure.createdAt, on: tx)
            try await context.audit(
                "measure.create", object: "measure", id: measure.id?.uuidString.lowercased(),
                detail: "case=\(caseFile.id!.uuidString.lowercased()) type=\(draft.type.rawValue)", on: tx)
        }
        return measure
    }

    /// A draft can be changed until it is put to the mayor; what the mayor decides is what was submitted.
    static func update(_ measure: Measure, with draft: Draft, by user: User, context: ServiceContext) async throws
        -> Result<Void, Refusal>
    {
        guard measure.state == .concept else {
            return .failure(
                .invalid(
                    field: .kind, message: "Alleen een concept kan worden gewijzigd. Neem de maatregel eerst terug."))
        }
        let caseFile = try await measure.$caseFile.get(on: context.db)
        measure.apply(draft)
        try await context.db.transaction { tx in
            try await measure.save(on: tx)
            try await measure.replaceCitations(draft.information, on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .maatregel, text: "Concept gewijzigd: \(draft.type.label)",
                at: context.clock.now(), on: tx)
            try await context.audit(
                "measure.update", object: "measure", id: measure.id?.uuidString.lowercased(),
                detail: "type=\(draft.type.rawValue)", on: tx)
        }
        return .success(())
    }

    enum Refusal: Error {
        /// Shown to the user; `field` names the form field.
        case invalid(field: MeasureField, message: String)
        case forbidden(String)
    }

    struct Transition {
        var to: String?
        var password: String?
        var code: String?
        var notifiedOn: String?
        var note: String?
        var decideBefore: String?
    }

    /// Moves a measure along `MeasureState.allowedNext`; adopting needs the mayor's password and a fresh TOTP code.
    static func transition(_ measure: Measure, _ change: Transition, by user: User, context: ServiceContext)
        async throws
        -> Result<Void, Refusal>
    {
        let current = measure.state
        let id = measure.id?.uuidString.lowercased()
        guard let next = change.to.flatMap(MeasureState.init(rawValue:)), current.canMove(to: next) else {
            try await context.audit(
                "measure.state", object: "measure", id: id, result: "denied",
                detail: "from=\(current.rawValue) to=\(change.to ?? "")")
            let allowed = current.allowedNext.map { $0.label.lowercased() }.joined(separator: " of ")
            return .failure(
                .invalid(
                    field: MeasureField.status,
                    message: allowed.isEmpty
                        ? "Deze maatregel is afgesloten."
                        : "Vanuit \(current.label.lowercased()) kan alleen: \(allowed)."))
        }
        let today = context.clock.today, now = context.clock.now()
        if MeasureState.mayorOnly.contains(next) {
            guard user.role == .mayor else {
                try await context.audit(
                    "measure.adopt", object: "measure", id: id, result: "denied", detail: "role=\(user.role.rawValue)")
                return .failure(.forbidden("Alleen de burgemeester stelt een besluit vast."))
            }
            guard try await context.confirmIdentity(user, change.password ?? "", change.code ?? "") else {
                try await context.audit("measure.step-up", object: "measure", id: id, result: "denied")
                return .failure(
                    .invalid(
                        field: MeasureField.password,
                        message: "Wachtwoord of code klopt niet. Vaststellen vraagt om opnieuw inloggen met beide."))
            }
            measure.decidedBy = user.name
            measure.decidedAt = now
        }
        if next == .bekendgemaakt {
            let date = (change.notifiedOn ?? "").isEmpty ? today : CivilDate(parsing: change.notifiedOn!)
            let decided = measure.decidedAt.map { NEIGClock.civilDate(of: $0) }
            guard let date, date <= today, decided.map({ date >= $0 }) ?? true else {
                return .failure(
                    .invalid(
                        field: MeasureField.publishedOn,
                        message: "De datum van bekendmaking ligt tussen de vaststelling en vandaag."))
            }
            measure.notifiedOn = date.iso
        }
        if next == .beeindigd, measure.endsOn.map({ $0 > today.iso }) ?? true { measure.endsOn = today.iso }
        let note = String((change.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(2000))
        if next == .ingetrokken && note.count < 5 {
            return .failure(
                .invalid(field: .reason, message: "Schrijf waarom de maatregel wordt ingetrokken (minstens 5 tekens)."))
        }
        if next == .voorgelegd {
            switch decideBefore(change.decideBefore, today: today) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let date): recordSubmission(measure, note: note, decideBefore: date, by: user, at: now)
            }
        }
        let mayorDecides = current == .voorgelegd && user.role == .mayor
        if mayorDecides && next != .vastgesteld { measure.mayorRemark = note.isEmpty ? nil : note }
        measure.state = next
        let caseFile = try await measure.$caseFile.get(on: context.db)
        let submitted = measure.submittedAt
        try await context.db.transaction { tx in
            // Another request may have moved it since this one read it: then nothing is written.
            guard let stored = try await Measure.find(measure.id, on: tx), stored.state == current,
                current != .voorgelegd || stored.submittedAt == submitted
            else {
                throw NEIGError(
                    status: .conflict, title: "Intussen gewijzigd",
                    detail:
                        "Iemand anders heeft deze maatregel intussen gewijzigd. Er is niets opgeslagen; open haar opnieuw."
                )
            }
            try await measure.save(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .maatregel,
                text: (mayorDecides
                    ? "\(measure.type.label): \(mayorsOutcome(next)) door de burgemeester"
                    : "\(measure.type.label): \(next.label.lowercased())") + (note.isEmpty ? "" : " — \(note)"),
                at: now,
                on: tx)
            try await context.audit(
                next == .vastgesteld ? "measure.adopt" : "measure.state", object: "measure", id: id,
                detail: "from=\(current.rawValue) to=\(next.rawValue)", on: tx)
            if next == .voorgelegd {
                try await announceSubmission(measure, caseFile: caseFile, context: context, on: tx)
            }
            if mayorDecides { try await announceDecision(measure, next, caseFile: caseFile, context: context, on: tx) }
        }
        return .success(())
    }

    /// The cited information that may still be named: it exists and has not expired. Letters and the API cite only
    /// these; the case history keeps only that an item existed.
    static func liveCitations(of measures: [Measure], today: CivilDate, on db: any Database) async throws -> Set<UUID> {
        let cited = Array(Set(try measures.flatMap { try $0.citedInformation }))
        guard !cited.isEmpty else { return [] }
        return Set(
            try await InformationItem.query(on: db).filter(\.$id ~~ cited).all().filter { !$0.isExpired(today: today) }
                .compactMap(\.id))
    }

    /// Registers an objection (bezwaar) on the date it came in, or extends the decision term once.
    static func objection(_ measure: Measure, receivedOn: String?, extend: Bool, by user: User, context: ServiceContext)
        async throws -> Result<Void, Refusal>
    {
        let today = context.clock.today
        guard measure.type.isObjectable, [.bekendgemaakt, .beeindigd].contains(measure.state),
            let notified = measure.notifiedOn
        else {
            return .failure(
                .invalid(
                    field: MeasureField.receivedOn,
                    message: "Bezwaar kan pas na bekendmaking, en niet tegen een noodverordening."))
        }
        let detail: String
        if extend {
            guard measure.objectionReceivedOn != nil, !measure.decisionExtended else {
                return .failure(
                    .invalid(
                        field: MeasureField.postpone, message: "Verdagen kan één keer, nadat bezwaar is ontvangen."))
            }
            measure.decisionExtended = true
            detail = "Beslistermijn op bezwaar met zes weken verdaagd tot \(measure.objectionDecisionDue!.dutch)"
        } else {
            guard measure.objectionReceivedOn == nil else {
                return .failure(
                    .invalid(field: MeasureField.receivedOn, message: "Er is al een bezwaar geregistreerd."))
            }
            guard let received = CivilDate(parsing: receivedOn ?? ""), received.iso >= notified, received <= today
            else {
                return .failure(
                    .invalid(
                        field: MeasureField.receivedOn,
                        message: "De ontvangstdatum ligt tussen de bekendmaking en vandaag (JJJJ-MM-DD)."))
            }
            measure.objectionReceivedOn = received.iso
            let late = measure.objectionEnds.map { received > $0 } ?? false
            detail =
                "Bezwaar ontvangen op \(received.dutch)" + (late ? " (na afloop van de bezwaartermijn)" : "")
                + "; beslissen vóór \(measure.objectionDecisionDue!.dutch)"
        }
        let caseFile = try await measure.$caseFile.get(on: context.db)
        try await context.db.transaction { tx in
            try await measure.save(on: tx)
            try await CaseAccess.appendEvent(
                caseFile, actor: user.name, kind: .bezwaar, text: detail, at: context.clock.now(), on: tx)
            try await context.audit(
                extend ? "measure.objection-extend" : "measure.objection", object: "measure",
                id: measure.id?.uuidString.lowercased(), on: tx)
        }
        return .success(())
    }
}
