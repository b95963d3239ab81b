import Fluent
import NEIGCore
import Vapor

/// Writing, checking and publishing casuïstiek. Until publication only the author (and, once submitted, the
/// coordinators) see a write-up; publication puts it in the library for all members.
enum CaseStudyRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.caseStudies, use: list)
        routes.get(.newCaseStudy, use: newForm)
        routes.post(.caseStudies, use: create)
        routes.get(.caseStudy(id: .key), use: show)
        routes.post(.caseStudy(id: .key), use: update)
        routes.post(.reviewCaseStudy(id: .key), use: review)
    }

    /// The check per section; findings the author did not mark as not personal count as unresolved.
    struct Check {
        let findings: [String: [Anonymiser.Finding]]
        let acknowledged: Set<String>

        var unresolved: Int { findings.values.joined().filter { !acknowledged.contains(CaseStudy.key($0)) }.count }
        var keys: Set<String> { Set(findings.values.joined().map(CaseStudy.key)) }
    }

    static func check(_ study: CaseStudy, on req: Request) -> Check {
        let places = Anonymiser.placeNames(req.application.neig.municipalities)
        let year = req.application.neig.clock.today.year
        var findings: [String: [Anonymiser.Finding]] = [:]
        for (field, text) in study.texts.merging(["titel": study.title]) { $1 } {
            let found = Anonymiser.check(text, referenceYear: year, placeNames: places)
            if !found.isEmpty { findings[field] = found }
        }
        return Check(findings: findings, acknowledged: study.acknowledgedKeys)
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let mine = try await CaseStudy.query(on: req.db).filter(\.$authorID == user.requireID()).sort(
            \.$updatedAt, .descending
        ).all()
        let toReview =
            user.role == .coordinator
            ? try await CaseStudy.query(on: req.db).filter(\.$status == CaseStudy.Status.submitted).sort(\.$updatedAt)
                .all() : []
        return HTMLPage(document: CaseStudyListView(context: req.pageContext, mine: mine, toReview: toReview).document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        _ = try req.requireUser()
        return HTMLPage(
            document: CaseStudyFormView(context: req.pageContext, study: nil, check: nil, errors: []).document)
    }

    struct StudyForm: Content {
        var titel: String?
        var situatie: String?
        var aanpak: String?
        var maatregelen: String?
        var werkte: String?
        var werkte_niet: String?
        var niet_persoonlijk: [String]?
        var actie: String?

        var sections: [String: String] {
            [
                "situatie": situatie, "aanpak": aanpak, "maatregelen": maatregelen, "werkte": werkte,
                "werkte_niet": werkte_niet
            ]
            .mapValues { ($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    static func validate(_ form: StudyForm) -> [FormViews.FieldError] {
        var errors: [FormViews.FieldError] = []
        let title = (form.titel ?? "").trimmingCharacters(in: .whitespaces)
        if title.isEmpty || title.count > 200 {
            errors.append(
                .init(field: "titel", message: "Geef een titel van hoogstens 200 tekens, zonder namen of adressen."))
        }
        if form.sections["situatie"]!.count < 20 {
            errors.append(.init(field: "situatie", message: "Beschrijf de situatie in ten minste 20 tekens."))
        }
        for (field, text) in form.sections where text.count > 20_000 {
            errors.append(.init(field: field, message: "Dit deel is langer dan 20.000 tekens."))
        }
        return errors
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(StudyForm.self)
        let errors = validate(form)
        guard errors.isEmpty else {
            let draft = CaseStudy()
            draft.title = form.titel ?? ""
            draft.texts = form.sections
            return try await HTMLPage(
                document: CaseStudyFormView(
                    context: req.pageContext, study: nil, check: nil, errors: errors, draft: draft
                ).document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        let study = try await CaseStudyService.create(
            title: (form.titel ?? "").trimmingCharacters(in: .whitespaces), texts: form.sections, by: user,
            context: req.context)
        return try await req.redirect(
            to: SiteURL.caseStudy(id: try study.requireID()).path, saying: "Het concept is opgeslagen.")
    }

    /// The author's own write-up, or a submitted one for a coordinator; 404 for everyone else.
    static func find(_ req: Request) async throws -> (User, CaseStudy) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self), let study = try await CaseStudy.find(id, on: req.db),
            study.authorID == user.id || (user.role == .coordinator && study.status == .submitted)
        else { throw NEIGError.notFound() }
        return (user, study)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (user, study) = try await find(req)
        return HTMLPage(
            document: CaseStudyFormView(
                context: req.pageContext, study: study, check: check(study, on: req), errors: [],
                reviewing: user.role == .coordinator && study.status == .submitted && study.authorID != user.id
            ).document)
    }

    static func update(_ req: Request) async throws -> Response {
        let (user, study) = try await find(req)
        guard study.authorID == user.id else { throw NEIGError.forbidden("Alleen de auteur bewerkt een casus.") }
        guard [.concept, .returned].contains(study.status) else {
            throw NEIGError(
                status: .conflict, title: "Niet te bewerken",
                detail: "Een ingediende of gepubliceerde casus is niet meer te bewerken.")
        }
        let form = try req.content.decode(StudyForm.self)
        var errors = validate(form)
        study.title = (form.titel ?? "").trimmingCharacters(in: .whitespaces)
        study.texts = form.sections
        // Only marks for findings that are still in the text count.
        let found = check(study, on: req)
        study.acknowledged = (form.niet_persoonlijk ?? []).filter(found.keys.contains).sorted().joined(separator: "\n")
        let result = Check(findings: found.findings, acknowledged: study.acknowledgedKeys)
        if form.actie == "indienen" && result.unresolved > 0 {
            errors.append(
                .init(
                    field: "controle",
                    message:
                        "\(result.unresolved) mogelijke persoonsgegevens: pas de tekst aan of vink aan dat het geen persoonsgegeven is."
                ))
        }
        guard errors.isEmpty else {
            return try await HTMLPage(
                document: CaseStudyFormView(context: req.pageContext, study: study, check: result, errors: errors)
                    .document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        try await CaseStudyService.save(
            study, submitting: form.actie == "indienen", findings: result.findings.values.joined().count,
            context: req.context)
        return try await req.redirect(
            to: SiteURL.caseStudy(id: try study.requireID()).path,
            saying: form.actie == "indienen"
                ? "Ingediend: een netwerkcoördinator beoordeelt de casus voordat die wordt gepubliceerd."
                : "Het concept is opgeslagen.")
    }

    struct ReviewForm: Content {
        var besluit: String?
        var toelichting: String?
    }

    static func review(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (_, study) = try await find(req)
        guard study.status == .submitted else { throw NEIGError.notFound() }
        guard study.authorID != user.id else {
            throw NEIGError(
                status: .conflict, title: "Eigen casus", detail: "Een andere coördinator beoordeelt uw eigen casus.")
        }
        let form = try req.content.decode(ReviewForm.self)
        let note = (form.toelichting ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        switch form.besluit {
        case "publiceren":
            guard check(study, on: req).unresolved == 0 else {
                throw NEIGError.unprocessable(
                    "De anonimiseringscontrole vindt nog onopgeloste persoonsgegevens.", items: [])
            }
            try await CaseStudyService.publish(study, by: user, context: req.context)
        case "terugsturen" where !note.isEmpty:
            try await CaseStudyService.returnToAuthor(study, note: note, context: req.context)
        default:
            throw NEIGError.unprocessable(
                "Kies publiceren, of terugsturen met een toelichting.",
                items: [.init(column: "toelichting", reason: "verplicht bij terugsturen")])
        }
        return try await req.redirect(
            to: study.libraryDocumentID.map { SiteURL.document(id: $0).path } ?? SiteURL.caseStudies.path,
            saying: form.besluit == "publiceren"
                ? "De casus is gepubliceerd in de kennisbank."
                : "De casus is teruggestuurd naar de auteur met uw toelichting.")
    }
}
