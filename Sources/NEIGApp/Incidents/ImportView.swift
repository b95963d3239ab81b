import NEIGCore
import Plot
import Vapor

struct ImportView {
    let outcome: IncidentImporter.Outcome?
    let fileName: String?
    let context: PageContext

    var document: HTML {
        Layout(
            title: "Incidenten importeren", context: context,
            content: .div(
                .h1(.text("Incidenten importeren")),
                result,
                .form(
                    .method(.post), .action(SiteURL.importIncidents.path), .enctype(.multipartData),
                    .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    .div(
                        .class("field"),
                        .label(.for("veld-bestand"), .text("CSV-bestand")),
                        .p(
                            .class("hint"), .id("hint-bestand"),
                            .text(
                                "Kolommen: bron_id, datum, tijd, gemeentecode, gemeente, adres, postcode, "
                                    + "x en y (RD) of lat en lon, doelwit, middel, omschrijving. Scheidingsteken ; of , — UTF-8."
                            )),
                        .input(
                            .type(.file), .name("bestand"), .id("veld-bestand"), .required(true),
                            .attribute(named: "accept", value: ".csv,text/csv"),
                            .attribute(named: "aria-describedby", value: "hint-bestand"))),
                    FormViews.textField(
                        "bron", label: "Bron", value: "politie", hint: "Bron-id's zijn uniek per bron", required: true,
                        errors: []),
                    .div(
                        .class("field checkbox"),
                        .input(.type(.checkbox), .name("proef"), .id("veld-proef"), .value("1")),
                        .label(.for("veld-proef"), .text("Alleen controleren, niets opslaan"))),
                    .button(.type(.submit), .class("button"), .text("Importeren"))
                )
            ),
        ).document
    }

    var result: Node<HTML.BodyContext> {
        guard let outcome else { return .empty }
        let name = fileName ?? "het bestand"
        if !outcome.succeeded {
            return .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"),
                .h2(
                    .text(
                        "\(name) is niet geïmporteerd: \(outcome.problems.count.counted(.problem))"
                    )),
                .p(.text("Er is niets opgeslagen. Herstel het bestand en probeer het opnieuw.")),
                .ul(
                    .class("problem-list"),
                    .forEach(outcome.problems.prefix(500)) { problem in
                        .li(
                            .text(
                                ErrorView.describe(
                                    Problem.Item(line: problem.line, column: problem.column, reason: problem.reason))))
                    }),
                .if(outcome.problems.count > 500, .p(.text("… en nog \(outcome.problems.count - 500) problemen."))))
        }
        let s = outcome.summary
        return .div(
            .class("notice"), .attribute(named: "role", value: "status"),
            .h2(.text(outcome.dryRun ? "Controle van \(name) geslaagd — niets opgeslagen" : "\(name) is geïmporteerd")),
            .ul(
                .li(.text("\(outcome.dryRun ? "Nieuw" : "Toegevoegd"): \(s.inserted.dutch)")),
                .li(.text("Al aanwezig: \(s.alreadyPresent.dutch)")),
                .li(.text("Afgewezen: \(s.rejected.dutch)"))))
    }
}
