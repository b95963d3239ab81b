import Fluent
import NEIGCore
import Plot
import Vapor

struct ChecklistView {
    let context: PageContext
    let national: ChecklistTemplate?
    let local: ChecklistTemplate?
    let versions: [ChecklistTemplate]
    let editsNational: Bool
    let text: String
    let errors: [FormViews.FieldError]

    var document: HTML {
        Layout(
            title: "Checklists handelingskader", context: context,
            content: .div(
                .h1(.text("Checklists van het handelingskader")),
                .p(
                    .class("lead"),
                    .text(
                        "Bij elke fase van een zaak komen de stappen van de landelijke checklist en de lokale stappen van uw gemeente in de zaak, "
                            + "elk met een eigenaar en een termijn vanaf het begin van de fase.")),
                FormViews.errorSummary(errors),
                steps("Landelijk", national),
                .if(!editsNational, steps("Lokale stappen van uw gemeente", local)),
                .h2(.text(editsNational ? "Landelijke checklist bewerken" : "Lokale stappen bewerken")),
                .form(
                    .method(.post), .action(SiteURL.handelingskader.path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    .p(
                        .class("hint"), .id("hint-stappen"),
                        .text(
                            "Eén stap per regel: fase | stap | eigenaar | uren na het begin van de fase. "
                                + "Bijvoorbeeld: explosie | Bewoners en buren informeren | Communicatie | 24")),
                    FormViews.textArea("stappen", label: "Stappen", value: text, errors: errors, required: true),
                    .button(.type(.submit), .class("button"), .text("Als nieuwe versie opslaan"))
                ),
                .h2(.text("Versies")),
                versions.isEmpty
                    ? .p(.text("Nog geen versies."))
                    : .ul(
                        .forEach(versions) { version in
                            .li(
                                .text(
                                    "Versie \(version.version) — \(version.author), \(CaseDetailView.timeFormat.string(from: version.createdAt)), \(version.parsedSteps.count.counted(.step))"
                                ))
                        })
            )
        ).document
    }

    func steps(_ title: String, _ template: ChecklistTemplate?) -> Node<HTML.BodyContext> {
        guard let template else { return .div(.h2(.text(title)), .p(.text("Nog geen stappen."))) }
        return .div(
            .h2(.text("\(title) (versie \(template.version))")),
            .forEach(CasePhase.allCases.filter { $0 != .gesloten }) { phase in
                let list = template.parsedSteps.filter { $0.phase == phase }
                return list.isEmpty
                    ? .empty
                    : .group(
                        .h3(.text(phase.label)),
                        .ul(
                            .forEach(list) { step in
                                .li(.text("\(step.title) — \(step.owner), binnen \(step.dueHours) uur"))
                            }))
            })
    }
}
