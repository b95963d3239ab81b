/// The fields of a signal and its triage: Dutch on the page, English in the API.
enum SignalField: String, FieldName {
    case kind = "soort", municipality = "gemeente", postcode, address = "adres", urgency = "urgentie", sector
    case text = "toelichting", status, reason = "reden", caseFile = "zaak", team

    var jsonName: String {
        switch self {
        case .kind: "kind"
        case .municipality: "municipality_code"
        case .address: "address"
        case .urgency: "urgency"
        case .text: "text"
        case .postcode, .sector, .status, .reason, .caseFile, .team: rawValue
        }
    }
}
