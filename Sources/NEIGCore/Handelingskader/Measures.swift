/// The mayor's measures (bestuurlijke maatregelen) with their legal basis. Local APV articles differ per
/// municipality, so `apv` carries the article the municipality names.
public enum MeasureType: String, CaseIterable, Codable, Sendable {
    case closure174a = "sluiting_174a"
    case closure13b = "sluiting_13b"
    case areaBan = "gebiedsverbod_172a"
    case emergencyOrder = "noodbevel_175"
    case emergencyOrdinance = "noodverordening_176"
    case safetyRiskArea = "veiligheidsrisicogebied_151b"
    case cameraSurveillance = "cameratoezicht_151c"
    case apv

    public var label: String {
        switch self {
        case .closure174a: "Sluiting woning of lokaal (openbare orde)"
        case .closure13b: "Sluiting woning of lokaal (drugs)"
        case .areaBan: "Gebiedsverbod"
        case .emergencyOrder: "Noodbevel"
        case .emergencyOrdinance: "Noodverordening"
        case .safetyRiskArea: "Veiligheidsrisicogebied (preventief fouilleren)"
        case .cameraSurveillance: "Cameratoezicht"
        case .apv: "Maatregel op grond van de APV"
        }
    }

    /// The article the decision rests on; for `apv` the municipality supplies it.
    public var legalBasis: String? {
        switch self {
        case .closure174a: "artikel 174a Gemeentewet"
        case .closure13b: "artikel 13b Opiumwet"
        case .areaBan: "artikel 172a Gemeentewet"
        case .emergencyOrder: "artikel 175 Gemeentewet"
        case .emergencyOrdinance: "artikel 176 Gemeentewet"
        case .safetyRiskArea: "artikel 151b Gemeentewet"
        case .cameraSurveillance: "artikel 151c Gemeentewet"
        case .apv: nil
        }
    }

    /// An emergency ordinance binds everyone and is announced, not addressed to one person, so the individual
    /// objection procedure does not apply to it (Awb 8:3 excludes generally binding rules).
    public var isObjectable: Bool { self != .emergencyOrdinance }
}

/// A measure's life: drafted, put to the mayor, adopted (only by the mayor, after re-authentication),
/// made known to the addressee, ended — or withdrawn at any point before it ends.
public enum MeasureState: String, CaseIterable, Codable, Sendable {
    case concept, voorgelegd, vastgesteld, bekendgemaakt, beeindigd, ingetrokken

    public var label: String {
        switch self {
        case .concept: "Concept"
        case .voorgelegd: "Voorgelegd aan de burgemeester"
        case .vastgesteld: "Vastgesteld"
        case .bekendgemaakt: "Bekendgemaakt"
        case .beeindigd: "Beëindigd"
        case .ingetrokken: "Ingetrokken"
        }
    }

    public var allowedNext: [MeasureState] {
        switch self {
        case .concept: [.voorgelegd, .ingetrokken]
        case .voorgelegd: [.vastgesteld, .concept, .ingetrokken]
        case .vastgesteld: [.bekendgemaakt, .ingetrokken]
        case .bekendgemaakt: [.beeindigd, .ingetrokken]
        case .beeindigd, .ingetrokken: []
        }
    }

    public func canMove(to next: MeasureState) -> Bool { allowedNext.contains(next) }

    /// Only the mayor adopts (vaststellen) a decision.
    public static let mayorOnly: Set<MeasureState> = [.vastgesteld]
}
