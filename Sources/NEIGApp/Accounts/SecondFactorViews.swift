import NEIGCore
import NEIGFormats
import Plot

/// The code form both second-factor pages end with.
private func codeForm(action: String, csrf: String, error: String?, label: String, hint: String, button: String)
    -> Node<HTML.BodyContext>
{
    let errors = error.map { [FormViews.FieldError(field: "code", message: $0)] } ?? []
    return .form(
        .method(.post), .action(action), .attribute(named: "novalidate"),
        FormViews.csrf(csrf),
        FormViews.textField(
            "code", label: label, value: nil, hint: hint, required: true, errors: errors, autocomplete: "one-time-code"),
        .button(.type(.submit), .class("button"), .text(button))
    )
}

struct SecondFactorView {
    let context: PageContext
    let action: String
    let error: String?

    var document: HTML {
        let errors = error.map { [FormViews.FieldError(field: "code", message: $0)] } ?? []
        return Layout(
            title: "Tweestapsverificatie", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Tweestapsverificatie")),
                .p(.class("lead"), .text("Uw wachtwoord klopt. Vul nu de code in die uw authenticator-app toont.")),
                FormViews.errorSummary(errors),
                codeForm(
                    action: action, csrf: context.csrfToken, error: error, label: "Code",
                    hint:
                        "Zes cijfers uit de app. Telefoon kwijt? Vul dan een van uw herstelcodes in (bijvoorbeeld abcde-fghjk).",
                    button: "Inloggen")
            )
        ).document
    }
}

struct EnrolmentView {
    let context: PageContext
    let action: String
    /// The base32 key in groups of four, for people who cannot scan.
    let secret: String
    let qrCode: QRCode
    let error: String?

    var qrSVG: String {
        let border = 4
        var canvas = SVGCanvas(width: Double(qrCode.size + 2 * border), height: Double(qrCode.size + 2 * border))
        canvas.rect(x: 0, y: 0, width: canvas.width, height: canvas.height, fill: "#ffffff")
        canvas.path(qrCode.svgPath(border: border), fill: "#000000")
        return canvas.render(
            title: "QR-code om neig aan uw authenticator-app toe te voegen. De sleutel staat ook hieronder als tekst.",
            id: "qr-titel", className: "qr-code")
    }

    var document: HTML {
        let errors = error.map { [FormViews.FieldError(field: "code", message: $0)] } ?? []
        return Layout(
            title: "Tweestapsverificatie instellen", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Tweestapsverificatie instellen")),
                .p(
                    .class("lead"),
                    .text(
                        "Voor uw rol is inloggen met een tweede stap verplicht. Dat stelt u één keer in, met een authenticator-app op uw telefoon (bijvoorbeeld Microsoft Authenticator, Google Authenticator of FreeOTP)."
                    )),
                FormViews.errorSummary(errors),
                .ol(
                    .class("steps"),
                    .li(.text("Open de app en kies ‘account toevoegen’. Scan deze QR-code:"), .raw(qrSVG)),
                    .li(
                        .text("Kunt u niet scannen? Kies ‘sleutel invoeren’ en typ deze sleutel over (tijdgebaseerd):"),
                        .p(.code(.class("secret"), .id("totp-sleutel"), .text(secret)))),
                    .li(.text("Vul hieronder de code van zes cijfers in die de app daarna toont."))
                ),
                codeForm(
                    action: action, csrf: context.csrfToken, error: error, label: "Code uit de app",
                    hint: "Zes cijfers. De code verandert elke 30 seconden.", button: "Bevestigen")
            )
        ).document
    }
}

struct RecoveryCodesView {
    let context: PageContext
    let codes: [String]
    let continueTo: String
    let afterEnrolment: Bool

    var document: HTML {
        Layout(
            title: "Uw herstelcodes", context: context,
            content: .div(
                .class("narrow"),
                .if(
                    afterEnrolment,
                    .div(
                        .class("notice"), .attribute(named: "role", value: "status"),
                        .h2(.text("Tweestapsverificatie staat aan")),
                        .p(.text("Voortaan vraagt neig bij het inloggen om een code uit uw app."))
                    )),
                .h1(.text("Uw herstelcodes")),
                .p(
                    .class("lead"),
                    .text(
                        "Bent u uw telefoon kwijt, dan logt u in met een van deze codes. Elke code werkt één keer. Bewaar ze op een veilige plek, bijvoorbeeld in uw wachtwoordkluis of geprint in een afgesloten kast: neig toont ze maar één keer."
                    )),
                .ul(.class("recovery-codes"), .id("herstelcodes"), .forEach(codes) { .li(.text($0)) }),
                .p(.a(.class("button"), .href(continueTo), .text("Ik heb de codes bewaard — verder")))
            )
        ).document
    }
}
