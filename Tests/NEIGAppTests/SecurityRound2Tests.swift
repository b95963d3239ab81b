import Fluent
import Foundation
import NEIGCore
import NEIGFormats
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import NEIGApp

/// The classes of defects of the second security review, each with a test that failed before its fix.
@Suite struct SecurityRound2Tests {
    // MARK: Bounded input

    @Test func numbersFromOutsideAreBoundedNotTrapped() {
        #expect(
            BoundedNumber.integer("9223372036854775807", in: 1...100_000)
                == .failure(.outOfRange("9223372036854775807", lower: "1", upper: "100.000")))
        #expect(
            BoundedNumber.integer("99999999999999999999", in: 1...10)
                == .failure(.outOfRange("99999999999999999999", lower: "1", upper: "10")))
        #expect(BoundedNumber.integer("1.5", in: 1...10) == .failure(.notWhole("1.5")))
        #expect(BoundedNumber.integer("NaN", in: 1...10) == .failure(.notANumber("NaN")))
        #expect(BoundedNumber.integer(" 7 ", in: 1...10) == .success(7))
        #expect(
            BoundedNumber.decimal("1e19", in: 1...5000) == .failure(.outOfRange("1e19", lower: "1", upper: "5.000")))
        #expect(BoundedNumber.decimal("inf", in: 1...5000) == .failure(.notANumber("inf")))
        #expect(BoundedNumber.decimals("100,200", in: 1...5000, count: 1...8) == .success([100, 200]))
        #expect(
            (try? BoundedNumber.integers(String(repeating: "9", count: 10_000), in: 1...365, count: 1...8).get()) == nil
        )
    }

    @Test func hostilePagingAnswers400NamingTheParameter() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "analist@example.nl", role: .analyst, organisation: "vng")
            let browser = try await login(app, email: "analist@example.nl")
            #expect(try await getPage(app, "/incidenten?pagina=9223372036854775807", as: browser).status == .badRequest)
            let api = try await getPage(app, "/api/v1/incidents?offset=9223372036854775807", as: browser)
            #expect(
                api.status == .badRequest && api.body.string.contains("\"column\":\"offset\""), "\(api.body.string)")
            let analyse = try await getPage(app, "/analyse?afstanden=1e19", as: browser)
            #expect(analyse.status == .unprocessableEntity && analyse.body.string.contains("5000 meter"))
            #expect(try await getPage(app, "/health", as: browser).status == .ok)
        }
    }

    @Test func oneAnalysisPerUserAtATime() async throws {
        let executor = AnalysisExecutor.shared
        let inner: Int? = try await executor.run(for: "same-user") {
            do { return try await executor.run(for: "same-user") { 1 } } catch let error as NEIGError {
                #expect(error.status == .tooManyRequests)
                return nil
            }
        }
        #expect(inner == nil, "a second analysis of the same user waits its turn")
        #expect(try await executor.run(for: "same-user") { 2 } == 2, "and runs once the first is done")
    }

    // MARK: Output encoding

    @Test func aReflectedQueryCannotAddMarkup() async throws {
        try await withNEIGApp { app in
            let hostile = #""><meta http-equiv="refresh" content="0;url=https://example.org">"#
            var body = ""
            try await app.testing().test(.GET, "/bibliotheek?q=" + RouteWalker.encode(hostile)) {
                body = $0.body.string
            }
            #expect(
                !HTMLTag.scan(body).contains { $0.name == "meta" && $0.attributes.contains { $0.name == "http-equiv" } }
            )
            #expect(body.contains("&quot;&gt;&lt;meta"))
        }
    }

    @Test func markdownURLsStayInTheirAttribute() {
        let html = LibraryService.render(
            #"[x](https://a/" onmouseover="alert(1)) and ![p](javascript:alert(1)) [y](//evil.example)"#)
        let tags = HTMLTag.scan(html)
        #expect(!tags.contains { $0.attributes.contains { $0.name == "onmouseover" } }, "\(html)")
        #expect(
            !tags.contains {
                $0.attributes.contains {
                    ["src", "href"].contains($0.name) && ($0.value.hasPrefix("javascript") || $0.value.hasPrefix("//"))
                }
            }, "\(html)")
    }

    @Test func onlySafeURLsReachLinks() {
        #expect(AttributeValue.url("javascript:alert(1)") == "#")
        #expect(AttributeValue.url("//evil.example") == "#")
        #expect(AttributeValue.url("/\\evil.example") == "#")
        #expect(AttributeValue.url("https://a.example/?x=1&y=2") == "https://a.example/?x=1&amp;y=2")
        #expect(AttributeValue.url("/zaken?fase=explosie") == "/zaken?fase=explosie")
        #expect(AttributeValue.url("mailto:oov@amsterdam.nl") == "mailto:oov@amsterdam.nl")
        #expect(AttributeValue.escape(#"a"b'c<d>&"#) == "a&quot;b&#39;c&lt;d&gt;&amp;")
    }

    @Test func calendarTextHasNoControlCharacters() {
        #expect(ICalendar.escape("a\rb\u{0}c\r\nd\u{1B}e;f") == "a\\nbc\\nde\\;f")
    }

    // MARK: Redirects and headers

    @Test func returnPathsStayOnThisSite() {
        for bad in [
            "//evil.example", "/\\evil.example", "/\t/evil.example", "/%2F%2Fevil.example", "/%252F%252Fevil",
            "/x%0d%0aSet-Cookie:%20a=1",
            "/x\r\nSet-Cookie: a=1", "https://evil.example", "evil", "/ space",
            "/" + String(repeating: "a", count: 2_001), "/%5Cevil"
        ] {
            #expect(ReturnPath.validated(bad) == nil, "\(bad.debugDescription)")
        }
        #expect(ReturnPath.validated("/zaken/1?tab=maatregelen") == "/zaken/1?tab=maatregelen")
    }

    @Test func theLoginRedirectCannotInjectHeaders() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            var headers = HTTPHeaders()
            try await app.testing().test(
                .POST, "/login?terug=" + RouteWalker.encode("/x\r\nSet-Cookie: stolen=1"),
                beforeRequest: { req in
                    req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                    try req.content.encode(
                        ["email": "oov@amsterdam.nl", "password": testPassword, "csrf": "t"], as: .urlEncodedForm)
                }, afterResponse: { headers = $0.headers })
            #expect(headers.first(name: .location) == "/")
            #expect(headers.setCookie?["stolen"] == nil)
        }
    }

    @Test func aHeaderWithALineBreakNeverLeaves() async throws {
        try await withNEIGApp { app in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let response = Response(status: .seeOther)
            response.headers.replaceOrAdd(name: .location, value: "/a\r\nSet-Cookie: stolen=1")
            response.headers.replaceOrAdd(name: "X-Fine", value: "yes")
            SecurityHeadersMiddleware.dropUnsafeHeaders(response, request: request)
            #expect(response.headers.first(name: .location) == "/")
            #expect(response.headers.first(name: "X-Fine") == "yes")
            #expect(!response.headers.contains { $0.value.contains("\r") || $0.value.contains("\n") })
        }
    }

    // MARK: Roles and kinds of organisation

    @Test func rolesStayInsideTheirKindOfOrganisation() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "coordinator@vng.nl", role: .coordinator, organisation: "vng")
            for (role, code) in [
                (Role.housingCorporation, "GM0363"), (.police, "GM0363"), (.municipalOfficer, "vng"),
                (.business, "vng"),
                (.mayor, "politie-x"), (.admin, "vng")
            ] {
                await #expect(throws: ConfigurationError.self, "\(role) in \(code)") {
                    try await makeUser(
                        app, email: "\(role.rawValue)-\(code)@example.nl", role: role, organisation: code)
                }
            }
            try await makeUser(app, email: "woon@example.nl", role: .housingCorporation, organisation: "woonstad")
            let organisation = try #require(
                try await Organisation.query(on: app.db).filter(\.$code == "woonstad").first())
            #expect(organisation.kind == .housingCorporation)
        }
    }

    @Test func aPartnerApplicantJoinsAPartnerOrganisationAndSeesNoAddresses() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "coordinator@example.nl", role: .coordinator, organisation: "vng")
            let coordinator = try await login(app, email: "coordinator@example.nl")
            let application = MembershipApplication()
            application.name = "Wim"
            application.email = "wim@woonstad.nl"
            application.organisation = "Woonstad Rotterdam"
            application.municipalityCode = "GM0363"
            application.role = Role.housingCorporation
            application.motivation = "Signalen"
            application.status = MembershipApplication.Status.confirmed
            application.tokenHash = UUID().uuidString
            application.createdAt = testNow
            try await application.create(on: app.db)
            let path = "/leden/aanvragen/\(try application.requireID().uuidString.lowercased())"
            let refused = try await postForm(
                app, path, [("beslissing", "goedkeuren"), ("organisatiecode", "GM0363")], as: coordinator)
            #expect(
                refused.status == .unprocessableEntity
                    && refused.body.string.contains("hoort bij een woningcorporatie"),
                "\(refused.body.string.prefix(300))")
            #expect(try await User.query(on: app.db).filter(\.$email == "wim@woonstad.nl").count() == 0)
            let approved = try await postForm(
                app, path, [("beslissing", "goedkeuren"), ("organisatiecode", "woonstad-rotterdam")], as: coordinator)
            #expect(approved.status == .seeOther)
            let user = try #require(
                try await User.query(on: app.db).filter(\.$email == "wim@woonstad.nl").with(\.$organisation).first())
            #expect(
                user.organisation.code == "woonstad-rotterdam"
                    && user.organisation.kind == .housingCorporation)
            #expect(user.workingArea == "GM0363")
            #expect(user.actor.municipalityCode == nil)
            #expect(!AccessPolicy.canSeeLocation(user.actor, municipalityCode: "GM0363"))
        }
    }

    @Test func accountsThatDoNotFitAreListedAndGetNoMunicipalRights() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let amsterdam = try #require(try await Organisation.query(on: app.db).filter(\.$code == "GM0363").first())
            // As an approval before this check left it: a housing corporation's employee in the municipality.
            let misplaced = User(
                email: "corp@example.nl", name: "Corp", role: .housingCorporation,
                organisationID: try amsterdam.requireID(), passwordHash: "x")
            try await misplaced.create(on: app.db)
            let report = try await AccountService.mismatchedAccounts(on: app)
            #expect(report.map(\.email) == ["corp@example.nl"])
            #expect(report.first?.allowed == ["housing_corporation"])
            misplaced.$organisation.value = amsterdam
            #expect(misplaced.actor.municipalityCode == nil)
        }
    }

    @Test func libraryEditRightsFollowTheOrganisationNotItsName() async throws {
        try await withNEIGApp { app in
            let authorID = try await makeUser(
                app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let colleagueID = try await makeUser(
                app, email: "collega@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let copycatOrg = Organisation(code: "namaak", name: "Gemeente Amsterdam", kind: .housingCorporation)
            try await copycatOrg.create(on: app.db)
            let copycat = User(
                email: "namaak@example.nl", name: "Namaak", role: .housingCorporation,
                organisationID: try copycatOrg.requireID(), passwordHash: "x")
            try await copycat.create(on: app.db)
            let author = try #require(try await User.find(authorID, on: app.db))
            let document = LibraryDocument()
            document.createdBy = authorID
            document.authorOrganisation = "Gemeente Amsterdam"
            document.authorOrganisationID = author.$organisation.id
            #expect(LibraryService.canEdit(document, user: try #require(try await User.find(colleagueID, on: app.db))))
            #expect(!LibraryService.canEdit(document, user: copycat), "the same name is not the same organisation")
        }
    }

    // MARK: Resource limits

    @Test func aZipBombIsRefusedWhileInflating() throws {
        let archive = try Archive(accessMode: .create)
        let slide = Data(count: 60 << 20)
        for number in 1...2 {
            try archive.addEntry(
                with: "ppt/slides/slide\(number).xml", type: .file, uncompressedSize: Int64(slide.count),
                compressionMethod: .deflate,
                provider: { position, size in slide.subdata(in: Int(position)..<Int(position) + size) })
        }
        let bytes = Array(try #require(archive.data))
        #expect(bytes.count < 1 << 20, "the bomb is small: \(bytes.count) bytes")
        let started = Date()
        let result = AttachmentText.extract(bytes, type: .pptx)
        #expect((try? result.get()) == nil, "refused")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    // MARK: Authentication

    @Test func unknownLockedAndWrongLookTheSameAndTheOwnerIsTold() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            func attempt(_ email: String, _ password: String) async throws -> (HTTPStatus, String) {
                var result: (HTTPStatus, String) = (.ok, "")
                try await app.testing().test(
                    .POST, "/login",
                    beforeRequest: { req in
                        req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                        try req.content.encode(["email": email, "password": password, "csrf": "t"], as: .urlEncodedForm)
                    },
                    afterResponse: { res in
                        let message =
                            HTMLTag.scan(res.body.string).isEmpty
                            ? "" : res.body.string.components(separatedBy: "field-error").dropFirst().first ?? ""
                        result = (res.status, String(message.prefix(120)))
                    })
                return result
            }
            let unknown = try await attempt("niemand@example.nl", "wrong password 1")
            for _ in 1...5 { _ = try await attempt("oov@amsterdam.nl", "wrong password 1") }
            let locked = try await attempt("oov@amsterdam.nl", testPassword)
            #expect(locked.0 == unknown.0 && locked.1 == unknown.1, "\(locked) vs \(unknown)")
            let mails = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "oov@amsterdam.nl").all()
            #expect(mails.contains { $0.subject.contains("geblokkeerd") })
        }
    }

    @Test func parallelGuessesStillLockTheAccount() async throws {
        try await withNEIGApp { app in
            let userID = try await makeUser(
                app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await app.testing().test(
                            .POST, "/login",
                            beforeRequest: { req in
                                req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                                try req.content.encode(
                                    ["email": "oov@amsterdam.nl", "password": "wrong password \(index)", "csrf": "t"],
                                    as: .urlEncodedForm)
                            })
                    }
                }
                try await group.waitForAll()
            }
            let user = try #require(try await User.find(userID, on: app.db))
            #expect(Lockout.isLocked(user, now: testNow), "8 guesses at once count as 8")
            #expect(
                try await OutboxMessage.query(on: app.db).filter(\.$recipient == "oov@amsterdam.nl").count() == 1,
                "one lock, one e-mail")
        }
    }

    @Test func aLockEndsSecondStepSessionsOpenedBeforeIt() async throws {
        try await withNEIGApp { app in
            let userID = try await makeUser(
                app, email: "politie@example.nl", role: .police, organisation: "politie-amsterdam")
            _ = try await login(app, email: "politie@example.nl") // enrols the authenticator
            var pending = ""
            try await app.testing().test(
                .POST, "/login",
                beforeRequest: { req in
                    req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                    try req.content.encode(
                        ["email": "politie@example.nl", "password": testPassword, "csrf": "t"], as: .urlEncodedForm)
                }, afterResponse: { pending = $0.headers.setCookie?[SessionPolicy.cookieName]?.string ?? "" })
            #expect(!pending.isEmpty)
            for _ in 1...5 {
                try await app.testing().test(
                    .POST, "/login",
                    beforeRequest: { req in
                        req.headers.add(name: "Cookie", value: "\(SessionPolicy.csrfCookieName)=t")
                        try req.content.encode(
                            ["email": "politie@example.nl", "password": "wrong password 1", "csrf": "t"],
                            as: .urlEncodedForm)
                    })
            }
            let waiting = try await UserSession.query(on: app.db).filter(\.$user.$id == userID).filter(
                \.$awaitingSecondFactorSince != nil
            ).count()
            #expect(waiting == 0, "the session that knew the password is gone")
            let user = try #require(try await User.find(userID, on: app.db))
            let code = currentTOTPCode(secret: user.totpSecret ?? "", usedCounter: user.totpUsedCounter)
            let complete = {
                try await UserSession.query(on: app.db).filter(\.$user.$id == userID).filter(
                    \.$awaitingSecondFactorSince == nil
                ).count()
            }
            let before = try await complete()
            try await app.testing().test(
                .POST, SiteURL.secondFactor.path,
                beforeRequest: { req in
                    req.headers.add(name: "Cookie", value: "\(SessionPolicy.cookieName)=\(pending)")
                    try req.content.encode(["code": code], as: .urlEncodedForm)
                })
            #expect(try await complete() == before, "the right code after the lock logs nobody in")
        }
    }

    @Test func codeEntryWhenRenewingRecoveryCodesCountsTowardsTheLock() async throws {
        try await withNEIGApp { app in
            let userID = try await makeUser(
                app, email: "politie@example.nl", role: .police, organisation: "politie-amsterdam")
            let browser = try await login(app, email: "politie@example.nl")
            var last: TestingHTTPResponse?
            for _ in 1...5 {
                last = try await postForm(app, "/account/herstelcodes", [("code", "000000")], as: browser)
            }
            #expect(last?.status == .seeOther && last?.headers.first(name: .location) == SiteURL.login.path)
            let user = try #require(try await User.find(userID, on: app.db))
            #expect(Lockout.isLocked(user, now: testNow))
            #expect(
                try await getPage(app, "/account", as: browser).status == .seeOther, "the guessing session has ended")
        }
    }

    // MARK: Caching

    @Test func personalResponsesAreNeverStored() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let browser = try await login(app, email: "oov@amsterdam.nl")
            for path in ["/", "/bibliotheek", "/api/v1/incidents", "/incidenten"] {
                #expect(
                    try await getPage(app, path, as: browser).headers.first(name: .cacheControl) == "no-store",
                    "\(path)")
            }
            try await app.testing().test(.GET, "/api/v1/incidents") {
                #expect($0.headers.first(name: .cacheControl) == "no-store")
            }
        }
    }
}

/// Information lifecycle and the audit trail of refusals and reads.
@Suite struct InformationLifecycleTests {
    @Test(arguments: [false, true])
    func expiredInformationIsNeverCited(_ expired: Bool) async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let officer = try await login(app, email: "oov@amsterdam.nl")
            let fixture = try await AuthorizationMatrixTests().caseFixture(
                app, municipality: "GM0363", partner: nil, role: nil)
            let item = try #require(try await InformationItem.find(fixture.informationID, on: app.db))
            item.purpose = "Bedreiging van bewoners vastgesteld"
            item.expiresOn = expired ? "2025-06-29" : "2025-12-31"
            try await item.save(on: app.db)
            let measure = try #require(try await Measure.find(fixture.measureID, on: app.db))
            try await measure.replaceCitations([fixture.informationID], on: app.db)
            let letter = try await getPage(
                app, "/maatregelen/\(fixture.measureID.uuidString.lowercased())/besluit", as: officer
            ).body.string
            #expect(
                letter.contains("Bedreiging van bewoners vastgesteld") == !expired,
                "the letter cites only what has not expired")
            let api = try await getPage(
                app, "/api/v1/cases/\(fixture.caseID.uuidString.lowercased())/measures", as: officer
            ).body.string
            #expect(
                api.lowercased().contains(fixture.informationID.uuidString.lowercased()) == !expired,
                "the API references only what has not expired: \(api.prefix(400))")
        }
    }

    @Test func descriptionsFollowTheAddress() async throws {
        try await withNEIGApp { app in
            _ = try await importCSV(app, sampleCSV)
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            try await makeUser(app, email: "oov@amsterdam.nl", role: .municipalOfficer, organisation: "GM0363")
            let rotterdam = try await login(app, email: "oov@rotterdam.nl"),
                amsterdam = try await login(app, email: "oov@amsterdam.nl")
            let id = try #require(
                try await Incident.query(on: app.db).filter(\.$sourceID == "A-1").first()?.requireID()
            ).uuidString.lowercased()
            #expect(!(try await getPage(app, "/incidenten/\(id)", as: rotterdam).body.string.contains("Voordeur")))
            #expect(
                !(try await getPage(app, "/api/v1/incidents/\(id)", as: rotterdam).body.string.contains("Voordeur")))
            #expect(try await getPage(app, "/incidenten/\(id)", as: amsterdam).body.string.contains("Voordeur"))
            #expect(try await getPage(app, "/api/v1/incidents/\(id)", as: amsterdam).body.string.contains("Voordeur"))
            let reads = try await AuditEvent.query(on: app.db).filter(\.$action == "incident.read-location").count()
            #expect(reads == 1, "the API read of an address is in the audit log")
        }
    }

    @Test func refusalsAreInTheAuditLog() async throws {
        try await withNEIGApp { app in
            try await makeUser(app, email: "oov@rotterdam.nl", role: .municipalOfficer, organisation: "GM0599")
            let rotterdam = try await login(app, email: "oov@rotterdam.nl")
            let fixture = try await AuthorizationMatrixTests().caseFixture(
                app, municipality: "GM0363", partner: nil, role: nil)
            _ = try await getPage(app, "/zaken/\(fixture.caseID.uuidString.lowercased())", as: rotterdam)
            _ = try await getPage(app, "/admin/audit", as: rotterdam)
            var csrf = HTTPStatus.ok
            try await app.testing().test(.POST, "/zaken", headers: rotterdam.headers()) { csrf = $0.status }
            #expect(csrf == .forbidden)
            let actions = Set(try await AuditEvent.query(on: app.db).filter(\.$result == "denied").all().map(\.action))
            #expect(actions.contains("access.refused") && actions.contains("csrf.refused"), "\(actions)")
        }
    }

    @Test func sealingUnderConcurrentWritersNeverFails() async throws {
        try await withNEIGApp { app in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await Audit.record(
                            "test.write", object: "test", id: String(index), actor: "test", at: testNow, on: app.db)
                        await AuditChain.sealRetrying(on: app.db, logger: app.logger)
                    }
                }
                try await group.waitForAll()
            }
            await AuditChain.sealRetrying(on: app.db, logger: app.logger)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$sequence == nil).count() == 0)
            #expect(try await AuditChain.verify(on: app.db).isIntact)
        }
    }
}
