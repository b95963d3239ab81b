import Plot

/// The address search above a form's address fields. Hidden until `neig-adres.js` runs, since without the script it
/// can do nothing; the search box has no name, so what is typed in it is never sent to neig.
enum AddressSearchField {
    enum Form: String {
        /// Fills street and number, postcode, RD coordinates, municipality and BAG id.
        case incident
        /// Fills the address as one line (and the name, when empty) and the BAG id.
        case zaak
    }

    static func node(_ form: Form, context: PageContext) -> Node<HTML.FormContext> {
        guard let base = context.addressSearchBase else { return .empty }
        return .group(
            .div(
                .class("address-search"), .attribute(named: "hidden", value: "hidden"),
                .attribute(named: "data-address-search", value: base),
                .attribute(named: "data-address-form", value: form.rawValue),
                .label(.for("adreszoeker"), .text("Adres zoeken")),
                .p(
                    .class("hint"), .id("hint-adreszoeker"),
                    .text(
                        "Typ straat en huisnummer, of postcode en huisnummer, en kies het adres: "
                            + (form == .incident
                                ? "gemeente, adres, postcode, BAG-id en coördinaten worden ingevuld. "
                                : "de naam (als die leeg is), het adres en het BAG-id worden ingevuld. ")
                            + "U kunt alles daarna nog aanpassen. Bron: BAG via PDOK Locatieserver.")),
                .selfClosedElement(
                    named: "input",
                    attributes: [
                        .type(.search), .id("adreszoeker"), .attribute(named: "autocomplete", value: "off"),
                        .attribute(named: "role", value: "combobox"),
                        .attribute(named: "aria-autocomplete", value: "list"),
                        .attribute(named: "aria-expanded", value: "false"),
                        .attribute(named: "aria-controls", value: "adreszoeker-lijst"),
                        .attribute(named: "aria-describedby", value: "hint-adreszoeker")
                    ]),
                .element(
                    named: "ul",
                    nodes: [
                        .id("adreszoeker-lijst"), .attribute(named: "role", value: "listbox"),
                        .attribute(named: "aria-label", value: "Gevonden adressen"),
                        .attribute(named: "hidden", value: "hidden")
                    ]),
                .p(.class("address-status"), .attribute(named: "role", value: "status"))
            ),
            .script(.src(SiteURL.addressScript.path), .attribute(named: "defer", value: "defer"))
        )
    }
}
