import Foundation
import NEIGCore
import Plot

enum CaseStudyParts {

    static func links(_ studies: [CaseStudy]) -> Node<HTML.BodyContext> {
        .ul(
            .forEach(studies) { study in
                .li(
                    .a(.href(SiteURL.caseStudy(id: study.id!).path), .text(study.title)),
                    .text(" — \(study.status.label), \(study.organisation)"))
            })
    }

    /// The findings per section: the author fixes the text, or marks a finding as not personal data.
    static func findings(_ check: CaseStudyRoutes.Check, acknowledged: Set<String>, editable: Bool) -> Node<
        HTML.BodyContext
    > {
        let all = (CaseStudy.sections.map(\.field) + ["titel"]).flatMap { field in
            (check.findings[field] ?? []).map { (field, $0) }
        }
        guard !all.isEmpty else {
            return .div(.class("notice"), .p(.text("De anonimiseringscontrole vond geen persoonsgegevens.")))
        }
        let headings = Dictionary(
            uniqueKeysWithValues: CaseStudy.sections.map { ($0.field, $0.heading) } + [("titel", "Titel")])
        return .div(
            .class("notice warning"), .id("veld-controle"),
            .h2(
                .text(
                    check.unresolved == 0
                        ? "Alle meldingen van de controle zijn afgehandeld"
                        : "De controle vond mogelijke persoonsgegevens")),
            .p(
                .text(
                    "Pas de tekst aan, of vink aan dat het gevonden stuk geen persoonsgegeven is (bijvoorbeeld de naam van een organisatie)."
                )),
            .ul(
                .forEach(Array(all.enumerated())) { index, entry in
                    let (field, finding) = entry
                    let key = CaseStudy.key(finding)
                    let label = "\(headings[field] ?? field): ‘\(finding.text)’ lijkt een \(finding.kind.label)"
                    guard editable else {
                        return .li(
                            .text(label + (acknowledged.contains(key) ? " — gemarkeerd als geen persoonsgegeven" : "")))
                    }
                    var attributes: [Attribute<HTML.InputContext>] = [
                        .type(.checkbox), .name("niet_persoonlijk[]"), .value(key), .id("bevinding-\(index)"),
                        .attribute(named: "form", value: "casus")
                    ]
                    if acknowledged.contains(key) { attributes.append(.attribute(named: "checked", value: "checked")) }
                    return .li(
                        .class("check"), .selfClosedElement(named: "input", attributes: attributes),
                        .label(.for("bevinding-\(index)"), .text(" \(label) — geen persoonsgegeven")))
                })
        )
    }
}

struct CaseStudyListView {
    let context: PageContext
    let mine: [CaseStudy]
    let toReview: [CaseStudy]

    var document: HTML {
        Layout(
            title: "Casuïstiek", context: context,
            content: .div(
                .h1(.text("Casuïstiek")),
                .p(
                    .class("lead"),
                    .text(
                        "Deel een casus uit uw gemeente met het netwerk: situatie, aanpak, maatregelen, wat werkte en wat niet. "
                            + "neig controleert de tekst op persoonsgegevens; een netwerkcoördinator publiceert hem in de kennisbank."
                    )),
                .p(.a(.class("button"), .href(SiteURL.newCaseStudy.path), .text("Casus beschrijven"))),
                .if(!toReview.isEmpty, .div(.h2(.text("Ter beoordeling")), CaseStudyParts.links(toReview))),
                .h2(.text("Uw casussen")),
                mine.isEmpty ? .p(.text("U heeft nog geen casus beschreven.")) : CaseStudyParts.links(mine)
            )
        ).document
    }
}

struct CaseStudyFormView {
    let context: PageContext
    let study: CaseStudy?
    let check: CaseStudyRoutes.Check?
    let errors: [FormViews.FieldError]
    var reviewing: Bool = false
    var draft: CaseStudy? = nil

    var document: HTML {
        let source = study ?? draft
        let texts = source?.texts ?? [:]
        let editable = study == nil || [.concept, .returned].contains(study!.status)
        let action = study.map { SiteURL.caseStudy(id: $0.id!).path } ?? SiteURL.caseStudies.path
        return Layout(
            title: study?.title ?? "Casus beschrijven", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text(study?.title ?? "Casus beschrijven")),
                .unwrap(study) { .p(.strong(.text($0.status.label))) },
                .unwrap(study?.reviewNote) {
                    .div(.class("notice"), .p(.text("Toelichting van de coördinator: \($0)")))
                },
                FormViews.errorSummary(errors),
                .unwrap(check) {
                    CaseStudyParts.findings(
                        $0, acknowledged: study?.acknowledgedKeys ?? [], editable: editable && study != nil)
                },
                editable
                    ? .form(
                        .method(.post), .action(action), .attribute(named: "novalidate"), .id("casus"),
                        FormViews.csrf(context.csrfToken),
                        FormViews.textField(
                            "titel", label: "Titel", value: source?.title,
                            hint: "Zonder namen, adressen of andere persoonsgegevens.",
                            required: true, errors: errors),
                        .forEach(CaseStudy.sections) { field, heading in
                            FormViews.textArea(
                                field, label: heading, value: texts[field], errors: errors,
                                required: field == "situatie")
                        },
                        .if(
                            study != nil,
                            .group(
                                .button(.type(.submit), .class("button secondary"), .text("Opslaan en controleren")),
                                .text(" "),
                                .button(
                                    .type(.submit), .name("actie"), .value("indienen"), .class("button"),
                                    .text("Indienen bij de coördinator"))
                            )),
                        .if(study == nil, .button(.type(.submit), .class("button"), .text("Opslaan en controleren")))
                    )
                    : .div(
                        .forEach(CaseStudy.sections) { field, heading in
                            (texts[field] ?? "").isEmpty
                                ? .empty : .group(.h2(.text(heading)), .p(.class("prewrap"), .text(texts[field] ?? "")))
                        }),
                .if(
                    reviewing,
                    .div(
                        .h2(.text("Beoordelen")),
                        .form(
                            .method(.post), .action(study.map { SiteURL.reviewCaseStudy(id: $0.id!).path } ?? action),
                            FormViews.csrf(context.csrfToken),
                            FormViews.textArea(
                                "toelichting", label: "Toelichting voor de auteur (bij terugsturen)", value: nil,
                                errors: errors),
                            .button(
                                .type(.submit), .name("besluit"), .value("publiceren"), .class("button"),
                                .text("Publiceren in de kennisbank")), .text(" "),
                            .button(
                                .type(.submit), .name("besluit"), .value("terugsturen"), .class("button secondary"),
                                .text("Terugsturen"))
                        )
                    ))
            )
        ).document
    }
}
