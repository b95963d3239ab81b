import NEIGCore
import NEIGFormats
import Plot
import Vapor

/// The import page: choose a file, see what the check found and what would be written, then import.
struct ImportView {
    enum Step {
        case choose
        /// `pending` is the kept file when the check passed and there is something to write.
        case checked(IncidentImporter.Outcome, fileName: String, pending: UUID?)
        case imported(IncidentImporter.Outcome, fileName: String, incidents: [Incident])
    }

    let step: Step
    let context: PageContext

    var document: HTML {
        Layout(
            title: "Incidenten importeren", context: context,
            content: .div(
                .h1(.text("Incidenten importeren")),
                result,
                chooseForm,
                columnsHelp
            )
        ).document
    }

    var chooseForm: Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(SiteURL.importIncidents.path), .enctype(.multipartData),
            .attribute(named: "novalidate"),
            FormViews.csrf(context.csrfToken),
            .h2(.text(isFirstStep ? "Stap 1: bestand controleren" : "Een ander bestand controleren")),
            .p(
                .text("Er wordt nog niets opgeslagen: u ziet eerst wat de import zou doen. Begin met het "),
                .a(.href(SiteURL.importTemplate(.xlsx).path), .text("sjabloon in Excel")), .text(" of "),
                .a(.href(SiteURL.importTemplate(.csv).path), .text("als CSV")), .text(".")),
            .div(
                .class("field"),
                .label(.for("veld-bestand"), .text("Bestand (CSV of Excel)")),
                .p(
                    .class("hint"), .id("hint-bestand"),
                    .text(
                        "Een Excel-werkmap (.xlsx, het eerste werkblad) of CSV met ; of , als scheidingsteken, "
                            + "in UTF-8 of zoals Excel het opslaat (Windows-1252).")),
                .input(
                    .type(.file), .name("bestand"), .id("veld-bestand"), .required(true),
                    .attribute(
                        named: "accept",
                        value: ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                    .attribute(named: "aria-describedby", value: "hint-bestand"))),
            FormViews.textField(
                "bron", label: "Bron", value: "politie", hint: "Bron-id's zijn uniek per bron", required: true,
                errors: []),
            .button(.type(.submit), .class(isFirstStep ? "button" : "button secondary"), .text("Bestand controleren"))
        )
    }

    var isFirstStep: Bool {
        if case .choose = step { return true }
        return false
    }

    var columnsHelp: Node<HTML.BodyContext> {
        .details(
            .summary(.text("Welke kolommen en regels?")),
            .scrollingTable(
                "Kolommen van het importbestand",
                .thead(.tr(.th(.text("Kolom")), .th(.text("Verplicht")), .th(.text("Regel")), .th(.text("Voorbeeld")))),
                .tbody(
                    .forEach(IncidentImportParser.columns) { column in
                        .tr(
                            .td(.code(.text(column.name))), .td(.text(column.required ? "ja" : "nee")),
                            .td(.text(column.rule)), .td(.text(column.example)))
                    })),
            .p(.text("Hoofdletters en spaties rond een waarde maken niet uit: ‘Bedrijf’ wordt ‘bedrijf’.")),
            .explanation(.rd))
    }

    var result: Node<HTML.BodyContext> {
        switch step {
        case .choose: return .empty
        case .checked(let outcome, let fileName, let pending):
            guard outcome.succeeded else { return problems(outcome, fileName: fileName) }
            return checked(outcome, fileName: fileName, pending: pending)
        case .imported(let outcome, let fileName, let incidents):
            guard outcome.succeeded else { return problems(outcome, fileName: fileName) }
            return imported(outcome, fileName: fileName, incidents: incidents)
        }
    }

    func problems(_ outcome: IncidentImporter.Outcome, fileName: String) -> Node<HTML.BodyContext> {
        let total = outcome.problems.count + outcome.omittedProblems
        return .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"),
            .h2(.text("\(fileName) kan zo niet worden geïmporteerd: \(total.counted(.problem))")),
            .p(
                .text(
                    "Er is niets opgeslagen. Hieronder staat alles wat de controle vond; herstel het en controleer opnieuw."
                )),
            .ul(
                .class("problem-list"),
                .forEach(outcome.problems.prefix(500)) { problem in
                    .li(
                        .text(
                            ErrorView.describe(
                                Problem.Item(line: problem.line, column: problem.column, reason: problem.reason))))
                }),
            .if(total > 500, .p(.text("… en nog \((total - 500).counted(.problem)).")))
        )
    }

    func checked(_ outcome: IncidentImporter.Outcome, fileName: String, pending: UUID?) -> Node<HTML.BodyContext> {
        let summary = outcome.summary
        return .section(
            .class("notice"), .attribute(named: "role", value: "status"),
            .attribute(named: "aria-labelledby", value: "kop-controle"),
            .h2(.id("kop-controle"), .text("Controle van \(fileName): geen problemen")),
            .p(.text("Gelezen als \(outcome.readAs). Nog niets opgeslagen.")),
            .ul(
                .li(.text("Nieuw: \(summary.inserted.counted(.incident))")),
                .li(.text("Al aanwezig (blijven zoals ze zijn): \(summary.alreadyPresent.counted(.incident))"))),
            notes(outcome),
            preview(outcome.records),
            .unwrap(pending) { id in
                .form(
                    .method(.post), .action(SiteURL.confirmImport.path),
                    FormViews.csrf(context.csrfToken),
                    .input(.type(.hidden), .name("bestand"), .value(id.uuidString.lowercased())),
                    .h2(.text("Stap 2: importeren")),
                    .button(
                        .type(.submit), .class("button"),
                        .text("\(summary.inserted.counted(.incident)) importeren")))
            },
            .if(pending == nil, .p(.text("Er is niets nieuws om te importeren.")))
        )
    }

    func notes(_ outcome: IncidentImporter.Outcome) -> Node<HTML.BodyContext> {
        guard !outcome.notes.isEmpty else { return .empty }
        return .div(
            .h3(.text("Anders geschreven, wel goed gelezen")),
            .ul(
                .forEach(outcome.notes.prefix(50)) { note in
                    .li(
                        .text(
                            ErrorView.describe(Problem.Item(line: note.line, column: note.column, reason: note.reason)))
                    )
                }))
    }

    func preview(_ records: [IncidentRecord]) -> Node<HTML.BodyContext> {
        guard !records.isEmpty else { return .empty }
        let shown = records.prefix(10)
        return .scrollingTable(
            "Voorbeeld van de eerste rijen",
            .caption(.text("De eerste \(shown.count.counted(.row)) zoals ze worden opgeslagen")),
            .thead(
                .tr(.forEach(["Bron-id", "Datum", "Gemeente", "Doelwit", "Middel", "Adres"]) { .th(.text($0)) })),
            .tbody(
                .forEach(shown) { record in
                    .tr(
                        .td(.text(record.sourceID)), .td(.text(record.date.dutch)),
                        .td(
                            .text(
                                MunicipalityRegistry.bundled[record.municipalityCode]?.displayName
                                    ?? record.municipalityCode)),
                        .td(.text(record.target.label)), .td(.text(record.means.label)),
                        .td(.text(record.address ?? "")))
                }))
    }

    func imported(_ outcome: IncidentImporter.Outcome, fileName: String, incidents: [Incident])
        -> Node<HTML.BodyContext>
    {
        let summary = outcome.summary
        let dates = incidents.map(\.occurredOn).sorted()
        return .section(
            // Not the sticky one-line `success` notice: this block is long and must scroll away with the page.
            .class("notice"), .attribute(named: "role", value: "status"),
            .attribute(named: "aria-labelledby", value: "kop-import"),
            .h2(.id("kop-import"), .text("\(fileName) is geïmporteerd")),
            .ul(
                .li(.text("Toegevoegd: \(summary.inserted.dutch)")),
                .li(.text("Al aanwezig: \(summary.alreadyPresent.dutch)"))),
            notes(outcome),
            .if(
                outcome.alertsRaised > 0,
                .p(
                    .strong(.text("\(outcome.alertsRaised.counted(.warning)) voor een verhoogd risico. ")),
                    .a(.href(SiteURL.alerts.path), .text("Naar de waarschuwingen")))),
            .unwrap(dates.first) { first in
                .p(
                    .a(
                        .href(
                            SiteURL.incidents.path
                                + SiteURL.query([("van", first), ("tot", dates.last ?? first)])),
                        .text("Bekijk de incidenten van deze periode")))
            },
            .ul(
                .forEach(incidents.prefix(10)) { incident in
                    .li(
                        .a(
                            .href(SiteURL.incident(id: incident.id!).path),
                            .text("\(incident.sourceID) — \(CivilDate.dutch(iso: incident.occurredOn))")))
                })
        )
    }
}
