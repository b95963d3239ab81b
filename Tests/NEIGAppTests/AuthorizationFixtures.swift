import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// The objects the authorization matrix is tried on: one of the user's own and one of someone else's per route.
extension AuthorizationMatrixTests {
    /// A members-only document by `author` with an attachment, or one for a group nobody is in.
    func libraryFixture(_ app: Application, readable: Bool, author: UUID?) async throws -> UUID {
        let document = LibraryDocument()
        document.title = "Matrixstuk"
        document.summary = "Matrix"
        document.body = "Matrix"
        document.kind = DocumentKind.handreiking
        document.authorOrganisation = "Matrix"
        document.visibility = readable ? Visibility.leden : .groep
        document.groupCode = readable ? nil : "niemand"
        document.version = 1
        document.attachmentName = "matrix.pdf"
        document.attachmentType = AttachmentType.pdf.rawValue
        document.attachmentSize = 8
        document.createdBy = author ?? UUID()
        document.updatedAt = testNow
        try await document.create(on: app.db)
        let attachment = LibraryAttachment()
        attachment.$document.id = try document.requireID()
        attachment.data = Data("%PDF-1.4".utf8)
        try await attachment.create(on: app.db)
        return try document.requireID()
    }

    /// A question by `author` (someone else when nil), for everyone or for one group nobody is in.
    func questionFixture(_ app: Application, author: UUID?, group: String?) async throws -> UUID {
        let question = Question()
        question.title = "Matrixvraag over preventie"
        question.body = ""
        question.groupCode = group
        question.authorID = author ?? UUID()
        question.authorName = "Matrix"
        question.organisation = "Matrix"
        question.answerCount = 0
        question.createdAt = testNow
        question.lastActivityAt = testNow
        try await question.create(on: app.db)
        try await question.replaceTags(["preventie"], on: app.db)
        return try question.requireID()
    }

    /// A notification for `user`, or for a member created for it.
    func notificationFixture(_ app: Application, user: UUID?) async throws -> UUID {
        let owner: UUID
        if let user {
            owner = user
        } else {
            owner = try await makeUser(
                app, email: "notificatie-\(UUID().uuidString.prefix(8))@example.nl", role: .analyst, organisation: "vng"
            )
        }
        let notification = MemberNotification()
        notification.$user.id = owner
        notification.title = "Matrix"
        notification.link = "/vragen"
        notification.reason = "tag:preventie"
        notification.createdAt = testNow
        try await notification.create(on: app.db)
        return try notification.requireID()
    }

    /// An intervention of the user's organisation with a milestone and a frozen evaluation, or ids of nothing.
    func interventionFixture(_ app: Application, owner: UUID?) async throws -> (
        id: UUID, milestone: UUID, snapshot: UUID
    ) {
        guard let owner, let user = try await User.find(owner, on: app.db) else { return (UUID(), UUID(), UUID()) }
        let intervention = Intervention()
        (intervention.name, intervention.description, intervention.line) = (
            "Matrixinterventie", "", ApproachLine.preventie
        )
        (intervention.ownerOrganisationID, intervention.ownerName, intervention.partners, intervention.targetGroup) = (
            user.$organisation.id, "Matrix", "", ""
        )
        (intervention.startsOn, intervention.status, intervention.sprint) = (
            "2024-01-01", InterventionStatus.lopend, true
        )
        (intervention.createdAt, intervention.updatedAt) = (testNow, testNow)
        try await intervention.create(on: app.db)
        try await intervention.replaceLists(municipalities: ["GM0363"], postcodeAreas: [], documents: [], on: app.db)
        let milestone = InterventionMilestone()
        (milestone.$intervention.id, milestone.title, milestone.dueOn) = (
            try intervention.requireID(), "Matrix", "2025-07-01"
        )
        try await milestone.create(on: app.db)
        let snapshot = EvaluationSnapshot()
        (snapshot.$intervention.id, snapshot.createdAt, snapshot.createdBy, snapshot.seed) = (
            try intervention.requireID(), testNow, "Matrix", 1
        )
        (snapshot.resultJSON, snapshot.verdict) = ("{}", "Matrix")
        try await snapshot.create(on: app.db)
        return (try intervention.requireID(), try milestone.requireID(), try snapshot.requireID())
    }

    /// Members-only news: found by members, not by anonymous visitors.
    func newsFixture(_ app: Application) async throws -> UUID {
        let item = NewsItem()
        item.title = "Matrixnieuws"
        item.summary = "Matrix"
        item.body = ""
        item.visibility = Visibility.leden
        item.authorName = "Matrix"
        item.publishedAt = testNow
        try await item.create(on: app.db)
        return try item.requireID()
    }

    func groupFixture(_ app: Application, code: String) async throws {
        let group = MemberGroup()
        group.code = code
        group.name = "Matrixgroep"
        try await group.create(on: app.db)
    }

    func eventFixture(_ app: Application, organiser: UUID?) async throws -> UUID {
        let event = NetworkEvent()
        event.title = "Matrixbijeenkomst"
        event.description = ""
        event.startsAt = testNow.addingTimeInterval(86_400)
        event.endsAt = testNow.addingTimeInterval(90_000)
        event.capacity = 10
        event.organiserID = organiser ?? UUID()
        event.organiserName = "Matrix"
        event.createdAt = testNow
        try await event.create(on: app.db)
        return try event.requireID()
    }

    /// The user's own submitted write-up, or someone else's concept.
    func caseStudyFixture(_ app: Application, author: UUID?, status: CaseStudy.Status) async throws -> UUID {
        let study = CaseStudy()
        study.authorID = author ?? UUID()
        study.authorName = "Matrix"
        study.organisation = "Matrix"
        study.title = "Matrixcasus"
        study.texts = ["situatie": "Een situatie van voldoende lengte."]
        study.acknowledged = ""
        study.status = status
        study.updatedAt = testNow
        try await study.create(on: app.db)
        return try study.requireID()
    }

    func applicationFixture(_ app: Application, email: String) async throws -> UUID {
        let application = MembershipApplication()
        application.name = "Aanvrager"
        application.email = email
        application.organisation = "Gemeente"
        application.role = Role.analyst
        application.motivation = "Matrix"
        application.status = MembershipApplication.Status.confirmed
        application.tokenHash = UUID().uuidString
        application.createdAt = testNow
        try await application.create(on: app.db)
        return try application.requireID()
    }

    struct CaseFixture {
        let caseID: UUID
        let measureID: UUID
        let informationID: UUID
        let signalID: UUID
    }

    /// A case with a measure, an information item and a signal in `municipality`. With `partner`, the case is shared
    /// with that user, who wrote the item (police, OM) or receives it by role (municipality), and sent the signal.
    func caseFixture(_ app: Application, municipality: String, partner: UUID?, role: Role?) async throws -> CaseFixture
    {
        let caseFile = CaseFile()
        caseFile.municipalityCode = municipality
        caseFile.title = "Matrixzaak"
        caseFile.phase = CasePhase.dreiging
        caseFile.phaseStartedOn = "2025-06-01"
        caseFile.confidentiality = CaseConfidentiality.zaakvertrouwelijk
        caseFile.openedOn = "2025-06-01"
        caseFile.handleBefore = "2025-08-01"
        caseFile.createdAt = testNow
        try await caseFile.create(on: app.db)
        let caseID = try caseFile.requireID()
        if let partner, let role, AccessPolicy.informationSharers.contains(role) {
            try await CaseShare(caseID: caseID, userID: partner, sharedBy: "test", at: testNow).create(on: app.db)
        }
        let measure = Measure()
        measure.$caseFile.id = caseID
        measure.municipalityCode = municipality
        measure.type = MeasureType.closure174a
        measure.legalBasis = "artikel 174a Gemeentewet"
        measure.state = MeasureState.concept
        measure.motivation = "Matrix: een motivering van voldoende lengte."
        measure.decisionExtended = false
        measure.createdAt = testNow
        try await measure.create(on: app.db)
        let item = InformationItem()
        item.$caseFile.id = caseID
        item.municipalityCode = municipality
        item.authorID =
            partner.flatMap { role.map(AccessPolicy.informationSharers.contains) == true ? $0 : nil } ?? UUID()
        item.authorName = "Matrix"
        item.authorRole = .police
        item.summary = "Matrixinformatie"
        item.classification = InformationClassification.confidential
        item.purpose = "matrix"
        item.expiresOn = "2025-12-31"
        item.createdAt = testNow
        try await item.create(on: app.db)
        for recipient in AccessPolicy.caseRoles {
            try await InformationRecipient(itemID: try item.requireID(), role: recipient).create(on: app.db)
        }
        let signal = RiskSignal()
        signal.municipalityCode = municipality
        signal.senderID = partner ?? UUID()
        signal.senderName = "Matrix"
        signal.sender = SignalSender.police
        signal.address = "Matrixstraat 1"
        signal.kind = SignalKind.threat
        signal.urgency = SignalUrgency.normal
        signal.text = "Matrix"
        signal.status = SignalStatus.new
        signal.createdAt = testNow
        try await signal.create(on: app.db)
        return CaseFixture(
            caseID: caseID, measureID: try measure.requireID(), informationID: try item.requireID(),
            signalID: try signal.requireID())
    }
}
