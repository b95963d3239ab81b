import Fluent
import NEIGCore
import Vapor

/// Changing a draft measure until it is put to the mayor.
enum MeasureEditRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.measure(id: .key, .bewerken), use: form)
        routes.post(.measure(id: .key, .bewerken), use: save)
    }

    static func page(
        _ req: Request, _ measure: Measure, _ caseFile: CaseFile, user: User, values: [String: String],
        cited: Set<String>, errors: [FormViews.FieldError]
    ) async throws -> MeasureEditView {
        let visible = try await InformationService.visibleItems(
            caseID: caseFile.requireID(), user: user, today: req.application.neig.clock.today, on: req.db)
        return MeasureEditView(
            context: req.pageContext, measure: measure, caseFile: caseFile, values: values, cited: cited,
            information: visible, errors: errors)
    }

    static func form(_ req: Request) async throws -> Response {
        let (user, measure, caseFile) = try await MeasureRoutes.find(req)
        guard measure.state == .concept else {
            return try await req.redirect(
                to: SiteURL.measure(id: try measure.requireID()).path,
                saying:
                    "Alleen een concept kan worden gewijzigd; deze maatregel is \(measure.state.label.lowercased()).")
        }
        let cited = Set(try measure.citedInformation.map { $0.uuidString.lowercased() })
        let view = try await page(
            req, measure, caseFile, user: user, values: MeasureParts.values(of: measure), cited: cited, errors: [])
        return try await HTMLPage(document: view.document).encodeResponse(for: req)
    }

    static func save(_ req: Request) async throws -> Response {
        let (user, measure, caseFile) = try await MeasureRoutes.find(req)
        let form = try req.content.decode(MeasureRoutes.MeasureForm.self)
        let visible = try await InformationService.visibleItems(
            caseID: caseFile.requireID(), user: user, today: req.application.neig.clock.today, on: req.db)
        let checked = MeasureService.validate(
            type: form.soort, apvArticle: form.apv, addressee: form.adressaat, addresseeAddress: form.adres_adressaat,
            startsOn: form.begin, endsOn: form.einde, motivation: form.motivering, information: form.informatie ?? [],
            allowedInformation: Set(visible.compactMap(\.item.id)))
        var errors: [FormViews.FieldError] = []
        switch checked {
        case .invalid(let found): errors = found
        case .valid(let draft):
            switch try await MeasureService.update(measure, with: draft, by: user, context: req.context) {
            case .success:
                return try await req.redirect(
                    to: SiteURL.measure(id: try measure.requireID()).path,
                    saying: "De wijzigingen in het concept zijn opgeslagen.")
            case .failure(.invalid(let field, let message)): errors = [.init(field: field, message: message)]
            case .failure(.forbidden(let message)): throw NEIGError.forbidden(message)
            }
        }
        let view = try await page(
            req, measure, caseFile, user: user, values: form.values, cited: Set(form.informatie ?? []), errors: errors)
        return try await HTMLPage(document: view.document, status: .unprocessableEntity).encodeResponse(for: req)
    }
}
