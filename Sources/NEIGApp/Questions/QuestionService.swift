import Fluent
import NEIGCore
import Vapor

/// Asking, answering and publishing questions: each change with its notifications and audit entry in one
/// transaction. The routes validate the form and render; this writes.
enum QuestionService {
    static func ask(
        title: String, body: String, group: String?, tags: [String], by user: User, context: ServiceContext
    ) async throws -> Question {
        let now = context.clock.now()
        let question = Question()
        question.title = title
        question.body = body
        question.groupCode = group
        question.authorID = try user.requireID()
        question.authorName = user.name
        question.organisation = user.$organisation.value?.name ?? ""
        question.answerCount = 0
        question.createdAt = now
        question.lastActivityAt = now
        try await context.db.transaction { tx in
            try await question.create(on: tx)
            try await question.replaceTags(tags, on: tx)
            let link = SiteURL.question(id: try question.requireID()).path
            try await Notifier.announce(
                title: "Nieuwe vraag: \(title)", link: link, tags: tags, group: group, excluding: user.id, now: now,
                on: tx)
            try await context.audit(
                "question.create", object: "question", id: question.id?.uuidString.lowercased(),
                detail: "tags=\(tags.joined(separator: ","))", on: tx)
        }
        return question
    }

    /// Adds an answer and tells the asker (unless they answered themselves).
    static func answer(_ question: Question, text: String, by user: User, context: ServiceContext) async throws
        -> Answer
    {
        let now = context.clock.now()
        let answer = Answer()
        answer.$question.id = try question.requireID()
        answer.body = text
        answer.authorID = try user.requireID()
        answer.authorName = user.name
        answer.organisation = user.$organisation.value?.name ?? ""
        answer.createdAt = now
        let link = SiteURL.question(id: try question.requireID()).path
        try await context.db.transaction { tx in
            try await answer.create(on: tx)
            question.answerCount += 1
            question.lastActivityAt = now
            try await question.save(on: tx)
            if question.authorID != user.id {
                try await Notifier.notify(
                    [question.authorID: "answer"], title: "Nieuw antwoord op uw vraag: \(question.title)", link: link,
                    now: now, on: tx)
            }
            try await context.audit(
                "question.answer", object: "question", id: question.id?.uuidString.lowercased(), on: tx)
        }
        return answer
    }

    /// The asker marks the answer that helped, and its author hears so.
    static func markHelpful(_ answer: Answer, of question: Question, by user: User, context: ServiceContext)
        async throws
    {
        let now = context.clock.now()
        let answerID = try answer.requireID()
        let link = SiteURL.question(id: try question.requireID()).path
        try await context.db.transaction { tx in
            question.helpfulAnswerID = answerID
            question.lastActivityAt = now
            try await question.save(on: tx)
            if answer.authorID != user.id {
                try await Notifier.notify(
                    [answer.authorID: "helpful"], title: "Uw antwoord hielp: \(question.title)", link: link, now: now,
                    on: tx)
            }
            try await context.audit(
                "question.helpful", object: "question", id: question.id?.uuidString.lowercased(),
                detail: "answer=\(answerID.uuidString.lowercased())", on: tx)
        }
    }

    /// Turns the thread into a library page (`markdown`) and announces it to those who follow its topics.
    static func publish(
        _ question: Question, answers: [Answer], kind: DocumentKind, by user: User, context: ServiceContext
    ) async throws -> LibraryDocument {
        let tags = try question.tagList
        let draft = LibraryService.Draft(
            title: question.title,
            summary: String((question.body.isEmpty ? question.title : question.body).prefix(600)),
            body: markdown(question, answers: answers),
            kind: kind, lines: tags.compactMap(ApproachLine.init(rawValue:)),
            phases: tags.compactMap(CasePhase.init(rawValue:)).filter { $0 != .gesloten },
            visibility: question.groupCode == nil ? .leden : .groep, groupCode: question.groupCode)
        let document = try await LibraryService.save(draft, upload: nil, existing: nil, by: user, context: context)
        question.libraryDocumentID = document.id
        try await context.db.transaction { tx in
            try await question.save(on: tx)
            try await Notifier.announce(
                title: "Nieuw in de kennisbank: \(question.title)",
                link: SiteURL.document(id: try document.requireID()).path,
                tags: tags, group: question.groupCode, excluding: user.id, now: context.clock.now(), on: tx)
            try await context.audit(
                "question.publish", object: "question", id: question.id?.uuidString.lowercased(),
                detail: "document=\(document.id?.uuidString.lowercased() ?? "")", on: tx)
        }
        return document
    }

    /// The question, the helpful answer first, then the others, attributed to organisations rather than persons.
    static func markdown(_ question: Question, answers: [Answer]) -> String {
        let ordered =
            answers.filter { $0.id == question.helpfulAnswerID } + answers.filter { $0.id != question.helpfulAnswerID }
        var parts = [
            "## Vraag", question.body.isEmpty ? question.title : question.body,
            "*Gesteld door \(question.organisation.isEmpty ? "een lid" : question.organisation).*"
        ]
        for answer in ordered {
            let heading = answer.id == question.helpfulAnswerID ? "## Antwoord dat hielp" : "## Antwoord"
            parts += [heading, answer.body, "*Van \(answer.organisation.isEmpty ? "een lid" : answer.organisation).*"]
        }
        return parts.joined(separator: "\n\n")
    }
}
