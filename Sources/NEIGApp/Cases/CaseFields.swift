/// The fields of opening a case, sharing information and proposing a measure: Dutch on the page, English in the API.
enum CaseField: String, FieldName {
    case title = "titel", address = "adres", phase = "fase", confidentiality = "vertrouwelijkheid"
    case handlingDays = "termijn", responsible = "behandelaar", bagID = "bag_id"

    var jsonName: String {
        switch self {
        case .title: "title"
        case .address: "address"
        case .phase: "phase"
        case .confidentiality: "confidentiality"
        case .handlingDays: "handling_days"
        case .responsible: "responsible"
        case .bagID: "bag_id"
        }
    }
}

enum MeasureField: String, FieldName {
    case kind = "soort", apvArticle = "apv", addressee = "adressaat", startsOn = "begin", endsOn = "einde"
    case motivation = "motivering", informationIDs = "informatie"
    case status, password = "wachtwoord", publishedOn = "bekendgemaakt_op", receivedOn = "ontvangen"
    case postpone = "verdagen", decideBefore = "besluit_voor", decision = "beslissing", remark = "opmerking"
    case submissionNote = "notitie", reason = "reden", addresseeAddress = "adres_adressaat"

    var jsonName: String {
        switch self {
        case .kind: "type"
        case .apvArticle: "apv_article"
        case .addressee: "addressee"
        case .startsOn: "starts_on"
        case .endsOn: "ends_on"
        case .motivation: "motivation"
        case .informationIDs: "information_ids"
        case .decideBefore: "decide_before"
        case .decision: "decision"
        case .remark: "remark"
        case .submissionNote: "note"
        case .reason: "reason"
        case .addresseeAddress: "addressee_address"
        case .status, .password, .publishedOn, .receivedOn, .postpone: rawValue
        }
    }
}

enum InformationField: String, FieldName {
    case summary = "samenvatting", classification = "classificatie", purpose = "doel", expiresOn = "vervalt"
    case roles = "rollen", users = "gebruikers"

    var jsonName: String {
        switch self {
        case .summary: "summary"
        case .classification: "classification"
        case .purpose: "purpose"
        case .expiresOn: "expires_on"
        case .roles: "share_with_roles"
        case .users: "share_with_users"
        }
    }
}
