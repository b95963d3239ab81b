/// Police and OM information shared with a municipality for one case (Wpg art. 16/19/20): need-to-know, for a
/// stated purpose, until it expires, and every read is traceable.
public enum InformationClassification: String, CaseIterable, Codable, Sendable {
    case restricted = "beperkt", confidential = "vertrouwelijk", highlyConfidential = "zeer_vertrouwelijk"

    public var label: String {
        switch self {
        case .restricted: "Beperkt (alleen voor de zaak)"
        case .confidential: "Vertrouwelijk"
        case .highlyConfidential: "Zeer vertrouwelijk (niet kopiëren, niet citeren)"
        }
    }
}

/// Why someone opens an item; recorded with every view.
public enum InformationViewPurpose: String, CaseIterable, Codable, Sendable {
    case measureMotivation = "motivering_maatregel", riskAssessment = "risicoinschatting"
    case triangleMeeting = "driehoeksoverleg", objection = "bezwaar"

    public var label: String {
        switch self {
        case .measureMotivation: "Motivering van een maatregel"
        case .riskAssessment: "Risico-inschatting"
        case .triangleMeeting: "Voorbereiding driehoeksoverleg"
        case .objection: "Behandeling van bezwaar"
        }
    }
}

extension AccessPolicy {
    /// Police and OM add information to the cases shared with them; they see those cases (not others).
    public static let informationSharers: Set<Role> = [.police, .prosecutor]

    /// An item is visible to its author, and to the users or roles it names inside the case's municipality — until
    /// it expires, after which nobody sees it.
    public static func canSeeInformation(
        viewer: Actor, viewerID: String, authorID: String, municipalityCode: String,
        recipientUserIDs: Set<String>, recipientRoles: Set<Role>, expired: Bool
    ) -> Bool {
        if expired { return false }
        if viewerID == authorID { return true }
        if recipientUserIDs.contains(viewerID) { return true }
        return recipientRoles.contains(viewer.role) && caseRoles.contains(viewer.role)
            && viewer.municipalityCode == municipalityCode
    }
}

/// How long neig keeps what the handelingskader produces (AVG art. 5(1)(e)); after that only an audit stub remains.
public struct RetentionPolicy: Sendable, Equatable {
    public var closedCaseDays: Int
    public var expiredInformationDays: Int
    public var settledSignalDays: Int

    public init(closedCaseDays: Int = 730, expiredInformationDays: Int = 0, settledSignalDays: Int = 365) {
        self.closedCaseDays = closedCaseDays
        self.expiredInformationDays = expiredInformationDays
        self.settledSignalDays = settledSignalDays
    }

    /// Cases closed on or before this date go.
    public func closedCaseCutoff(today: CivilDate) -> CivilDate { today.adding(days: -closedCaseDays) }
    /// Items that expired before this date go.
    public func informationCutoff(today: CivilDate) -> CivilDate { today.adding(days: -expiredInformationDays) }
    /// Signals settled (linked or rejected) on or before this date go.
    public func signalCutoff(today: CivilDate) -> CivilDate { today.adding(days: -settledSignalDays) }
}
