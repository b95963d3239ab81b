import Foundation
import NEIGCore
import Plot

struct LibraryListView {
    let context: PageContext
    let filters: LibraryCatalogue.Filters
    let results: [LibraryCatalogue.Result]
    let canWrite: Bool

    var document: HTML {
        Layout(
            title: "Kennisbank", context: context,
            content: .div(
                .h1(.text("Kennisbank")),
                .p(
                    .class("lead"),
                    .text(
                        "Handelingskaders, handreikingen, best practices, praktijkervaringen en presentaties uit het netwerk."
                    )),
                .if(
                    canWrite,
                    .p(
                        .a(.class("button"), .href(SiteURL.newDocument.path), .text("Stuk toevoegen")), .text(" "),
                        .a(
                            .href(SiteURL.caseStudies.path),
                            .text("Casuïstiek delen: een casus uit uw gemeente, geanonimiseerd")))),
                .form(
                    .method(.get), .action(SiteURL.library.path), .class("filters"),
                    .attribute(named: "role", value: "search"),
                    .div(
                        .class("field"), .label(.for("veld-q"), .text("Zoeken")),
                        .input(.type(.search), .name("q"), .id("veld-q"), .value(filters.query))),
                    FormViews.select(
                        "soort", label: "Soort",
                        options: [("", "Alle")] + DocumentKind.allCases.map { ($0.rawValue, $0.label) },
                        selected: filters.kind?.rawValue, errors: []),
                    FormViews.select(
                        "lijn", label: "Lijn",
                        options: [("", "Alle")] + ApproachLine.allCases.map { ($0.rawValue, $0.label) },
                        selected: filters.line?.rawValue, errors: []),
                    FormViews.select(
                        "fase", label: "Fase",
                        options: [("", "Alle")]
                            + [CasePhase.dreiging, .explosie, .nazorg].map { ($0.rawValue, $0.label) },
                        selected: filters.phase?.rawValue, errors: []),
                    .button(.type(.submit), .class("button"), .text("Zoeken"))
                ),
                .p(
                    .attribute(named: "role", value: "status"),
                    .text(
                        filters.query.isEmpty
                            ? "Nieuwste stukken"
                            : "\(results.count == 30 ? "30+ resultaten" : results.count.counted(.result)) voor ‘\(filters.query)’"
                    )),
                .ol(
                    .class("results"),
                    .forEach(results) { result in
                        let document = result.document
                        return .li(
                            .h2(
                                .a(.href(SiteURL.document(id: document.id!).path), .text(document.title))
                            ),
                            .p(
                                .class("muted"),
                                .text(
                                    ([document.kind.label, document.authorOrganisation] + result.lines.map(\.label)
                                        + result.phases.map(\.label)).filter { !$0.isEmpty }.joined(separator: " · "))),
                            result.snippet.map { .p(.class("snippet"), .raw(LibrarySearch.highlighted($0))) }
                                ?? .p(.text(document.summary))
                        )
                    })
            )
        ).document
    }
}

struct LibraryDocumentView {
    let context: PageContext
    let document: LibraryDocument
    let canEdit: Bool
    let lines: [ApproachLine]
    let phases: [CasePhase]

    init(context: PageContext, document: LibraryDocument, canEdit: Bool) throws {
        (self.context, self.document, self.canEdit) = (context, document, canEdit)
        (lines, phases) = (try document.lineTags, try document.phaseTags)
    }

    var page: HTML {
        let uuid = document.id!
        return Layout(
            title: document.title, context: context,
            content: .article(
                .h1(.text(document.title)),
                .p(
                    .class("muted"),
                    .text(
                        "\(document.kind.label) · \(document.authorOrganisation) · versie \(document.version), "
                            + "\(CaseDetailView.timeFormat.string(from: document.updatedAt)) · \(document.visibility.label)"
                    )),
                .if(
                    !lines.isEmpty || !phases.isEmpty,
                    .p(.text("Lijnen en fasen: " + (lines.map(\.label) + phases.map(\.label)).joined(separator: ", ")))),
                .p(.class("lead"), .text(document.summary)),
                .div(.class("markdown"), .raw(LibraryService.render(document.body))),
                .unwrap(document.attachmentName) { name in
                    .p(
                        .a(
                            .class("button secondary"), .href(SiteURL.document(id: uuid, .bijlage).path),
                            .text(
                                "Bijlage downloaden: \(name) (\(((Double(document.attachmentSize ?? 0)) / 1_048_576).dutchDecimal(1)) MB)"
                            )))
                },
                .p(
                    .a(.href(SiteURL.document(id: uuid, .versies).path), .text("Versiegeschiedenis")),
                    .if(
                        canEdit,
                        .group(.text(" · "), .a(.href(SiteURL.document(id: uuid, .bewerken).path), .text("Bewerken")))))
            )
        ).document
    }
}

struct LibraryVersionsView {
    let context: PageContext
    let document: LibraryDocument
    let versions: [LibraryVersion]

    var page: HTML {
        Layout(
            title: "Versies: \(document.title)", context: context,
            content: .div(
                .h1(.text("Versies van ‘\(document.title)’")),
                .p(
                    .a(
                        .href(SiteURL.document(id: document.id!).path),
                        .text("Naar de huidige versie (\(document.version))"))),
                versions.isEmpty
                    ? .p(.text("Dit is de eerste versie."))
                    : .ol(
                        .attribute(named: "reversed", value: "reversed"),
                        .forEach(versions) { version in
                            .li(
                                .details(
                                    .summary(
                                        .text(
                                            "Versie \(version.version) — vervangen door \(version.editedBy), \(CaseDetailView.timeFormat.string(from: version.editedAt))"
                                        )),
                                    .h2(.text(version.title)), .p(.text(version.summary)),
                                    .div(.class("markdown"), .raw(LibraryService.render(version.body)))))
                        })
            )
        ).document
    }
}

struct LibraryFormView {
    let context: PageContext
    let document: LibraryDocument?
    let values: [String: String]
    let lists: [String: [String]]
    let errors: [FormViews.FieldError]
    let groups: [MemberGroup]

    var page: HTML {
        let action = document.map { SiteURL.document(id: $0.id!).path } ?? SiteURL.library.path
        return Layout(
            title: document == nil ? "Stuk toevoegen" : "Stuk bewerken", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text(document == nil ? "Stuk toevoegen aan de kennisbank" : "‘\(document!.title)’ bewerken")),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(action), .enctype(.multipartData), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "titel", label: "Titel", value: values["titel"], required: true, errors: errors),
                    FormViews.textArea(
                        "samenvatting", label: "Samenvatting", value: values["samenvatting"], errors: errors,
                        required: true),
                    FormViews.textArea("tekst", label: "Tekst (Markdown)", value: values["tekst"], errors: errors),
                    FormViews.select(
                        "soort", label: "Soort", options: DocumentKind.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["soort"], errors: errors),
                    checkboxes(
                        "lijnen", legend: "Lijnen", options: ApproachLine.allCases.map { ($0.rawValue, $0.label) }),
                    checkboxes(
                        "fasen", legend: "Fasen van het handelingskader",
                        options: [CasePhase.dreiging, .explosie, .nazorg].map { ($0.rawValue, $0.label) }),
                    FormViews.select(
                        "zichtbaarheid", label: "Wie mag het lezen",
                        options: Visibility.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["zichtbaarheid"], errors: errors),
                    FormViews.select(
                        "groep", label: "Groep (bij ‘alleen één groep’)",
                        options: [("", "Geen")] + groups.map { ($0.code, $0.name) },
                        selected: values["groep"], errors: errors, required: false),
                    .div(
                        .class("field"),
                        .label(
                            .for("veld-bijlage"), .text("Bijlage (PDF, DOCX of PPTX, hoogstens 20 MB)"),
                            .span(.class("optional"), .text(" (niet verplicht)"))),
                        .unwrap(errors.first { $0.field == "bijlage" }) {
                            .p(.class("error-message"), .id("fout-bijlage"), .text($0.message))
                        },
                        .input(
                            .type(.file), .name("bijlage"), .id("veld-bijlage"),
                            .attribute(named: "accept", value: ".pdf,.docx,.pptx"))),
                    .button(
                        .type(.submit), .class("button"), .text(document == nil ? "Toevoegen" : "Nieuwe versie opslaan")
                    )
                )
            )
        ).document
    }

    func checkboxes(_ name: String, legend: String, options: [(String, String)]) -> Node<HTML.FormContext> {
        FormViews.checkboxes(
            name, legend: legend, options: options.map { ($0.0, $0.1) }, selected: Set(lists[name] ?? []))
    }
}
