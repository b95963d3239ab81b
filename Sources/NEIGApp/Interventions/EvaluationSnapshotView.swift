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

/// The result before it is frozen: the same figures, and the choice to record them or change the comparison.
struct EvaluationPreviewView {
    let context: PageContext
    let intervention: Intervention
    let result: EffectEvaluation.Result
    let fields: InterventionInput.EvaluationFields
    let registry: MunicipalityRegistry

    var document: HTML {
        let id = intervention.id!
        return Layout(
            title: "Voorbeeld evaluatie \(intervention.name)", context: context,
            content: .div(
                .h1(.text("Voorbeeld: \(intervention.name)")),
                .p(
                    .class("notice"),
                    .text(
                        "Dit is nog niet vastgelegd. Bekijk de uitkomst; leg haar vast om er een besluit op te baseren, "
                            + "of ga terug om de vergelijking te wijzigen.")),
                .p(.class("lead"), .strong(.text(result.verdict))),
                InterventionParts.resultSection(result, intervention: intervention, registry: registry),
                .form(
                    .method(.post), .action(SiteURL.intervention(id: id, .evaluaties).path),
                    FormViews.csrf(context.csrfToken),
                    .input(.type(.hidden), .name("vergelijking"), .value(fields.vergelijking ?? "")),
                    .input(.type(.hidden), .name("maanden_voor"), .value(fields.maanden_voor ?? "")),
                    .input(.type(.hidden), .name("maanden_na"), .value(fields.maanden_na ?? "")),
                    .input(.type(.hidden), .name("seed"), .value(fields.seed ?? "")),
                    .input(.type(.hidden), .name("actie"), .value("vastleggen")),
                    .button(.type(.submit), .class("button"), .text("Deze uitkomst vastleggen"))),
                .p(.a(.href(SiteURL.intervention(id: id).path + "#evaluaties"), .text("Terug, zonder vast te leggen")))
            ),
            breadcrumbs: [
                ("Interventies", SiteURL.interventions.path), (intervention.name, SiteURL.intervention(id: id).path)
            ]
        ).document
    }
}
