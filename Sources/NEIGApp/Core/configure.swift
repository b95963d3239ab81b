import Fluent
import Foundation
import NEIGCore
import Vapor

/// Sets up an application: database, migrations, middleware and routes. Used by `neig serve`,
/// every other CLI command and the tests.
public func configure(_ app: Application, with configuration: AppConfiguration, passwordHashCost: Int = 12) async throws
{
    guard let stylesheetURL = Bundle.module.url(forResource: "neig", withExtension: "css", subdirectory: "Public"),
        let mapScriptURL = Bundle.module.url(forResource: "neig-kaart", withExtension: "js", subdirectory: "Public"),
        let addressScriptURL = Bundle.module.url(
            forResource: "neig-adres", withExtension: "js", subdirectory: "Public"),
        let openAPIURL = Bundle.module.url(forResource: "openapi", withExtension: "json")
    else {
        throw ConfigurationError("resources missing from the NEIGApp bundle")
    }
    app.neig = NEIGServices(
        municipalities: configuration.municipalities, clock: configuration.clock, passwordHashCost: passwordHashCost,
        secureCookies: configuration.secureCookies, metrics: AppMetrics(),
        stylesheet: try String(contentsOf: stylesheetURL, encoding: .utf8),
        openAPIDocument: try String(contentsOf: openAPIURL, encoding: .utf8),
        postgresSchema: configuration.postgresSchema,
        database: configuration.database, mail: configuration.mail, publicURL: configuration.publicURL,
        mapTiles: configuration.mapTiles, leaflet: LeafletAssets.load(directory: configuration.leafletDirectory),
        mapScript: try String(contentsOf: mapScriptURL, encoding: .utf8), addressSearch: configuration.addressSearch,
        addressScript: try String(contentsOf: addressScriptURL, encoding: .utf8),
        inactiveDays: configuration.inactiveDays)

    try DatabaseSetup.configure(app, location: configuration.database, schema: configuration.postgresSchema)
    Migrations.register(on: app)

    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    // Outermost first: headers and metrics must also see the responses that errors turn into.
    app.middleware.use(
        SecurityHeadersMiddleware(
            secure: configuration.secureCookies, tileOrigin: configuration.mapTiles.origin,
            addressSearchOrigin: configuration.addressSearch.origin))
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(AuditSealMiddleware())
    app.middleware.use(ErrorRenderingMiddleware())
    app.middleware.use(MovedPathsMiddleware())
    app.middleware.use(SessionAuthenticationMiddleware(clock: configuration.clock))
    app.middleware.use(CSRFCookieMiddleware(secure: configuration.secureCookies))
    try routes(app)
}

/// Migrates and, when asked and the register is empty, loads the demo data.
public func prepareDatabase(_ app: Application, loadDemoData: Bool) async throws -> DemoSeeder.Outcome? {
    try await DatabaseSetup.prepare(app.db, schema: app.neig.postgresSchema)
    try await app.autoMigrate()
    guard loadDemoData else { return nil }
    let outcome = try await DemoSeeder.seedIfEmpty(app)
    try await AuditChain.seal(on: app.db)
    return outcome
}

enum Migrations {
    static func register(on app: Application) {
        app.migrations.add(CreateOrganisations())
        app.migrations.add(CreateUsers())
        app.migrations.add(CreateSessionsAndTokens())
        app.migrations.add(CreateAuditEvents())
        app.migrations.add(CreateIncidents())
        app.migrations.add(CreateRegisterStateAndCache())
        app.migrations.add(CreateRateLimitWindows())
        app.migrations.add(AddSecondFactor())
        app.migrations.add(CreateAlertsAndOutbox())
        app.migrations.add(AddAuditChain())
        app.migrations.add(CreateCases())
        app.migrations.add(CreateCaseWork())
        app.migrations.add(CreateMeasures())
        app.migrations.add(CreateInformation())
        app.migrations.add(CreateSignals())
        app.migrations.add(CreateLibrary())
        app.migrations.add(CreateMembership())
        app.migrations.add(CreateCaseStudies())
        app.migrations.add(CreateEvents())
        app.migrations.add(CreateQuestions())
        app.migrations.add(CreateNotifications())
        app.migrations.add(CreateNews())
        app.migrations.add(AddEventFollowUp())
        app.migrations.add(CreateInterventions())
        app.migrations.add(AddNetworkIndexes())
        app.migrations.add(AddOrganisationRights())
        app.migrations.add(MoveInterventionListsToTables())
        app.migrations.add(MoveLibraryListsToTables())
        app.migrations.add(MoveTagListsToTables())
        app.migrations.add(MoveMeasureCitationsToTable())
        app.migrations.add(MoveAlertIncidentsToTable())
        app.migrations.add(MoveRoutingConditionsToTables())
        app.migrations.add(MoveExpertiseToTable())
        app.migrations.add(AddSessionFlash())
        app.migrations.add(AddMeasureSubmission())
        app.migrations.add(AddSuspensionReason())
        app.migrations.add(CreateLetterheads())
        // Before CreateRiskAreas, which loads whole incidents: Fluent runs every migration not yet applied in this
        // order, so a database from before either gets the column first.
        app.migrations.add(AddBAGIDs())
        app.migrations.add(CreateRiskAreas())
        app.migrations.add(AddNewsEditing())
        app.migrations.add(CreatePendingImports())
        app.migrations.add(AddLastLogin())
    }
}

func routes(_ app: Application) throws {
    // Every group ends in the access rule, so no route is reachable without its row in AccessMatrix being enforced.
    let open = app.grouped(AccessRuleMiddleware())
    OperationsRoutes.register(open)
    let csrfProtected = app.grouped(CSRFMiddleware(maximumBodySize: 1 << 20)).grouped(AccessRuleMiddleware())
    let loginLimited = app.grouped(CSRFMiddleware(maximumBodySize: 1 << 20))
        .grouped(RateLimitMiddleware(perIP: RateLimiter.loginPerIP, perAccount: nil, onlyMethods: ["POST"]))
        .grouped(AccessRuleMiddleware())
    AccountRoutes.register(loginLimited)
    OpenDataRoutes.register(open)
    HomeRoutes.register(open)
    StatementRoutes.register(open)
    LibraryRoutes.registerPublic(csrfProtected)
    EventRoutes.registerPublic(open)
    NewsRoutes.registerPublic(csrfProtected)
    MembershipRoutes.registerPublic(loginLimited)
    LibraryRoutes.registerMembers(
        app.grouped(CSRFMiddleware(maximumBodySize: LibraryRoutes.uploadLimit)).grouped(AccessRuleMiddleware()))

    let members = csrfProtected
    MonitorRoutes.register(members)
    AccountPageRoutes.register(members)
    AnalyseRoutes.register(members)
    AlertRoutes.register(members)
    AuditRoutes.register(members)
    AccessReview.register(members)
    CaseRoutes.register(members)
    MembershipRoutes.registerMembers(members)
    CaseStudyRoutes.register(members)
    EventRoutes.registerMembers(members)
    QuestionRoutes.register(members)
    NotificationRoutes.register(members)
    GroupRoutes.register(members)
    NewsRoutes.registerMembers(members)
    InterventionRoutes.register(members)
    MeasureRoutes.register(members)
    MeasureDecisionRoutes.register(members)
    MeasureEditRoutes.register(members)
    LetterheadRoutes.register(members)
    InformationRoutes.register(members)
    SignalRoutes.register(members)
    ChecklistRoutes.register(members)
    IncidentRoutes.register(members)
    ExportRoutes.register(members)
    // Uploads get their own, larger limit: 100,000 incident rows are about 15 MB.
    ImportRoutes.register(
        app.grouped(CSRFMiddleware(maximumBodySize: ImportRoutes.maximumUploadBytes)).grouped(AccessRuleMiddleware()))

    let api = app.grouped(BearerAuthenticationMiddleware())
        .grouped(
            RateLimitMiddleware(perIP: RateLimiter.apiPerIP, perAccount: RateLimiter.apiPerAccount, onlyMethods: nil))
    APIRoutes.registerPublic(api.grouped(AccessRuleMiddleware()))
    APIRoutes.register(api.grouped(CSRFMiddleware(maximumBodySize: 1 << 20)).grouped(AccessRuleMiddleware()))
}
