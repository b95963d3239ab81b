import Foundation
import NEIGCore
import Plot

struct SignalDetailView {
    let context: PageContext
    let signal: RiskSignal
    let triage: Bool
    let cases: [CaseFile]
    let errors: [FormViews.FieldError]
    let municipality: String

    var document: HTML {
        let uuid = signal.id!
        return Layout(
            title: "Signaal", context: context,
            content: .div(
                .h1(.text("Signaal: \(signal.kind.label)")),
                FormViews.errorSummary(errors),
                .dl(
                    .class("facts"),
                    .dt(.text("Status")), .dd(.strong(.text(signal.status.label))),
                    .dt(.text("Ontvangen")), .dd(.text(CaseDetailView.timeFormat.string(from: signal.createdAt))),
                    .dt(.text("Gemeente")), .dd(.text(municipality)),
                    .dt(.text("Adres")),
                    .dd(.text([signal.address, signal.postcode].compactMap { $0 }.joined(separator: ", "))),
                    .dt(.text("Urgentie")), .dd(.text(signal.urgency.label)),
                    .dt(.text("Afzender")), .dd(.text("\(signal.senderName) (\(signal.sender.label))")),
                    .unwrap(signal.sector) { .group(.dt(.text("Sector")), .dd(.text($0.label))) },
                    .dt(.text("Team")), .dd(.text(signal.team ?? "—")),
                    .unwrap(signal.reason) { .group(.dt(.text("Reden van afwijzen")), .dd(.text($0))) },
                    .if(
                        triage && signal.caseID != nil,
                        .group(
                            .dt(.text("Zaak")),
                            .dd(
                                .a(
                                    .href(signal.caseID.map { SiteURL.caseFile(id: $0).path } ?? ""),
                                    .text("Naar de zaak")))))
                ),
                .h2(.text("Toelichting")),
                .p(.class("prewrap"), .text(signal.text)),
                .if(
                    triage && !signal.status.allowedNext.isEmpty,
                    .div(
                        .h2(.text("Beoordelen")),
                        .form(
                            .method(.post), .action(SiteURL.signal(id: uuid, status: true).path),
                            .attribute(named: "novalidate"),
                            FormViews.csrf(context.csrfToken),
                            FormViews.select(
                                "status", label: "Nieuwe status",
                                options: signal.status.allowedNext.map { ($0.rawValue, $0.label) }, selected: nil,
                                errors: errors),
                            FormViews.select(
                                "zaak", label: "Koppelen aan zaak",
                                options: [("", "Geen")] + cases.map { ($0.id!.uuidString.lowercased(), $0.title) },
                                selected: nil, errors: errors, required: false),
                            FormViews.textField(
                                "reden", label: "Reden van afwijzen", value: nil, hint: "De afzender ziet deze reden.",
                                errors: errors),
                            FormViews.textField("team", label: "Team", value: signal.team, errors: errors),
                            .button(.type(.submit), .class("button"), .text("Opslaan"))
                        ),
                        .p(.a(.href(SiteURL.newCase().path), .text("Eerst een nieuwe zaak openen")))
                    ))
            )
        ).document
    }
}
