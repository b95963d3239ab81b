import Foundation
import NEIGCore
import Plot

struct EvaluationSnapshotView {
    let context: PageContext
    let intervention: Intervention
    let snapshot: EvaluationSnapshot
    let registry: MunicipalityRegistry

    var document: HTML {
        let result = snapshot.result
        return Layout(
            title: "Evaluatie \(intervention.name)", context: context,
            content: .div(
                .h1(.text("Evaluatie: \(intervention.name)")),
                .p(
                    .class("muted"),
                    .text(
                        "Vastgelegd \(CaseDetailView.timeFormat.string(from: snapshot.createdAt)) door \(snapshot.createdBy); deze uitkomst verandert niet meer."
                    )),
                .p(.class("lead"), .strong(.text(snapshot.verdict))),
                .unwrap(result) { InterventionParts.resultSection($0, intervention: intervention, registry: registry) },
                .p(.a(.href(SiteURL.intervention(id: intervention.id!).path), .text("Terug naar de interventie")))
            ),
            breadcrumbs: [
                ("Interventies", SiteURL.interventions.path),
                (intervention.name, SiteURL.intervention(id: intervention.id!).path)
            ]
        ).document
    }
}
