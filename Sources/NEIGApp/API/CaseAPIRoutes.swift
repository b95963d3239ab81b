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
        var bag_id: String?
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
            bag_id = caseFile.bagID
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
        var bag_id: String?
    }

    static func createCase(_ req: Request) async throws -> Response {
        let (user, _) = try CaseAccess.caseActor(req.context)
        let input = try body(req, CaseInput.self)
        switch CaseService.validate(
            title: input.title, address: input.address, phase: input.phase,
            confidentiality: input.confidentiality ?? "zaakvertrouwelijk",
            handlingDays: String(input.handling_days ?? CaseService.defaultHandlingDays),
            responsible: input.responsible,
            bagID: input.bag_id
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
        let (user, caseFile, _) = try await CaseAccess.find(req, managing: true)
        let input = try body(req, PhaseInput.self)
        if case .failure(let refusal) = try await CaseService.changePhase(
            caseFile, to: input.phase, note: input.note, by: user, context: req.context)
        {
            throw NEIGError.unprocessable(
                "De fase is niet gewijzigd.", items: [Problem.Item(column: "phase", reason: refusal.message)])
        }
        return CaseDTO(caseFile, level: .municipality)
    }
}
