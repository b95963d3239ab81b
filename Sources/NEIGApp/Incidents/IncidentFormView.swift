import Foundation
import NEIGCore
import Plot

struct IncidentFormView {
    let values: [String: String]
    let errors: [FormViews.FieldError]
    let incidentID: UUID?
    let registry: MunicipalityRegistry
    let context: PageContext

    static let labels = [
        "bron": "Bron", "bron_id": "Bron-id", "datum": "Datum", "tijd": "Tijd", "gemeentecode": "Gemeente",
        "adres": "Adres", "postcode": "Postcode", "x": "RD x", "y": "RD y", "lat": "Breedtegraad",
        "lon": "Lengtegraad", "doelwit": "Doelwit", "middel": "Middel", "omschrijving": "Omschrijving",
        "bag_id": "BAG-id"
    ]

    static func values(of incident: Incident) -> [String: String] {
        [
            "bron": incident.source, "bron_id": incident.sourceID, "datum": incident.occurredOn,
            "tijd": incident.timeOfDay ?? "",
            "gemeentecode": incident.municipalityCode, "adres": incident.address ?? "",
            "postcode": incident.postcode ?? "", "bag_id": incident.bagID ?? "",
            "x": SVGCanvas.number(incident.rdX), "y": SVGCanvas.number(incident.rdY),
            "doelwit": incident.target.rawValue,
            "middel": incident.means.rawValue, "omschrijving": incident.descriptionText ?? ""
        ]
    }

    static func changedFields(_ a: IncidentRecord, _ b: IncidentRecord) -> [String] {
        var fields: [String] = []
        if a.date != b.date { fields.append("datum") }
        if a.time != b.time { fields.append("tijd") }
        if a.municipalityCode != b.municipalityCode { fields.append("gemeentecode") }
        if a.address != b.address || a.postcode != b.postcode || a.bagID != b.bagID { fields.append("adres") }
        if a.rd != b.rd { fields.append("coordinaten") }
        if a.target != b.target { fields.append("doelwit") }
        if a.means != b.means { fields.append("middel") }
        if a.description != b.description { fields.append("omschrijving") }
        return fields
    }

    var document: HTML {
        let title = incidentID == nil ? "Incident invoeren" : "Incident wijzigen"
        let action = incidentID.map { SiteURL.incident(id: $0).path } ?? SiteURL.incidents.path
        return Layout(
            title: title, context: context,
            content: .div(
                .class("narrow"),
                .h1(.text(title)),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(action),
                    .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    .if(
                        incidentID == nil,
                        .group([
                            FormViews.textField(
                                "bron", label: "Bron", value: values["bron"], hint: "Bijvoorbeeld politie",
                                required: true, errors: errors),
                            FormViews.textField(
                                "bron_id", label: "Bron-id", value: values["bron_id"],
                                hint: "Het registratienummer bij de bron",
                                required: true, errors: errors)
                        ])),
                    FormViews.textField(
                        "datum", label: "Datum", value: values["datum"], type: .date, required: true, errors: errors),
                    FormViews.textField(
                        "tijd", label: "Tijd", value: values["tijd"], type: .time, hint: "UU:MM", errors: errors),
                    AddressSearchField.node(.incident, context: context),
                    FormViews.select(
                        "gemeentecode", label: "Gemeente",
                        options: [("", "Kies een gemeente")] + registry.all.map { ($0.code, $0.displayName) },
                        selected: values["gemeentecode"], errors: errors),
                    FormViews.textField(
                        "adres", label: "Adres", value: values["adres"], hint: "Straat en huisnummer", errors: errors,
                        autocomplete: "off"),
                    FormViews.textField(
                        "postcode", label: "Postcode", value: values["postcode"], hint: "1234 AB", errors: errors),
                    FormViews.textField(
                        "bag_id", label: "BAG-id van het adres", value: values["bag_id"],
                        hint:
                            "16 cijfers; het adres zoeken vult het in. Zo herkent neig hetzelfde adres bij andere aanslagen en zaken.",
                        errors: errors, autocomplete: "off"),
                    .fieldset(
                        .element(named: "legend", text: "Locatie: RD-coördinaten (meters) of WGS84 (graden)"),
                        .explanation(.rd),
                        FormViews.textField("x", label: "RD x", value: values["x"], errors: errors),
                        FormViews.textField("y", label: "RD y", value: values["y"], errors: errors),
                        FormViews.textField("lat", label: "Breedtegraad (lat)", value: values["lat"], errors: errors),
                        FormViews.textField("lon", label: "Lengtegraad (lon)", value: values["lon"], errors: errors)
                    ),
                    FormViews.select(
                        "doelwit", label: "Doelwit", options: TargetType.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["doelwit"], errors: errors),
                    FormViews.select(
                        "middel", label: "Middel", options: AttackMeans.allCases.map { ($0.rawValue, $0.label) },
                        selected: values["middel"], errors: errors),
                    FormViews.textArea(
                        "omschrijving", label: "Omschrijving", value: values["omschrijving"], errors: errors),
                    .button(.type(.submit), .class("button"), .text("Opslaan"))
                )
            ), breadcrumbs: [("Incidenten", SiteURL.incidents.path)]
        ).document
    }
}
