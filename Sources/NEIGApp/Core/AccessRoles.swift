import NEIGCore

extension AccessMatrix {
    /// The roles a route is for, and the sentence that tells everyone else why not. The sets come from
    /// `AccessPolicy`; the sentences are what a refused user reads on the 403 page or in the problem detail.
    struct Roles: Sendable, Equatable {
        let roles: Set<Role>
        let refusal: String

        func admits(_ role: Role) -> Bool { roles.contains(role) }
    }
}

extension AccessMatrix.Roles {
    static let everyRole = Self(roles: Set(Role.allCases), refusal: "")

    static let incidentEditors = Self(
        roles: AccessPolicy.incidentEditors,
        refusal: "Alleen politie en netwerkcoördinatoren kunnen incidenten invoeren of wijzigen.")
    static let incidentImporters = Self(
        roles: AccessPolicy.incidentImporters,
        refusal: "Alleen analisten, politie en netwerkcoördinatoren kunnen incidentbestanden importeren.")
    static let analysts = Self(
        roles: AccessPolicy.analysts,
        refusal: "Near-repeatanalyses zijn er voor analisten, coördinatoren, politie en gemeentelijke medewerkers.")
    static let administrators = Self(
        roles: [.admin], refusal: "Het auditlog en het toegangsoverzicht zijn er alleen voor beheerders.")

    static let caseListers = Self(
        roles: AccessPolicy.caseListers,
        refusal: "Zaken zijn er voor de gemeente zelf, en voor politie en OM waarmee een zaak is gedeeld.")
    static let caseViewers = Self(roles: AccessPolicy.caseViewers, refusal: caseListers.refusal)
    static let informationSharers = Self(roles: AccessPolicy.informationSharers, refusal: caseListers.refusal)
    static let caseWorkers = Self(
        roles: AccessPolicy.caseRoles,
        refusal: "Zaken zijn er voor de gemeente zelf: OOV-medewerkers en de burgemeester.")
    static let measureWorkers = Self(
        roles: AccessPolicy.caseRoles, refusal: "Maatregelen zijn er voor de gemeente zelf.")
    static let mayors = Self(roles: [.mayor], refusal: "Alleen de burgemeester neemt dit besluit.")
    static let informationReaders = Self(
        roles: AccessPolicy.caseViewers,
        refusal: "Politie- en OM-informatie is alleen voor de mensen met wie zij is gedeeld.")
    static let checklistEditors = Self(
        roles: AccessPolicy.checklistEditors, refusal: "De checklists beheren coördinatoren en gemeenten.")

    static let signalListers = Self(
        roles: AccessPolicy.signalListers, refusal: "Signalen zijn er voor afzenders, de gemeente en coördinatoren.")
    static let signalFeedReaders = Self(
        roles: AccessPolicy.signalViewers, refusal: "Signalen zijn er voor afzenders en de gemeente.")
    static let signalViewers = Self(roles: AccessPolicy.signalViewers, refusal: "Dit signaal is niet voor u.")
    static let signalTriage = Self(roles: AccessPolicy.caseRoles, refusal: "Dit signaal is niet voor u.")
    static let signalRouting = Self(roles: AccessPolicy.caseRoles, refusal: caseWorkers.refusal)
    static let signalSenders = Self(
        roles: AccessPolicy.signalSenders, refusal: "Signalen melden woningcorporaties, ondernemers en de politie.")

    static let eventOrganisers = Self(
        roles: AccessPolicy.eventOrganisers, refusal: "Bijeenkomsten organiseren coördinatoren en gemeenten.")
    static let interventionRegistrars = Self(
        roles: AccessPolicy.interventionEditors,
        refusal: "Interventies registreren coördinatoren, gemeenten en analisten.")
    static let interventionEditors = Self(
        roles: AccessPolicy.interventionEditors,
        refusal: "Alleen de eigenaar en coördinatoren werken een interventie bij.")

    static let membershipAdministrators = Self(
        roles: [.coordinator], refusal: "Aanmeldingen en schorsingen zijn voor netwerkcoördinatoren.")
    static let groupAdministrators = Self(roles: [.coordinator], refusal: "Groepen beheren netwerkcoördinatoren.")
    static let newsEditors = Self(roles: [.coordinator], refusal: "Nieuws plaatsen netwerkcoördinatoren.")
    static let caseStudyReviewers = Self(roles: [.coordinator], refusal: "Casuïstiek beoordelen netwerkcoördinatoren.")
    static let questionPublishers = Self(
        roles: [.coordinator], refusal: "Een vraag in de kennisbank zetten doen netwerkcoördinatoren.")
}
