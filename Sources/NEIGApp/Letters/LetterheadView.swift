import Foundation
import NEIGCore
import Plot

/// The municipality's letter paper, filled in once for every decision letter.
struct LetterheadView {
    let context: PageContext
    let municipality: String
    let values: [String: String]
    let errors: [FormViews.FieldError]
    let updated: String?

    var document: HTML {
        Layout(
            title: "Briefpapier", context: context,
            content: .div(
                .h1(.text("Briefpapier van \(municipality)")),
                .p(
                    .class("lead"),
                    .text(
                        "Deze gegevens komen boven en onder elk besluit dat neig opstelt, ook in het Word-bestand. "
                            + "Vul ze één keer in; wijzigen kan altijd.")),
                .unwrap(updated) { .p(.class("muted"), .text($0)) },
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.letterhead.path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "afzender", label: "Afzender", value: values["afzender"],
                        hint: "Bijvoorbeeld: Gemeente \(municipality).",
                        required: true, errors: errors),
                    FormViews.textArea(
                        "bezoekadres", label: "Bezoekadres", value: values["bezoekadres"], errors: errors),
                    FormViews.textArea(
                        "postadres", label: "Postadres", value: values["postadres"], errors: errors, required: true),
                    FormViews.textArea(
                        "bezwaaradres", label: "Adres voor bezwaarschriften", value: values["bezwaaradres"],
                        hint:
                            "Bijvoorbeeld: De burgemeester van \(municipality), t.a.v. Juridische Zaken, Postbus 202, 1000 AE \(municipality).",
                        errors: errors, required: true),
                    FormViews.textField(
                        "bezwaar_email", label: "E-mailadres voor bezwaarschriften", value: values["bezwaar_email"],
                        type: .email, errors: errors),
                    FormViews.textField(
                        "rechtbank", label: "Rechtbank voor een voorlopige voorziening", value: values["rechtbank"],
                        hint: "Bijvoorbeeld: Rechtbank Amsterdam.", required: true, errors: errors),
                    FormViews.textField(
                        "ondertekening", label: "Ondertekening", value: values["ondertekening"],
                        hint:
                            "Naam en functie zoals onder de brief, bijvoorbeeld: De burgemeester van \(municipality), A. de Vries.",
                        required: true, errors: errors),
                    .button(.type(.submit), .class("button"), .text("Briefpapier opslaan"))))
        ).document
    }

    static func values(of paper: Letterhead?) -> [String: String] {
        guard let paper else { return [:] }
        return [
            "afzender": paper.sender, "bezoekadres": paper.visitingAddress ?? "", "postadres": paper.postalAddress,
            "bezwaaradres": paper.objectionAddress, "bezwaar_email": paper.objectionEmail ?? "",
            "rechtbank": paper.court, "ondertekening": paper.signatory
        ]
    }
}
