import Fluent
import NEIGCore
import Plot
import Vapor

struct AuditView {
    let context: PageContext
    let filters: AuditRoutes.Filters
    let events: [AuditEvent]
    let hasMore: Bool
    let verification: AuditChain.Verification

    static let timeFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = NEIGClock.amsterdam
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()

    var document: HTML {
        Layout(
            title: "Auditlog", context: context,
            content: .div(
                .h1(.text("Auditlog")),
                .div(
                    .class(verification.isIntact ? "notice" : "error-summary"),
                    .attribute(named: "role", value: "status"),
                    .h2(.text(verification.isIntact ? "De keten is intact" : "De keten is verbroken")),
                    .p(
                        .text(
                            verification.problem.map { "Eerste probleem: \($0)." }
                                ?? "Alle \(verification.entries) verzegelde regels kloppen met hun hash en die van hun voorganger."
                        ))
                ),
                .form(
                    .method(.get), .action(SiteURL.audit.path), .class("filters"),
                    FormViews.textField(
                        "actie", label: "Actie", value: filters.action, hint: "Bijvoorbeeld login of incident.",
                        errors: []),
                    FormViews.textField(
                        "actor", label: "Actor", value: filters.actor, hint: "user:…, cli of system.", errors: []),
                    FormViews.select(
                        "resultaat", label: "Resultaat",
                        options: [
                            ("", "Alle"), ("success", "Gelukt"), ("denied", "Geweigerd"), ("rejected", "Afgewezen")
                        ],
                        selected: filters.result, errors: [], required: false),
                    .button(.type(.submit), .class("button"), .text("Filteren"))
                ),
                .scrollingTable(
                    "Auditregels",
                    .class("data"),
                    .caption(.text("Auditregels, nieuwste eerst (pagina \(filters.page))")),
                    .thead(
                        .tr(
                            .forEach([
                                "#", "Tijd", "Actor", "Actie", "Object", "Resultaat", "Verwerking", "Herkomst",
                                "Detail"
                            ]) {
                                .th(.attribute(named: "scope", value: "col"), .text($0))
                            })),
                    .tbody(
                        .forEach(events) { event in
                            .tr(
                                .td(.text(event.sequence.map(String.init) ?? "–")),
                                .td(.text(Self.timeFormat.string(from: event.occurredAt))),
                                .td(.text(event.actor)),
                                .td(.text(event.action)),
                                .td(.text(event.objectType + (event.objectID.map { " " + $0.prefix(8) } ?? ""))),
                                .td(.text(event.result)),
                                .td(.text(event.processingActivity ?? "–")),
                                .td(.text(event.origin ?? "–")),
                                .td(.text(event.detail ?? ""))
                            )
                        })
                ),
                .p(
                    .if(filters.page > 1, .a(.href(link(page: filters.page - 1)), .text("Nieuwere regels"))),
                    .if(filters.page > 1 && hasMore, .text(" · ")),
                    .if(hasMore, .a(.href(link(page: filters.page + 1)), .text("Oudere regels")))
                )
            )
        ).document
    }

    func link(page: Int) -> String {
        let items = [
            ("actie", filters.action), ("actor", filters.actor), ("resultaat", filters.result), ("pagina", String(page))
        ]
        return SiteURL.audit.path + SiteURL.query(items)
    }
}
