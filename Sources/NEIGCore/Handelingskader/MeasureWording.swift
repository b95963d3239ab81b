/// How a measure is said in plain Dutch (B1): one sentence for the mayor's decision page ("U besluit tot …") and
/// the letter ("Ik heb besloten tot …"), built from the same parts so both say the same thing.
public struct MeasureWording: Sendable {
    public let type: MeasureType
    public let legalBasis: String
    /// The address or place the measure is about.
    public let object: String
    public let addressee: String?
    public let startsOn: CivilDate?
    public let endsOn: CivilDate?

    public init(
        type: MeasureType, legalBasis: String, object: String, addressee: String?, startsOn: CivilDate?,
        endsOn: CivilDate?
    ) {
        self.type = type
        self.legalBasis = legalBasis
        self.object = object
        self.addressee = addressee
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    /// "sluiting van Verzinsingel 15", "een gebiedsverbod voor J. Jansen rond Verzinsingel 15".
    public var what: String {
        switch type {
        case .closure174a, .closure13b: "sluiting van \(object)"
        case .areaBan: "een gebiedsverbod" + (addressee.map { " voor \($0)" } ?? "") + " rond \(object)"
        case .emergencyOrder: "een noodbevel voor \(object)"
        case .emergencyOrdinance: "een noodverordening voor \(object)"
        case .safetyRiskArea: "het aanwijzen van \(object) als veiligheidsrisicogebied"
        case .cameraSurveillance: "cameratoezicht op \(object)"
        case .apv: "een maatregel voor \(object)"
        }
    }

    /// "van 3 december 2026 tot 3 maart 2027", "vanaf de dag na bekendmaking tot nader besluit".
    public func period(untilFurtherNotice: String = "tot nader besluit") -> String {
        let start = startsOn.map { "van \($0.dutch)" } ?? "vanaf de dag na bekendmaking"
        let end = endsOn.map { "tot \($0.dutch)" } ?? untilFurtherNotice
        return "\(start) \(end)"
    }

    /// The mayor's decision page.
    public var summaryForMayor: String {
        "U besluit tot \(what) \(period()) op grond van \(legalBasis)."
    }

    /// The letter's decision in the first person.
    public var decisionSentence: String {
        "Ik heb besloten tot \(what) \(period(untilFurtherNotice: "tot ik anders besluit")). Dit besluit neem ik op grond van \(legalBasis)."
    }
}
