import Foundation
import NEIGCore
import Plot

struct InformationItemView {
    let context: PageContext
    let visible: InformationService.Visible
    let purpose: InformationViewPurpose?
    let views: [InformationView]

    var document: HTML {
        let item = visible.item
        let uuid = item.id!
        return Layout(
            title: "Gedeelde informatie", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Informatie van \(item.authorRole.label.lowercased())")),
                .p(.a(.href(SiteURL.caseFile(id: item.$caseFile.id).path), .text("Terug naar de zaak"))),
                .dl(
                    .class("facts"),
                    .dt(.text("Rubricering")), .dd(.text(item.classification.label)),
                    .dt(.text("Gedeeld voor")), .dd(.text(item.purpose)),
                    .dt(.text("Gedeeld door")),
                    .dd(.text("\(item.authorName), \(CaseDetailView.timeFormat.string(from: item.createdAt))")),
                    .dt(.text("Vervalt")), .dd(.text(CivilDate.dutch(iso: item.expiresOn)))
                ),
                purpose.map { purpose in
                    .div(
                        .p(.class("muted"), .text("Ingezien voor: \(purpose.label). Dit inzien is vastgelegd.")),
                        .div(.class("notice"), .p(.text(item.summary)))
                    )
                }
                    ?? .form(
                        .method(.get), .action(SiteURL.information(id: uuid).path),
                        .p(
                            .text(
                                "Politie- en OM-informatie opent u alleen voor een doel. Elk inzien wordt vastgelegd en is zichtbaar voor wie de informatie deelde."
                            )),
                        FormViews.select(
                            "doel", label: "Doel van het inzien",
                            options: InformationViewPurpose.allCases.map { ($0.rawValue, $0.label) },
                            selected: nil, errors: []),
                        .button(.type(.submit), .class("button"), .text("Inzien"))
                    ),
                .if(
                    item.authorID == context.userID,
                    .div(
                        .h2(.text("Wie heeft dit ingezien")),
                        views.isEmpty
                            ? .p(.text("Nog niemand."))
                            : .ul(
                                .forEach(views) { view in
                                    .li(
                                        .text(
                                            "\(CaseDetailView.timeFormat.string(from: view.viewedAt)) — \(view.userName): "
                                                + (InformationViewPurpose(rawValue: view.purpose)?.label ?? view.purpose)
                                        ))
                                })
                    ))
            )
        ).document
    }
}
