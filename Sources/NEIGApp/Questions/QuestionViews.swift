import Foundation
import NEIGCore
import Plot

enum QuestionParts {
    static func tagLinks(_ tags: [String]) -> Node<HTML.BodyContext> {
        .ul(
            .class("tags"),
            .forEach(tags) { tag in .li(.a(.href(SiteURL.questions(tag: tag).path), .text(Tags.label(tag)))) })
    }

    static func answersLabel(_ count: Int) -> String { count.counted(.answer) }

}

struct QuestionListView {
    let context: PageContext
    let questions: [Question]
    let tag: String?

    var document: HTML {
        get throws {
            let tags = try Dictionary(
                questions.map { ($0.id!, try $0.tagList) }, uniquingKeysWith: { first, _ in first })
            return Layout(
                title: "Vragen aan het netwerk", context: context,
                content: .div(
                    .h1(.text("Vragen aan het netwerk")),
                    .p(
                        .class("lead"),
                        .text(
                            "Stel een vraag aan collega’s in andere gemeenten, bij politie, OM en partners. Volg onderwerpen om nieuwe vragen te zien."
                        )),
                    .p(
                        .a(.class("button"), .href(SiteURL.newQuestion.path), .text("Vraag stellen")), .text(" "),
                        .a(.href(SiteURL.followTopics.path), .text("Onderwerpen volgen"))),
                    .p(
                        .text("Onderwerp: "),
                        .forEach(
                            [("Alle", SiteURL.questions().path)]
                                + Tags.standard.map { (Tags.label($0), SiteURL.questions(tag: $0).path) }
                        ) {
                            item in
                            .group(
                                .a(
                                    .href(item.1),
                                    .if(
                                        item.1 == SiteURL.questions(tag: tag).path,
                                        .attribute(named: "aria-current", value: "true")),
                                    .text(item.0)), .text(" "))
                        }),
                    .p(
                        .attribute(named: "role", value: "status"),
                        .text(
                            tag.map { "\(questions.count.counted(.question)) over ‘\(Tags.label($0))’" }
                                ?? questions.count.counted(.question))
                    ),
                    questions.isEmpty
                        ? .p(.text("Nog geen vragen."))
                        : .ol(
                            .class("results"),
                            .forEach(questions) { question in
                                .li(
                                    .h2(
                                        .a(.href(SiteURL.question(id: question.id!).path), .text(question.title))),
                                    .p(
                                        .class("muted"),
                                        .text(
                                            [
                                                question.organisation, QuestionParts.answersLabel(question.answerCount),
                                                question.helpfulAnswerID != nil ? "beantwoord" : nil,
                                                question.groupCode.map { "groep \($0)" }
                                            ].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))),
                                    QuestionParts.tagLinks(tags[question.id!] ?? []))
                            })
                )
            ).document
        }
    }
}

struct QuestionFormView {
    let context: PageContext
    let values: [String: String]
    let groups: [MemberGroup]
    let errors: [FormViews.FieldError]

    var document: HTML {
        Layout(
            title: "Vraag stellen", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Vraag stellen aan het netwerk")),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.questions().path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "titel", label: "Uw vraag", value: values["titel"], required: true, errors: errors),
                    FormViews.textArea("vraag", label: "Toelichting", value: values["vraag"], errors: errors),
                    FormViews.textField(
                        "tags", label: "Onderwerpen", value: values["tags"],
                        hint:
                            "Gescheiden door komma’s, bijvoorbeeld: preventie, nazorg, jongeren. Bekende onderwerpen: \(Tags.standard.joined(separator: ", ")).",
                        required: true, errors: errors),
                    .if(
                        !groups.isEmpty,
                        FormViews.select(
                            "groep", label: "Voor wie",
                            options: [("", "Alle leden van het netwerk")]
                                + groups.map { ($0.code, "Alleen groep \($0.name)") },
                            selected: values["groep"], errors: errors)),
                    .button(.type(.submit), .class("button"), .text("Vraag stellen"))
                )
            )
        ).document
    }
}

struct QuestionDetailView {
    let context: PageContext
    let question: Question
    let answers: [Answer]
    let isAsker: Bool
    let isCoordinator: Bool
    let errors: [FormViews.FieldError]
    let draft: String?

    var document: HTML {
        get throws {
            let uuid = question.id!
            let tags = try question.tagList
            return Layout(
                title: question.title, context: context,
                content: .div(
                    .h1(.text(question.title)),
                    .p(
                        .class("muted"),
                        .text(
                            "\(question.authorName), \(question.organisation) · \(CaseDetailView.timeFormat.string(from: question.createdAt))"
                                + (question.groupCode.map { " · alleen groep \($0)" } ?? ""))),
                    QuestionParts.tagLinks(tags),
                    .if(!question.body.isEmpty, .p(.class("prewrap"), .text(question.body))),
                    .unwrap(question.libraryDocumentID) {
                        .p(
                            .class("notice"), .text("Deze vraag staat in de kennisbank: "),
                            .a(.href(SiteURL.document(id: $0).path), .text("naar de pagina")))
                    },
                    .h2(.text(QuestionParts.answersLabel(answers.count))),
                    .forEach(answers) { answer in
                        let helpful = answer.id == question.helpfulAnswerID
                        return .article(
                            .class(helpful ? "answer helpful" : "answer"),
                            .id("antwoord-\(answer.id!.uuidString.lowercased())"),
                            .if(helpful, .p(.strong(.text("✓ Dit antwoord hielp de vraagsteller")))),
                            .p(.class("prewrap"), .text(answer.body)),
                            .p(
                                .class("muted"),
                                .text(
                                    "\(answer.authorName), \(answer.organisation) · \(CaseDetailView.timeFormat.string(from: answer.createdAt))"
                                )),
                            .if(
                                isAsker && !helpful && answer.authorID != question.authorID,
                                .form(
                                    .method(.post), .action(SiteURL.question(id: uuid, .nuttig).path),
                                    FormViews.csrf(context.csrfToken),
                                    .input(
                                        .type(.hidden), .name("antwoord"), .value(answer.id!.uuidString.lowercased())),
                                    .button(.type(.submit), .class("button secondary"), .text("Dit antwoord hielp mij"))
                                ))
                        )
                    },
                    .h2(.text("Uw antwoord")),
                    FormViews.errorSummary(errors),
                    .form(
                        .method(.post), .action(SiteURL.question(id: uuid, .antwoorden).path),
                        .attribute(named: "novalidate"),
                        FormViews.csrf(context.csrfToken),
                        FormViews.textArea("antwoord", label: "Antwoord", value: draft, errors: errors, required: true),
                        .button(.type(.submit), .class("button"), .text("Antwoord plaatsen"))),
                    .if(
                        isCoordinator && question.libraryDocumentID == nil && !answers.isEmpty,
                        .div(
                            .h2(.text("In de kennisbank zetten")),
                            .form(
                                .method(.post), .action(SiteURL.question(id: uuid, .kennisbank).path),
                                FormViews.csrf(context.csrfToken),
                                FormViews.select(
                                    "soort", label: "Soort",
                                    options: DocumentKind.allCases.filter { $0 != .casuistiek }.map {
                                        ($0.rawValue, $0.label)
                                    },
                                    selected: DocumentKind.praktijkervaring.rawValue, errors: []),
                                .button(
                                    .type(.submit), .class("button secondary"),
                                    .text("Kennisbankpagina maken van deze vraag")))
                        ))
                )
            ).document
        }
    }
}
