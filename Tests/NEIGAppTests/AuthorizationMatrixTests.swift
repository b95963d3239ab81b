import Fluent
import Foundation
import NEIGCore
import Testing
import VaporTesting

@testable import NEIGApp

/// Drives every registered route against `AccessMatrix`: each role as owner and as outsider, and anonymously.
@Suite struct AuthorizationMatrixTests {
    enum Outcome: Equatable {
        case allowed, loginRequired, forbidden, notFound
    }

    enum Ownership: CaseIterable { case own, other }

    static func expected(_ rule: AccessMatrix.Rule, role: Role?, ownership: Ownership) -> Outcome {
        if rule == .readersOfObjects { return role != nil && ownership == .own ? .allowed : .notFound }
        guard let role else { return rule == .everyone ? .allowed : .loginRequired }
        switch rule {
        case .everyone, .members: return .allowed
        case .roles(let roles): return roles.admits(role) ? .allowed : .forbidden
        case .rolesForOwnObjects(let roles):
            guard roles.admits(role) else { return .forbidden }
            let actor = Actor(role: role, municipalityCode: role.fits(.municipality) ? "GM0363" : nil)
            return AccessPolicy.canSeeLocation(actor, municipalityCode: ownership == .own ? "GM0363" : "GM0599")
                ? .allowed : .notFound
        case .rolesForTheirObjects(let roles):
            guard roles.admits(role) else { return .forbidden }
            return ownership == .own ? .allowed : .notFound
        case .readersOfObjects: return .notFound
        }
    }

    static func classify(_ response: TestingHTTPResponse, api: Bool) -> Outcome {
        switch response.status {
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .unauthorized where api: return .loginRequired
        case .seeOther where response.headers.first(name: .location)?.contains("terug=") == true: return .loginRequired
        default: return .allowed
        }
    }

    @Test func everyRouteHasARowAndEveryRowARoute() async throws {
        try await withNEIGApp { app in
            let registered = Set(
                app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let declared = Set(AccessMatrix.rows.map { "\($0.method.rawValue) \($0.path)" })
            #expect(declared.count == AccessMatrix.rows.count, "a route has two rows in AccessMatrix")
            #expect(
                registered.subtracting(declared).isEmpty,
                "routes without a row in AccessMatrix: \(registered.subtracting(declared).sorted())")
            #expect(
                declared.subtracting(registered).isEmpty,
                "rows without a route: \(declared.subtracting(registered).sorted())")
        }
    }

    @Test(arguments: [nil] + Role.allCases.map(Optional.some))
    func everyRouteAnswersAsTheMatrixSays(_ role: Role?) async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            let own = try #require(
                try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first()?.requireID())
            let other = try #require(
                try await Incident.query(on: app.db).filter(\.$sourceID == "R-1").first()?.requireID())
            // Routes keyed by incident that need a warning to exist (`/meldingen/:id/gezien`).
            for (id, code) in [(own, "GM0363"), (other, "GM0599")] {
                try await NearRepeatAlert(
                    municipalityCode: code, incidentID: id, centreX: 0, centreY: 0, radius: 400,
                    validUntil: "2025-07-28",
                    patternSignificant: false, createdAt: testNow
                ).create(on: app.db)
            }
            var userID: UUID?
            if let role {
                userID = try await makeUser(
                    app, email: "\(role.rawValue)@example.nl", role: role, organisation: testOrganisation(for: role))
            }
            // Per path prefix, an object that is the user's (own municipality, shared with them, sent by them) and one that is not.
            var objects: [String: [Ownership: UUID]] = [:]
            var parameters: [String: [Ownership: UUID]] = [:]
            for (ownership, code) in [(Ownership.own, "GM0363"), (.other, "GM0599")] {
                let fixture = try await caseFixture(
                    app, municipality: code, partner: ownership == .own ? userID : nil, role: role)
                objects["/zaken/", default: [:]][ownership] = fixture.caseID
                objects["/api/v1/cases/", default: [:]][ownership] = fixture.caseID
                objects["/maatregelen/", default: [:]][ownership] = fixture.measureID
                objects["/informatie/", default: [:]][ownership] = fixture.informationID
                objects["/signalen/", default: [:]][ownership] = fixture.signalID
                objects["/bibliotheek/", default: [:]][ownership] = try await libraryFixture(
                    app, readable: ownership == .own, author: userID)
                objects["/api/v1/library/", default: [:]][ownership] = objects["/bibliotheek/"]![ownership]
                objects["/leden/", default: [:]][ownership] = try await makeUser(
                    app, email: "lid-\(ownership)@example.nl", role: .analyst, organisation: "vng")
                objects["/leden/aanvragen/", default: [:]][ownership] = try await applicationFixture(
                    app, email: "aanvraag-\(ownership)@example.nl")
                objects["/evenementen/", default: [:]][ownership] =
                    ownership == .own ? try await eventFixture(app, organiser: userID) : UUID()
                objects["/api/v1/events/", default: [:]][ownership] = objects["/evenementen/"]![ownership]
                let intervention = try await interventionFixture(app, owner: ownership == .own ? userID : nil)
                objects["/interventies/", default: [:]][ownership] = intervention.id
                objects["/api/v1/interventions/", default: [:]][ownership] = intervention.id
                parameters[":milestone", default: [:]][ownership] = intervention.milestone
                parameters[":snapshot", default: [:]][ownership] = intervention.snapshot
                objects["/vragen/", default: [:]][ownership] = try await questionFixture(
                    app, author: ownership == .own ? userID : nil,
                    group: ownership == .own ? nil : "niemand")
                objects["/notificaties/", default: [:]][ownership] = try await notificationFixture(
                    app, user: ownership == .own ? userID : nil)
                objects["/nieuws/", default: [:]][ownership] = ownership == .own ? try await newsFixture(app) : UUID()
                if ownership == .own { try await groupFixture(app, code: "GM0363") }
                objects["/groepen/", default: [:]][ownership] = userID ?? UUID()
                let feedToken = UUID()
                if ownership == .own {
                    let feed = CalendarFeed()
                    feed.$user.id = userID ?? UUID()
                    feed.tokenHash = Secrets.hash(feedToken.uuidString.lowercased())
                    try await feed.create(on: app.db)
                }
                objects["/agenda/", default: [:]][ownership] = feedToken
                objects["/casuistiek/", default: [:]][ownership] = try await caseStudyFixture(
                    app, author: ownership == .own ? userID : nil,
                    status: ownership == .own ? .submitted : .concept)
            }
            var browser: Browser?
            if let role { browser = try await login(app, email: "\(role.rawValue)@example.nl") }
            for route in app.routes.all {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                guard let rule = AccessMatrix.rule(method: route.method, path: pattern) else { continue }
                // These end the session (or the account) the other requests need; AccountTests and MembershipTests cover them.
                if pattern == "/logout" || pattern == "/account/opzeggen" { continue }
                for ownership in Ownership.allCases {
                    let prefix = objects.keys.filter { pattern.hasPrefix($0) }.max { $0.count < $1.count }
                    let objectID = prefix.map { objects[$0]![ownership]! } ?? (ownership == .own ? own : other)
                    var path = pattern
                    for (name, ids) in parameters {
                        path = path.replacingOccurrences(of: name, with: ids[ownership]!.uuidString.lowercased())
                    }
                    path =
                        path
                        .replacingOccurrences(of: ":id", with: objectID.uuidString.lowercased())
                        .replacingOccurrences(of: ":token", with: objectID.uuidString.lowercased())
                        .replacingOccurrences(of: ":user", with: objectID.uuidString.lowercased())
                        .replacingOccurrences(of: ":code", with: ownership == .own ? "GM0363" : "GM0599")
                    let api = path.hasPrefix("/api/")
                    var outcome = Outcome.allowed
                    try await app.testing().test(
                        route.method, path,
                        beforeRequest: { req in
                            if let browser {
                                req.headers = browser.headers([("X-CSRF-Token", browser.csrf)])
                            } else {
                                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=anon")
                                req.headers.add(name: "X-CSRF-Token", value: "anon")
                            }
                            if route.method == .POST {
                                if api {
                                    try req.content.encode(["source_id": "matrix"], as: .json)
                                } else {
                                    try req.content.encode(["csrf": browser?.csrf ?? "anon"], as: .urlEncodedForm)
                                }
                            }
                        }, afterResponse: { res in outcome = Self.classify(res, api: api) })
                    let expected = Self.expected(rule, role: role, ownership: ownership)
                    #expect(
                        outcome == expected,
                        "\(role?.rawValue ?? "anonymous") \(route.method.rawValue) \(path) (\(ownership))")
                    if !pattern.contains(":") { break }
                }
            }
        }
    }

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
