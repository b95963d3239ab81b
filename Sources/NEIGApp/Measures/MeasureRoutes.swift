import Fluent
import NEIGCore
import Vapor

/// Measures of the mayor inside a case: drafted by OOV staff, adopted only by the mayor after re-authentication,
/// with the decision letter and the Awb objection deadlines.
enum MeasureRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.post(.caseFile(id: .key, .maatregelen), use: create)
        routes.get(.measure(id: .key), use: show)
        routes.get(.measure(id: .key, .besluit), use: letter)
        routes.get(.measure(id: .key, .letterDocument), use: letterDocument)
        routes.post(.measure(id: .key, .status), use: changeState)
        routes.post(.measure(id: .key, .bezwaar), use: objection)
    }

    struct MeasureForm: Content {
        var soort: String?
        var apv: String?
        var adressaat: String?
        var adres_adressaat: String?
        var begin: String?
        var einde: String?
        var motivering: String?
        var informatie: [String]?

        var values: [String: String] {
            [
                "soort": soort, "apv": apv, "adressaat": adressaat, "adres_adressaat": adres_adressaat,
                "begin": begin, "einde": einde, "motivering": motivering
            ].compactMapValues { $0 }
        }
    }

    static func create(_ req: Request) async throws -> Response {
        let (user, caseFile, level) = try await CaseAccess.find(req, managing: true)
        let form = try req.content.decode(MeasureForm.self)
        let visible = try await InformationService.visibleItems(
            caseID: caseFile.requireID(), user: user, today: req.application.neig.clock.today,
            on: req.db)
        switch MeasureService.validate(
            type: form.soort, apvArticle: form.apv, addressee: form.adressaat, addresseeAddress: form.adres_adressaat,
            startsOn: form.begin, endsOn: form.einde,
            motivation: form.motivering, information: form.informatie ?? [],
            allowedInformation: Set(visible.compactMap(\.item.id)))
        {
        case .invalid(let errors):
            let model = try await CaseDetailModel.load(req.context, caseFile: caseFile, level: level)
            let view = CaseDetailView(
                context: req.pageContext, model: model, error: nil, formErrors: errors, measureValues: form.values)
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        case .valid(let draft):
            let measure = try await MeasureService.create(draft, in: caseFile, by: user, context: req.context)
            return try await req.redirect(
                to: SiteURL.measure(id: try measure.requireID()).path,
                saying: "Concept opgeslagen. Leg het aan de burgemeester voor wanneer het klaar is.")
        }
    }

    /// The measure of the `id` parameter for the municipality's OOV staff and mayor; 404 for everyone else who may
    /// run cases, 403 for other roles.
    static func find(_ req: Request) async throws -> (User, Measure, CaseFile) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self),
            let measure = try await Measure.query(on: req.db).with(\.$citationRows).filter(\.$id == id).first(),
            AccessPolicy.canManageCases(user.actor, municipalityCode: measure.municipalityCode)
        else {
            try await req.audit("measure.read", object: "measure", id: req.parameters.get("id"), result: "denied")
            throw NEIGError.notFound()
        }
        return (user, measure, try await measure.$caseFile.get(on: req.db))
    }

    /// The information the measure cites that this reader may see.
    static func visibleCitations(of measure: Measure, to user: User, _ req: Request) async throws
        -> [InformationService.Visible]
    {
        let citedIDs = try measure.citedInformation
        return try await InformationService.filterVisible(
            citedIDs.isEmpty ? [] : try await InformationItem.query(on: req.db).filter(\.$id ~~ citedIDs).all(),
            user: user, today: req.application.neig.clock.today, on: req.db)
    }

    /// The measure as stored, for showing a refused change: the request's copy may hold the change that was refused.
    static func storedVersion(of measure: Measure, on db: any Database) async throws -> Measure {
        try await Measure.query(on: db).with(\.$citationRows).filter(\.$id == measure.requireID()).first() ?? measure
    }

    static func page(
        _ req: Request, _ measure: Measure, _ caseFile: CaseFile, user: User, errors: [FormViews.FieldError]
    ) async throws -> MeasureDetailView {
        let citedIDs = try measure.citedInformation
        let cited = try await visibleCitations(of: measure, to: user, req)
        return MeasureDetailView(
            context: req.pageContext, measure: measure, caseFile: caseFile, cited: cited, citedCount: citedIDs.count,
            errors: errors,
            today: req.application.neig.clock.today, isMayor: user.role == .mayor)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (user, measure, caseFile) = try await find(req)
        return HTMLPage(document: try await page(req, measure, caseFile, user: user, errors: []).document)
    }

    static func letter(_ req: Request) async throws -> HTMLPage {
        let (user, measure, caseFile) = try await find(req)
        return HTMLPage(document: try await letterView(req, measure, caseFile, user: user).document)
    }

    static func letterView(_ req: Request, _ measure: Measure, _ caseFile: CaseFile, user: User) async throws
        -> DecisionLetterView
    {
        DecisionLetterView(
            context: req.pageContext, measureID: try measure.requireID(),
            letter: try await letterContent(req, measure, caseFile, user: user),
            canEditPaper: user.actor.municipalityCode == measure.municipalityCode)
    }

    static func letterContent(_ req: Request, _ measure: Measure, _ caseFile: CaseFile, user: User) async throws
        -> DecisionLetter
    {
        let incidents = try await CaseIncident.query(on: req.db).filter(\.$caseFile.$id == caseFile.requireID())
            .with(\.$incident).all().map(\.incident).sorted { $0.occurredOn < $1.occurredOn }
        let today = req.application.neig.clock.today
        let cited = try await visibleCitations(of: measure, to: user, req).map(\.item)
            .filter { !$0.isExpired(today: today) }
        return DecisionLetter(
            measure: measure, caseFile: caseFile,
            paper: try await LetterheadService.paper(for: measure.municipalityCode, context: req.context),
            incidents: incidents, cited: cited, today: today)
    }

    /// The letter as a Word file, for the municipality's own document system.
    static func letterDocument(_ req: Request) async throws -> Response {
        let (user, measure, caseFile) = try await find(req)
        let letter = try await letterContent(req, measure, caseFile, user: user)
        let data = try letter.document.data()
        try await req.audit("measure.letter-docx", object: "measure", id: measure.id?.uuidString.lowercased())
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(
            type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        let name = "besluit-\(letter.reference.replacingOccurrences(of: "/", with: "-")).docx"
        // The name holds only the municipality code and hex digits, so it needs no quoting beyond the quotes.
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    struct StateForm: Content {
        var status: String?
        var wachtwoord: String?
        var code: String?
        var bekendgemaakt_op: String?
        var toelichting: String?
        var notitie: String?
        var reden: String?
        var besluit_voor: String?
    }

    static func changeState(_ req: Request) async throws -> Response {
        let (user, measure, caseFile) = try await find(req)
        let form = try req.content.decode(StateForm.self)
        let change = MeasureService.Transition(
            to: form.status, password: form.wachtwoord, code: form.code, notifiedOn: form.bekendgemaakt_op,
            note: form.reden ?? form.notitie ?? form.toelichting, decideBefore: form.besluit_voor)
        let result = try await MeasureService.transition(measure, change, by: user, context: req.context)
        return try await respond(req, measure, caseFile, user: user, result, saying: stateMessage(measure.state))
    }

    static func stateMessage(_ state: MeasureState) -> String {
        switch state {
        case .voorgelegd: "Voorgelegd aan de burgemeester. U krijgt bericht zodra die heeft besloten."
        case .concept: "De maatregel is weer een concept."
        case .vastgesteld: "Het besluit is vastgesteld. Volgende stap: bekendmaken aan de geadresseerde."
        case .bekendgemaakt: "Bekendmaking vastgelegd. De bezwaartermijn loopt."
        case .beeindigd: "De maatregel is beëindigd."
        case .ingetrokken: "De maatregel is ingetrokken."
        }
    }

    struct ObjectionForm: Content {
        var ontvangen: String?
        var verdagen: String?
    }

    static func objection(_ req: Request) async throws -> Response {
        let (user, measure, caseFile) = try await find(req)
        let form = try req.content.decode(ObjectionForm.self)
        let extend = form.verdagen == "ja"
        let result = try await MeasureService.objection(
            measure, receivedOn: form.ontvangen, extend: extend, by: user, context: req.context)
        return try await respond(
            req, measure, caseFile, user: user, result,
            saying: extend
                ? "De beslistermijn is met zes weken verdaagd." : "Bezwaar geregistreerd; de beslistermijn loopt.")
    }

    static func respond(
        _ req: Request, _ measure: Measure, _ caseFile: CaseFile, user: User,
        _ result: Result<Void, MeasureService.Refusal>, saying message: @autoclosure () -> String
    ) async throws -> Response {
        switch result {
        case .success:
            return try await req.redirect(to: SiteURL.measure(id: try measure.requireID()).path, saying: message())
        case .failure(.forbidden(let message)): throw NEIGError.forbidden(message)
        case .failure(.invalid(let field, let message)):
            // The refused change is not kept: show the stored measure with the message.
            let stored = try await storedVersion(of: measure, on: req.db)
            let view = try await page(
                req, stored, caseFile, user: user, errors: [.init(field: field, message: message)])
            return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
