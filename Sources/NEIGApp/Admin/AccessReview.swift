import Fluent
import NEIGCore
import NEIGFormats
import Plot
import Vapor

/// `/admin/toegang`: who has which role in which organisation since when, and when they last used neig — the
/// periodic access review the BIO asks for, as a page and as CSV. Reading it is audited, since it lists everyone.
enum AccessReview {
    struct Row {
        let name: String
        let email: String
        let organisation: String
        let kind: String
        let role: String
        let roleSince: Date?
        let status: String
        let isActive: Bool
        let lastUsed: Date?
        let secondFactor: Bool
        let tokens: Int
    }

    static func register(_ routes: any RoutesBuilder) {
        routes.get(.accessReview, use: page)
        routes.get(.accessReviewCSV, use: csv)
    }

    static func rows(on db: any Database) async throws -> [Row] {
        let users = try await User.query(on: db).with(\.$organisation).all()
        let tokens = try await APIToken.query(on: db).all()
        let tokensByUser = Dictionary(grouping: tokens, by: { $0.$user.id })
        return users.map { user in
            let own = user.id.flatMap { tokensByUser[$0] } ?? []
            return Row(
                name: user.name, email: user.email, organisation: user.organisation.name,
                kind: user.organisation.kind.label, role: user.role.label,
                // A role is given with the account and never changed: a new role is a new account.
                roleSince: user.createdAt, status: status(of: user), isActive: user.isActive,
                lastUsed: ([user.lastLoginAt] + own.map(\.lastUsedAt)).compactMap { $0 }.max(),
                secondFactor: user.totpSecret != nil, tokens: own.count)
        }.sorted { ($0.organisation, $0.name, $0.email) < ($1.organisation, $1.name, $1.email) }
    }

    static func status(of user: User) -> String {
        switch user.status {
        case nil, .active: "actief"
        case .suspended: "geschorst" + (user.suspendedBy == InactiveAccounts.actorName ? " (niet gebruikt)" : "")
        case .left: "vertrokken"
        }
    }

    static func page(_ req: Request) async throws -> HTMLPage {
        let rows = try await rows(on: req.db)
        try await req.audit("access-review.view", object: "user", detail: "rows=\(rows.count)")
        return HTMLPage(
            document: AccessReviewView(
                context: req.pageContext, rows: rows, inactiveDays: req.application.neig.inactiveDays,
                today: req.application.neig.clock.now()
            ).document)
    }

    static func csv(_ req: Request) async throws -> Response {
        let rows = try await rows(on: req.db)
        let writer = CSVWriter()
        var text =
            "\u{FEFF}"
            + writer.row([
                "naam", "e-mail", "organisatie", "soort", "rol", "rol_sinds", "status", "laatst_gebruikt",
                "tweede_factor", "api_tokens"
            ])
        for row in rows {
            text += writer.row([
                row.name, row.email, row.organisation, row.kind, row.role, AccessReviewView.day(row.roleSince),
                row.status, AccessReviewView.day(row.lastUsed), row.secondFactor ? "ja" : "nee", String(row.tokens)
            ])
        }
        try await req.audit("access-review.export", object: "user", detail: "rows=\(rows.count)")
        return ExportRoutes.download(text, type: .csvUTF8, fileName: "neig-toegangsoverzicht.csv")
    }
}

struct AccessReviewView {
    let context: PageContext
    let rows: [AccessReview.Row]
    let inactiveDays: Int
    let today: Date

    static func day(_ date: Date?) -> String { date.map { NEIGClock.civilDate(of: $0).iso } ?? "" }

    var document: HTML {
        let unused = rows.filter { row in
            // Never used counts from the account's creation, as the suspension does.
            row.isActive && ((row.lastUsed ?? row.roleSince).map { today.timeIntervalSince($0) > 60 * 86_400 } ?? true)
        }.count
        return Layout(
            title: "Toegangsoverzicht", context: context,
            content: .div(
                .h1(.text("Toegangsoverzicht")),
                .p(
                    .text(
                        "Wie welke rol heeft, sinds wanneer, en wanneer het account voor het laatst is gebruikt. "
                            + (inactiveDays > 0
                                ? "Een account dat \(inactiveDays) dagen niet is gebruikt, wordt automatisch geschorst (behalve beheerders); een coördinator of beheerder kan het herstellen. "
                                : "Automatisch schorsen van ongebruikte accounts staat uit (NEIG_INACTIVE_DAYS=0). ")
                            + "\(rows.count.counted(.member)); \(unused) actief maar meer dan 60 dagen niet gebruikt.")),
                .p(
                    .a(
                        .class("button secondary"), .href(SiteURL.accessReviewCSV.path),
                        .text("Download als CSV (Excel)"))),
                .div(
                    .class("table-scroll"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: "Accounts"), .attribute(named: "tabindex", value: "0"),
                    .table(
                        .thead(
                            .tr(
                                .forEach(
                                    [
                                        "Naam", "Organisatie", "Rol", "Rol sinds", "Status", "Laatst gebruikt",
                                        "Tweede factor", "API-tokens"
                                    ]
                                ) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                        .tbody(
                            .forEach(rows) { row in
                                .tr(
                                    .td(
                                        .text(row.name), .br(), .span(.class("muted break-anywhere"), .text(row.email))),
                                    .td(.text(row.organisation), .br(), .span(.class("muted"), .text(row.kind))),
                                    .td(.text(row.role)), .td(.class("nowrap"), .text(Self.day(row.roleSince))),
                                    .td(.text(row.status)),
                                    .td(
                                        .class("nowrap"), .text(row.lastUsed == nil ? "nooit" : Self.day(row.lastUsed))),
                                    .td(.text(row.secondFactor ? "ja" : "nee")), .td(.text(String(row.tokens))))
                            })
                    ))
            ), breadcrumbs: [("Beheer", SiteURL.audit.path)]
        ).document
    }
}
