import Fluent
import Foundation
import NEIGCore
import Vapor

/// `/api/v1/cases`, `/cases/{id}/measures`, `/cases/{id}/info` and `/signals`: the handelingskader for other systems,
/// with the same rules as the pages (through the same services and `CaseAccess`).
enum CaseAPIRoutes {
    static func register(_ api: any RoutesBuilder) {
        api.get(.apiCases, use: listCases)
        api.post(.apiCases, use: createCase)
        api.get(.apiCase(id: .key), use: getCase)
        api.post(.apiCase(id: .key, .phase), use: changePhase)
        api.get(.apiCase(id: .key, .measures), use: listMeasures)
        api.post(.apiCase(id: .key, .measures), use: createMeasure)
        api.get(.apiCase(id: .key, .info), use: listInformation)
        api.post(.apiCase(id: .key, .info), use: createInformation)
        api.get(.apiSignals, use: listSignals)
        api.post(.apiSignals, use: createSignal)
    }

    static func invalid(_ detail: String, _ errors: [FormViews.FieldError]) -> NEIGError {
        NEIGError.unprocessable(
            detail, items: errors.map { Problem.Item(column: $0.jsonName, reason: $0.message) })
    }

    static func body<T: Decodable>(_ req: Request, _ type: T.Type) throws -> T {
        guard let body = try? req.content.decode(T.self) else {
            throw NEIGError.badRequest("De body moet een JSON-object met de beschreven velden en typen zijn.")
        }
        return body
    }

    static func created<T: Content>(_ value: T, location: String) throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(value)
        response.headers.replaceOrAdd(name: .location, value: location)
        return response
    }

    // MARK: Cases

    struct CaseDTO: Content {
        var id: UUID
        var municipality_code: String
        var title: String
        var phase: String
        var access: String
        var address: String?
        var phase_started_on: String?
        var confidentiality: String?
        var opened_on: String?
        var handle_before: String?
        var responsible: String?

        init(_ caseFile: CaseFile, level: CaseAccess.Level) {
            id = caseFile.id!
            municipality_code = caseFile.municipalityCode
            title = caseFile.title
            phase = caseFile.phase.rawValue
            access = level == .municipality ? "municipality" : "partner"
            guard level == .municipality else { return }
            address = caseFile.address
            phase_started_on = caseFile.phaseStartedOn
            confidentiality = caseFile.confidentiality.rawValue
            opened_on = caseFile.openedOn
            handle_before = caseFile.handleBefore
            responsible = caseFile.responsible
        }
    }

    struct CaseList: Content { var items: [CaseDTO] }

    static func listCases(_ req: Request) async throws -> CaseList {
        let user = try req.requireUser()
        let (cases, level) = try await CaseAccess.visibleCases(of: user, on: req.db)
        return CaseList(items: cases.map { CaseDTO($0, level: level) })
    }

    struct CaseInput: Decodable {
        var title: String?
        var address: String?
        var phase: String?
        var confidentiality: String?
        var handling_days: Int?
        var responsible: String?
    }

    static func createCase(_ req: Request) async throws -> Response {
        let (user, _) = try CaseAccess.caseActor(req.context)
        let input = try body(req, CaseInput.self)
        switch CaseService.validate(
            title: input.title, address: input.address, phase: input.phase,
            confidentiality: input.confidentiality ?? "zaakvertrouwelijk",
            handlingDays: String(input.handling_days ?? CaseService.defaultHandlingDays), responsible: input.responsible
        ) {
        case .invalid(let errors): throw invalid("De zaak is niet geopend.", errors)
        case .valid(let draft):
            let caseFile = try await CaseService.open(draft, by: user, context: req.context)
            return try created(
                CaseDTO(caseFile, level: .municipality),
                location: SiteURL.apiCase(id: try caseFile.requireID()).path)
        }
    }

    static func getCase(_ req: Request) async throws -> CaseDTO {
        let (_, caseFile, level) = try await CaseAccess.find(req)
        return CaseDTO(caseFile, level: level)
    }

    struct PhaseInput: Decodable {
        var phase: String?
        var note: String?
    }

    static func changePhase(_ req: Request) async throws -> CaseDTO {
        let (user, caseFile, _) = try await CaseAccess.find(req)
        let input = try body(req, PhaseInput.self)
        if case .failure(let refusal) = try await CaseService.changePhase(
            caseFile, to: input.phase, note: input.note, by: user, context: req.context)
        {
            throw NEIGError.unprocessable(
                "De fase is niet gewijzigd.", items: [Problem.Item(column: "phase", reason: refusal.message)])
        }
        return CaseDTO(caseFile, level: .municipality)
    }

    // MARK: Measures

    struct MeasureDTO: Content {
        var id: UUID
        var case_id: UUID
        var type: String
        var legal_basis: String
        var state: String
        var motivation: String
        var information_ids: [UUID]
        var addressee: String?
        var starts_on: String?
        var ends_on: String?
        var decided_by: String?
        var decided_at: String?
        var notified_on: String?
        var objection_ends: String?
        var objection_received_on: String?
        var objection_decision_due: String?

        /// `live`: the cited items that still exist and have not expired; an expired one is not referenced at all.
        init(_ measure: Measure, live: Set<UUID>) throws {
            id = measure.id!
            case_id = measure.$caseFile.id
            type = measure.type.rawValue
            legal_basis = measure.legalBasis
            state = measure.state.rawValue
            motivation = measure.motivation
            information_ids = try measure.citedInformation.filter(live.contains)
            addressee = measure.addressee
            starts_on = measure.startsOn
            ends_on = measure.endsOn
            decided_by = measure.decidedBy
            decided_at = measure.decidedAt.map { $0.formatted(.iso8601) }
            notified_on = measure.notifiedOn
            objection_ends = measure.objectionEnds?.iso
            objection_received_on = measure.objectionReceivedOn
            objection_decision_due = measure.objectionDecisionDue?.iso
        }
    }

    struct MeasureList: Content { var items: [MeasureDTO] }

    static func listMeasures(_ req: Request) async throws -> MeasureList {
        let (_, caseFile, _) = try await CaseAccess.find(req)
        let measures = try await Measure.query(on: req.db).with(\.$citationRows).filter(
            \.$caseFile.$id == caseFile.requireID()
        ).sort(\.$createdAt).all()
        let live = try await MeasureService.liveCitations(
            of: measures, today: req.application.neig.clock.today, on: req.db)
        return MeasureList(items: try measures.map { try MeasureDTO($0, live: live) })
    }

    struct MeasureInput: Decodable {
        var type: String?
        var apv_article: String?
        var addressee: String?
        var starts_on: String?
        var ends_on: String?
        var motivation: String?
        var information_ids: [String]?
    }

    static func createMeasure(_ req: Request) async throws -> Response {
        let (user, caseFile, _) = try await CaseAccess.find(req)
        let input = try body(req, MeasureInput.self)
        let visible = try await InformationService.visibleItems(
            caseID: caseFile.requireID(), user: user, today: req.application.neig.clock.today, on: req.db)
        switch MeasureService.validate(
            type: input.type, apvArticle: input.apv_article, addressee: input.addressee, startsOn: input.starts_on,
            endsOn: input.ends_on, motivation: input.motivation, information: input.information_ids ?? [],
            allowedInformation: Set(visible.compactMap(\.item.id)))
        {
        case .invalid(let errors): throw invalid("De maatregel is niet opgeslagen.", errors)
        case .valid(let draft):
            let measure = try await MeasureService.create(draft, in: caseFile, by: user, context: req.context)
            let live = try await MeasureService.liveCitations(
                of: [measure], today: req.application.neig.clock.today, on: req.db)
            return try created(
                try MeasureDTO(measure, live: live),
                location: SiteURL.measure(id: try measure.requireID()).path)
        }
    }

    // MARK: Information

    struct InformationDTO: Content {
        var id: UUID
        var case_id: UUID
        var author_role: String
        var classification: String
        var purpose: String
        var expires_on: String
        var created_at: String
        /// Only when the request names a purpose (`?purpose=`); that read is logged.
        var summary: String?

        init(_ item: InformationItem, withSummary: Bool) {
            id = item.id!
            case_id = item.$caseFile.id
            author_role = item.authorRole.rawValue
            classification = item.classification.rawValue
            purpose = item.purpose
            expires_on = item.expiresOn
            created_at = item.createdAt.formatted(.iso8601)
            summary = withSummary ? item.summary : nil
        }
    }

    struct InformationList: Content { var items: [InformationDTO] }

    static func listInformation(_ req: Request) async throws -> InformationList {
        let (user, caseFile, _) = try await CaseAccess.find(req)
        let purposeText = req.query[String.self, at: "purpose"]
        let purpose = purposeText.flatMap(InformationViewPurpose.init(rawValue:))
        if let purposeText, purpose == nil {
            throw NEIGError.badRequest(
                "purpose is onbekend.",
                items: [.init(column: "purpose", reason: "'\(purposeText)' is geen doel; zie de OpenAPI-beschrijving")])
        }
        let visible = try await InformationService.visibleItems(
            caseID: caseFile.requireID(), user: user, today: req.application.neig.clock.today, on: req.db)
        if let purpose {
            try await InformationService.recordViews(
                of: visible.map(\.item), by: user, purpose: purpose, context: req.context)
        } else if !visible.isEmpty {
            try await req.audit(
                "information.list", object: "case", id: try caseFile.requireID().uuidString.lowercased(),
                detail: "items=\(visible.count) without summaries")
        }
        return InformationList(items: visible.map { InformationDTO($0.item, withSummary: purpose != nil) })
    }

    struct InformationInput: Decodable {
        var summary: String?
        var classification: String?
        var purpose: String?
        var expires_on: String?
        var share_with_roles: [String]?
        var share_with_users: [String]?
    }

    static func createInformation(_ req: Request) async throws -> Response {
        let (_, caseFile, _) = try await CaseAccess.find(req)
        let input = try body(req, InformationInput.self)
        let checked = InformationService.validate(
            summary: input.summary, classification: input.classification, purpose: input.purpose,
            expiresOn: input.expires_on, roles: input.share_with_roles ?? [], users: input.share_with_users ?? [],
            today: req.application.neig.clock.today)
        guard case .valid(let draft) = checked else {
            if case .invalid(let errors) = checked { throw invalid("De informatie is niet gedeeld.", errors) }
            throw Abort(.internalServerError)
        }
        switch try await InformationService.share(draft, in: caseFile, context: req.context) {
        case .invalid(let errors): throw invalid("De informatie is niet gedeeld.", errors)
        case .valid(let item):
            return try created(
                InformationDTO(item, withSummary: true), location: SiteURL.information(id: item.id!).path)
        }
    }

    // MARK: Signals

    struct SignalDTO: Content {
        var id: UUID
        var municipality_code: String
        var sender_type: String
        var address: String
        var kind: String
        var urgency: String
        var text: String
        var status: String
        var created_at: String
        var sector: String?
        var postcode: String?
        var team: String?
        var reason: String?
        var case_id: UUID?

        init(_ signal: RiskSignal, showCase: Bool) {
            id = signal.id!
            municipality_code = signal.municipalityCode
            sender_type = signal.sender.rawValue
            address = signal.address
            kind = signal.kind.rawValue
            urgency = signal.urgency.rawValue
            text = signal.text
            status = signal.status.rawValue
            created_at = signal.createdAt.formatted(.iso8601)
            sector = signal.sector?.rawValue
            postcode = signal.postcode
            team = signal.team
            reason = signal.reason
            case_id = showCase ? signal.caseID : nil
        }
    }

    struct SignalList: Content { var items: [SignalDTO] }

    static func listSignals(_ req: Request) async throws -> SignalList {
        let user = try req.requireUser()
        let signals = try await SignalService.visible(to: user, on: req.db).sort(\.$createdAt, .descending).limit(500)
            .all()
        return SignalList(items: signals.map { SignalDTO($0, showCase: AccessPolicy.caseRoles.contains(user.role)) })
    }

    struct SignalInput: Decodable {
        var municipality_code: String?
        var address: String?
        var postcode: String?
        var kind: String?
        var urgency: String?
        var sector: String?
        var text: String?
    }

    static func createSignal(_ req: Request) async throws -> Response {
        let (user, sender) = try SignalService.sender(req.context)
        let input = try body(req, SignalInput.self)
        switch SignalService.validate(
            municipality: input.municipality_code, address: input.address, postcode: input.postcode, kind: input.kind,
            urgency: input.urgency ?? SignalUrgency.normal.rawValue, sector: input.sector, text: input.text,
            sender: sender,
            registry: req.application.neig.municipalities)
        {
        case .invalid(let errors): throw invalid("Het signaal is niet verstuurd.", errors)
        case .valid(let draft):
            let signal = try await SignalService.submit(draft, by: user, sender: sender, context: req.context)
            return try created(
                SignalDTO(signal, showCase: false),
                location: SiteURL.signal(id: try signal.requireID()).path)
        }
    }
}
