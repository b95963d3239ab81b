import Fluent
import Foundation
import NEIGCore
import Vapor

/// The registration form checked field by field, and saved with its output lines.
enum InterventionInput {
    struct Draft {
        var name: String
        var description: String
        var line: ApproachLine
        var partners: String
        var targetGroup: String
        var municipalities: [String]
        var postcodeAreas: [String]
        var start: CivilDate
        var end: CivilDate?
        var status: InterventionStatus
        var cost: Int?
        var sprint: Bool
        var outputs: [(label: String, planned: Int, realised: Int)]
        var documents: [UUID]
    }

    /// Municipalities by CBS code or by name, comma-separated.
    static func municipalities(_ text: String, registry: MunicipalityRegistry) -> Checked<[String]> {
        var codes: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { continue }
            let found =
                registry[word.uppercased()]
                ?? registry.all.first {
                    $0.displayName.compare(word, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
                        || $0.officialName.compare(word, options: [.caseInsensitive, .diacriticInsensitive])
                            == .orderedSame
                }
            guard let found else {
                return .invalid([
                    .init(
                        field: InterventionField.municipalities,
                        message: "‘\(word)’ is geen gemeente (naam of CBS-code zoals GM0363).")
                ])
            }
            if !codes.contains(found.code) { codes.append(found.code) }
        }
        return .valid(codes)
    }

    /// Sums of outputs stay far from overflow with at most 100 lines.
    static let maximumOutput = 10_000_000

    /// Output lines `label | gepland` or `label | gepland | gerealiseerd`.
    static func outputs(_ text: String) -> Checked<[(label: String, planned: Int, realised: Int)]> {
        var outputs: [(label: String, planned: Int, realised: Int)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !(parts.count == 1 && parts[0].isEmpty), !parts.isEmpty else { continue }
            guard (2...3).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 200,
                case .success(let planned) = BoundedNumber.integer(parts[1], in: 1...maximumOutput),
                case .success(let realised) = parts.count == 3
                    ? BoundedNumber.integer(parts[2], in: 0...maximumOutput) : .success(0)
            else {
                return .invalid([
                    .init(
                        field: InterventionField.outputs,
                        message:
                            "Regel \(number + 1): schrijf ‘omschrijving | gepland’ of ‘omschrijving | gepland | gerealiseerd’ met hele getallen."
                    )
                ])
            }
            outputs.append((parts[0], planned, realised))
            if outputs.count > 100 {
                return .invalid([.init(field: InterventionField.outputs, message: "Noem ten hoogste 100 outputs.")])
            }
        }
        return .valid(outputs)
    }

    static func validate(_ form: Form, registry: MunicipalityRegistry) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let name = (form.naam ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 {
            errors.append(
                .init(field: InterventionField.name, message: "Geef de interventie een naam van hoogstens 200 tekens."))
        }
        let description = (form.omschrijving ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count > 10_000 {
            errors.append(
                .init(field: InterventionField.description, message: "De omschrijving is langer dan 10.000 tekens."))
        }
        let line = ApproachLine(rawValue: form.lijn ?? "")
        if line == nil { errors.append(.init(field: InterventionField.line, message: "Kies de lijn van de aanpak.")) }
        var codes: [String] = []
        switch municipalities(form.gemeenten ?? "", registry: registry) {
        case .valid(let found) where found.isEmpty:
            errors.append(
                .init(
                    field: InterventionField.municipalities,
                    message: "Noem ten minste één gemeente waar de interventie loopt."))
        case .valid(let found): codes = found
        case .invalid(let problems): errors += problems
        }
        let areas = PostcodeAreas.parse(form.postcodegebieden ?? "")
        if let invalid = areas.invalid {
            errors.append(
                .init(
                    field: InterventionField.postcodeAreas,
                    message: "‘\(invalid)’ is geen postcodegebied van vier cijfers."))
        }
        let start = CivilDate(parsing: form.start ?? "")
        if start == nil {
            errors.append(.init(field: InterventionField.start, message: "Geef de startdatum (JJJJ-MM-DD)."))
        }
        var end: CivilDate?
        if let text = form.einde, !text.isEmpty {
            end = CivilDate(parsing: text)
            if end == nil || (start != nil && end! < start!) {
                errors.append(.init(field: InterventionField.end, message: "De einddatum is een datum na de start."))
            }
        }
        let status = InterventionStatus(rawValue: form.status ?? "")
        if status == nil { errors.append(.init(field: InterventionField.status, message: "Kies een status.")) }
        var cost: Int?
        if let text = form.kosten?.replacingOccurrences(of: ".", with: "").trimmingCharacters(in: .whitespaces),
            !text.isEmpty
        {
            cost = BoundedNumber.integer(text, in: 0...1_000_000_000_000)
                .orFieldError(
                    InterventionField.cost, &errors,
                    message: "De kosten zijn een heel aantal euro’s, ten hoogste een biljoen.")
        }
        var outputs: [(label: String, planned: Int, realised: Int)] = []
        switch Self.outputs(form.output ?? "") {
        case .valid(let found): outputs = found
        case .invalid(let problems): errors += problems
        }
        let documents = (form.documenten ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" })
            .compactMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) }
        guard errors.isEmpty, let line, let start, let status else { return .invalid(errors) }
        return .valid(
            Draft(
                name: name, description: description, line: line, partners: String((form.partners ?? "").prefix(1000)),
                targetGroup: String((form.doelgroep ?? "").prefix(500)), municipalities: codes,
                postcodeAreas: areas.areas,
                start: start, end: end, status: status, cost: cost, sprint: form.sprint == "ja", outputs: outputs,
                documents: documents))
    }

    /// The scalar fields; `storeLists` saves the places and documents once the row exists.
    static func apply(_ draft: Draft, to intervention: Intervention) {
        intervention.name = draft.name
        intervention.description = draft.description
        intervention.line = draft.line
        intervention.partners = draft.partners
        intervention.targetGroup = draft.targetGroup
        intervention.startsOn = draft.start.iso
        intervention.endsOn = draft.end?.iso
        intervention.status = draft.status
        intervention.costEuros = draft.cost
        intervention.sprint = draft.sprint
    }

    static func storeLists(_ draft: Draft, of intervention: Intervention, on db: any Database) async throws {
        try await intervention.replaceLists(
            municipalities: draft.municipalities, postcodeAreas: draft.postcodeAreas,
            documents: draft.documents, on: db)
    }

    static func save(_ draft: Draft, owner user: User, now: Date, context: ServiceContext) async throws -> Intervention
    {
        let intervention = Intervention()
        apply(draft, to: intervention)
        intervention.ownerOrganisationID = try user.$organisation.id
        intervention.ownerName = user.$organisation.value?.name ?? user.name
        intervention.createdAt = now
        intervention.updatedAt = now
        try await context.db.transaction { tx in
            try await intervention.create(on: tx)
            try await storeLists(draft, of: intervention, on: tx)
            for output in draft.outputs {
                let row = InterventionOutput()
                (row.$intervention.id, row.label, row.planned, row.realised) = (
                    try intervention.requireID(), output.label, output.planned, output.realised
                )
                try await row.create(on: tx)
            }
            try await context.audit(
                "intervention.create", object: "intervention", id: intervention.id?.uuidString.lowercased(),
                detail: "line=\(draft.line.rawValue) municipalities=\(draft.municipalities.count)", on: tx)
        }
        return intervention
    }

    /// The registration as the form sends it (the API fills the same fields from its JSON).
    struct Form: Content {
        var naam: String?
        var omschrijving: String?
        var lijn: String?
        var partners: String?
        var doelgroep: String?
        var gemeenten: String?
        var postcodegebieden: String?
        var start: String?
        var einde: String?
        var status: String?
        var kosten: String?
        var sprint: String?
        var output: String?
        var documenten: String?

        var values: [String: String] {
            [
                "naam": naam, "omschrijving": omschrijving, "lijn": lijn, "partners": partners, "doelgroep": doelgroep,
                "gemeenten": gemeenten,
                "postcodegebieden": postcodegebieden, "start": start, "einde": einde, "status": status,
                "kosten": kosten, "sprint": sprint,
                "output": output, "documenten": documenten
            ].compactMapValues { $0 }
        }
    }

    struct EvaluationFields: Content {
        var vergelijking: String?
        var maanden_voor: String?
        var maanden_na: String?
        var seed: String?
        /// "vastleggen" freezes the result; anything else shows it first.
        var actie: String?
    }

    /// Checks an evaluation request: comparison areas (municipalities by code or name, or postcode-4 areas when the
    /// intervention runs in those), windows and seed.
    static func evaluationRequest(_ form: EvaluationFields, registry: MunicipalityRegistry, postcodes: Bool) -> Checked<
        InterventionService.EvaluationRequest
    > {
        var errors: [FormViews.FieldError] = []
        var request = InterventionService.EvaluationRequest()
        let controlsText = (form.vergelijking ?? "").trimmingCharacters(in: .whitespaces)
        if !controlsText.isEmpty && postcodes {
            let parsed = PostcodeAreas.parse(controlsText)
            if let invalid = parsed.invalid {
                errors.append(
                    .init(
                        field: InterventionField.controls,
                        message:
                            "‘\(invalid)’ is geen postcodegebied van vier cijfers; deze interventie vergelijkt postcodegebieden."
                    ))
            } else {
                request.controls = parsed.areas
            }
        } else if !controlsText.isEmpty {
            switch municipalities(controlsText, registry: registry) {
            case .valid(let codes): request.controls = codes
            case .invalid(let problems):
                errors += problems.map { .init(field: InterventionField.controls, message: $0.message) }
            }
        }
        for (field, text, range) in [
            ("maanden_voor", form.maanden_voor, 3...120), ("maanden_na", form.maanden_na, 1...60)
        ] {
            guard let text, !text.isEmpty else { continue }
            guard case .success(let value) = BoundedNumber.integer(text, in: range) else {
                errors.append(.init(field: field, message: "Kies \(range.lowerBound) tot \(range.upperBound) maanden."))
                continue
            }
            if field == "maanden_voor" { request.monthsBefore = value } else { request.monthsAfter = value }
        }
        if let seed = form.seed, !seed.isEmpty {
            guard case .success(let value) = BoundedNumber.integer(seed, in: 0...Int.max).map(UInt64.init) else {
                return .invalid(errors + [.init(field: InterventionField.seed, message: "De seed is een heel getal.")])
            }
            request.seed = value
        }
        return errors.isEmpty ? .valid(request) : .invalid(errors)
    }
}
