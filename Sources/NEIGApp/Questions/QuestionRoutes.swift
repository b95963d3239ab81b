import Fluent
import NEIGCore
import Vapor

/// Questions to the network: members ask (tagged, for everyone or one group), others answer, the asker marks the
/// answer that helped, and a coordinator turns a good thread into a library page.
enum QuestionRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.questions(), use: list)
        routes.get(.newQuestion, use: newForm)
        routes.post(.questions(), use: create)
        routes.get(.question(id: .key), use: show)
        routes.post(.question(id: .key, .antwoorden), use: answer)
        routes.post(.question(id: .key, .nuttig), use: markHelpful)
        routes.post(.question(id: .key, .kennisbank), use: publish)
    }

    static func canRead(_ question: Question, groups: Set<String>) -> Bool {
        question.groupCode.map(groups.contains) ?? true
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        let groups = try await LibraryService.groups(of: user, on: req.db)
        let tag = (try? req.query.get(String.self, at: "tag")).flatMap(Tags.normalise)
        var query = Question.query(on: req.db).with(\.$tagRows).group(.or) {
            $0.filter(\.$groupCode == nil).filter(\.$groupCode ~~ Array(groups))
        }
        if let tag {
            query = query.join(QuestionTag.self, on: \QuestionTag.$question.$id == \Question.$id).filter(
                QuestionTag.self, \.$tag == tag)
        }
        let questions = try await query.sort(\.$lastActivityAt, .descending).limit(100).all()
        return HTMLPage(
            document: try QuestionListView(context: req.pageContext, questions: questions, tag: tag).document)
    }

    static func newForm(_ req: Request) async throws -> HTMLPage {
        let user = try req.requireUser()
        return HTMLPage(
            document: QuestionFormView(
                context: req.pageContext, values: [:], groups: try await myGroups(user, on: req.db), errors: []
            ).document)
    }

    static func myGroups(_ user: User, on db: any Database) async throws -> [MemberGroup] {
        let codes = try await LibraryService.groups(of: user, on: db)
        return codes.isEmpty
            ? [] : try await MemberGroup.query(on: db).filter(\.$code ~~ Array(codes)).sort(\.$name).all()
    }

    struct QuestionForm: Content {
        var titel: String?
        var vraag: String?
        var tags: String?
        var groep: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(QuestionForm.self)
        let groups = try await myGroups(user, on: req.db)
        var errors: [FormViews.FieldError] = []
        let title = (form.titel ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.count < 10 || title.count > 200 {
            errors.append(.init(field: "titel", message: "Stel uw vraag in 10 tot 200 tekens."))
        }
        let body = (form.vraag ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if body.count > 10_000 {
            errors.append(.init(field: "vraag", message: "De toelichting is langer dan 10.000 tekens."))
        }
        var tags: [String] = []
        switch Tags.parse(form.tags ?? "") {
        case .success(let parsed) where parsed.isEmpty:
            errors.append(.init(field: "tags", message: "Geef ten minste één onderwerp, bijvoorbeeld preventie."))
        case .success(let parsed): tags = parsed
        case .failure(let error): errors.append(.init(field: "tags", message: error.message))
        }
        let group = (form.groep ?? "").isEmpty ? nil : form.groep
        if let group, !groups.contains(where: { $0.code == group }) {
            errors.append(.init(field: "groep", message: "U bent geen lid van deze groep."))
        }
        guard errors.isEmpty else {
            let values = ["titel": form.titel, "vraag": form.vraag, "tags": form.tags, "groep": form.groep]
                .compactMapValues { $0 }
            return try await HTMLPage(
                document: QuestionFormView(context: req.pageContext, values: values, groups: groups, errors: errors)
                    .document,
                status: .unprocessableEntity
            ).encodeResponse(for: req)
        }
        let question = try await QuestionService.ask(
            title: title, body: body, group: group, tags: tags, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.question(id: try question.requireID()).path,
            saying: "Uw vraag staat online. U krijgt een notificatie zodra iemand antwoordt.")
    }

    /// A question the member may read; 404 otherwise.
    static func find(_ req: Request) async throws -> (User, Question) {
        let user = try req.requireUser()
        guard let id = req.parameters.get("id", as: UUID.self),
            let question = try await Question.query(on: req.db).with(\.$tagRows).filter(\.$id == id).first(),
            canRead(question, groups: try await LibraryService.groups(of: user, on: req.db))
        else { throw NEIGError.notFound() }
        return (user, question)
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        let (user, question) = try await find(req)
        return try await page(req, user: user, question: question, errors: [], draft: nil)
    }

    static func page(_ req: Request, user: User, question: Question, errors: [FormViews.FieldError], draft: String?)
        async throws -> HTMLPage
    {
        let answers = try await Answer.query(on: req.db).filter(\.$question.$id == question.requireID()).sort(
            \.$createdAt
        ).all()
        return HTMLPage(
            document: try QuestionDetailView(
                context: req.pageContext, question: question, answers: answers, isAsker: question.authorID == user.id,
                isCoordinator: user.role == .coordinator, errors: errors, draft: draft
            ).document,
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    struct AnswerForm: Content {
        var antwoord: String?
    }

    static func answer(_ req: Request) async throws -> Response {
        let (user, question) = try await find(req)
        let text = (try req.content.decode(AnswerForm.self).antwoord ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard (5...10_000).contains(text.count) else {
            return try await page(
                req, user: user, question: question,
                errors: [.init(field: "antwoord", message: "Een antwoord is 5 tot 10.000 tekens.")], draft: text
            ).encodeResponse(for: req)
        }
        let answer = try await QuestionService.answer(question, text: text, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.answer(question: try question.requireID(), answer: try answer.requireID()).path,
            saying: "Uw antwoord is geplaatst; de vraagsteller krijgt bericht.")
    }

    struct HelpfulForm: Content {
        var antwoord: UUID?
    }

    static func markHelpful(_ req: Request) async throws -> Response {
        let (user, question) = try await find(req)
        guard question.authorID == user.id else {
            throw NEIGError.forbidden("Alleen wie de vraag stelde, kiest het antwoord dat hielp.")
        }
        guard let answerID = try req.content.decode(HelpfulForm.self).antwoord,
            let answer = try await Answer.find(answerID, on: req.db), answer.$question.id == question.id
        else {
            throw NEIGError.unprocessable(
                "Kies een antwoord bij deze vraag.", items: [.init(column: "antwoord", reason: "onbekend antwoord")])
        }
        try await QuestionService.markHelpful(answer, of: question, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.question(id: try question.requireID()).path,
            saying: "Het antwoord is gemarkeerd als het antwoord dat hielp.")
    }

    struct PublishForm: Content {
        var soort: String?
    }

    /// A coordinator turns the thread into a library page: the question, the helpful answer first, then the others,
    /// attributed to organisations rather than persons.
    static func publish(_ req: Request) async throws -> Response {
        let (user, question) = try await find(req)
        guard question.libraryDocumentID == nil else {
            throw NEIGError(
                status: .conflict, title: "Al in de kennisbank", detail: "Deze vraag staat al in de kennisbank.")
        }
        let answers = try await Answer.query(on: req.db).filter(\.$question.$id == question.requireID()).sort(
            \.$createdAt
        ).all()
        guard !answers.isEmpty else {
            throw NEIGError.unprocessable("Een vraag zonder antwoorden hoort niet in de kennisbank.", items: [])
        }
        // No choice means the usual kind; a choice outside the list is refused rather than replaced.
        let requested = try req.content.decode(PublishForm.self).soort ?? ""
        guard let kind = requested.isEmpty ? .praktijkervaring : DocumentKind(rawValue: requested) else {
            throw NEIGError.badRequest("Kies een soort stuk uit de lijst.")
        }
        let document = try await QuestionService.publish(
            question, answers: answers, kind: kind, by: user, context: req.context)
        return try await req.redirect(
            to: SiteURL.document(id: try document.requireID()).path,
            saying: "De vraag en antwoorden staan nu in de kennisbank.")
    }
}
