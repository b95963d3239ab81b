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
            try await app.testing().test(.GET, "/kennisbank?q=" + RouteWalker.encode(hostile)) {
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

    /// A quote followed by a combining mark is one Swift Character that is not `"`; the browser still ends the
    /// attribute at the quote.
    @Test func aQuoteWithACombiningMarkIsEscapedToo() {
        let hostile = "x\"\u{0301} onfocus=alert(1) autofocus \"\u{0301}"
        let escaped = AttributeValue.escape(hostile)
        #expect(!escaped.unicodeScalars.contains("\""), "\(escaped.unicodeScalars.map { $0.value })")
        #expect(escaped.hasPrefix("x&quot;\u{0301}"))
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
}
