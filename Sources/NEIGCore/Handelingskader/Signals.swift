/// Risk signals that housing corporations, businesses and police send to a municipality.
public enum SignalKind: String, CaseIterable, Codable, Sendable {
    case threat = "dreiging", extortion = "afpersing", suspiciousSituation = "verdachte_situatie"
    case earlierAttack = "eerdere_aanslag", nuisance = "overlast", other = "overig"

    public var label: String {
        switch self {
        case .threat: "Bedreiging van bewoner of ondernemer"
        case .extortion: "Afpersing"
        case .suspiciousSituation: "Verdachte situatie bij een pand"
        case .earlierAttack: "Eerdere aanslag of poging"
        case .nuisance: "Overlast of conflict"
        case .other: "Overig"
        }
    }
}

public enum SignalUrgency: String, CaseIterable, Codable, Sendable {
    case low = "laag", normal = "normaal", high = "hoog", acute = "acuut"

    public var label: String {
        switch self {
        case .low: "Laag"
        case .normal: "Normaal"
        case .high: "Hoog"
        case .acute: "Acuut (direct gevaar: bel ook 112)"
        }
    }
}

/// Who sends a signal, derived from the sender's role.
public enum SignalSender: String, CaseIterable, Codable, Sendable {
    case housingCorporation = "woningcorporatie", business = "ondernemer", police = "politie"

    public init?(role: Role) {
        switch role {
        case .housingCorporation: self = .housingCorporation
        case .business: self = .business
        case .police: self = .police
        default: return nil
        }
    }

    public var label: String {
        switch self {
        case .housingCorporation: "Woningcorporatie"
        case .business: "Ondernemer of ondernemersvereniging"
        case .police: "Politie"
        }
    }
}

/// Sectors of business signals, for the coordinators' overview (counts only).
public enum BusinessSector: String, CaseIterable, Codable, Sendable {
    case hospitality = "horeca", retail = "detailhandel", shisha = "shishalounge", automotive = "autobedrijf"
    case personalCare = "persoonlijke_verzorging", logistics = "transport_logistiek", other = "overig"

    public var label: String {
        switch self {
        case .hospitality: "Horeca"
        case .retail: "Detailhandel"
        case .shisha: "Shishalounge"
        case .automotive: "Autobedrijf of garage"
        case .personalCare: "Kapper, barbier of nagelsalon"
        case .logistics: "Transport en logistiek"
        case .other: "Overig"
        }
    }
}

/// Triage: new → in treatment → linked to a case, or rejected with a reason (also straight from new).
public enum SignalStatus: String, CaseIterable, Codable, Sendable {
    case new = "nieuw", inTreatment = "in_behandeling", linked = "gekoppeld", rejected = "afgewezen"

    public var label: String {
        switch self {
        case .new: "Nieuw"
        case .inTreatment: "In behandeling"
        case .linked: "Gekoppeld aan zaak"
        case .rejected: "Afgewezen"
        }
    }

    public var allowedNext: [SignalStatus] {
        switch self {
        case .new: [.inTreatment, .linked, .rejected]
        case .inTreatment: [.linked, .rejected]
        case .linked, .rejected: []
        }
    }
}

/// A municipality's rule that assigns new signals to a team. Empty conditions match everything; rules are tried
/// by ascending priority and the first match wins.
public struct SignalRoutingRule: Sendable, Equatable {
    public let priority: Int
    /// Four-digit postcode areas ("1017", "1018"), or empty for the whole municipality.
    public let postcodeAreas: [String]
    public let kinds: [SignalKind]
    public let senders: [SignalSender]
    public let team: String

    public init(priority: Int, postcodeAreas: [String], kinds: [SignalKind], senders: [SignalSender], team: String) {
        self.priority = priority
        self.postcodeAreas = postcodeAreas
        self.kinds = kinds
        self.senders = senders
        self.team = team
    }

    public func matches(postcode: String?, kind: SignalKind, sender: SignalSender) -> Bool {
        let area = postcode.map { String($0.filter(\.isNumber).prefix(4)) }
        return (postcodeAreas.isEmpty || area.map(postcodeAreas.contains) == true)
            && (kinds.isEmpty || kinds.contains(kind)) && (senders.isEmpty || senders.contains(sender))
    }

    public static func route(postcode: String?, kind: SignalKind, sender: SignalSender, rules: [SignalRoutingRule])
        -> String?
    {
        rules.sorted { $0.priority < $1.priority }.first { $0.matches(postcode: postcode, kind: kind, sender: sender) }?
            .team
    }
}
