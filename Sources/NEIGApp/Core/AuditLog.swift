import Fluent
import Vapor

/// An append-only record of a state change or access that matters (logins, incident changes, imports).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    /// `user:<uuid>`, `cli`, or `anonymous`.
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "object_type") var objectType: String
    @OptionalField(key: "object_id") var objectID: String?
    @Field(key: "result") var result: String
    /// A short, non-personal description (counts, field names) — never a password, token or address.
    @OptionalField(key: "detail") var detail: String?
    /// Logboek dataverwerkingen: the request or command this entry belongs to.
    @OptionalField(key: "trace_id") var traceID: String?
    /// `web`, `api`, `cli` or `system`.
    @OptionalField(key: "origin") var origin: String?
    /// The processing activity from `ProcessingActivity`.
    @OptionalField(key: "processing_activity") var processingActivity: String?
    /// A pseudonym of the person the data is about, never the identifier itself.
    @OptionalField(key: "data_subject") var dataSubject: String?
    /// Position in the hash chain; nil until the entry is sealed.
    @OptionalField(key: "sequence") var sequence: Int?
    @OptionalField(key: "previous_hash") var previousHash: String?
    @OptionalField(key: "hash") var hash: String?

    init() {}

    init(
        occurredAt: Date, actor: String, action: String, objectType: String, objectID: String?, result: String,
        detail: String?,
        traceID: String? = nil, origin: String? = nil, dataSubject: String? = nil
    ) {
        // Whole milliseconds, so the value hashed is the value every database gives back.
        self.occurredAt = Date(timeIntervalSince1970: (occurredAt.timeIntervalSince1970 * 1000).rounded() / 1000)
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.result = result
        self.detail = detail
        self.traceID = traceID
        self.origin = origin
        self.processingActivity = ProcessingActivity.of(action: action).rawValue
        self.dataSubject = dataSubject
    }
}

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string)
            .field("result", .string, .required)
            .field("detail", .string)
            .create()
    }
    func revert(on database: any Database) async throws { try await database.schema(AuditEvent.schema).delete() }
}

enum Audit {
    static func record(
        _ action: String, object: String, id: String? = nil, result: String = "success",
        detail: String? = nil, actor: String, at now: Date, on db: any Database,
        traceID: String? = nil, origin: String? = nil
    ) async throws {
        try await AuditEvent(
            occurredAt: now, actor: actor, action: action, objectType: object, objectID: id,
            result: result, detail: detail, traceID: traceID ?? "\(actor)-\(UUID().uuidString.lowercased())",
            origin: origin ?? (actor == "cli" ? "cli" : "system"),
            dataSubject: object == "user" ? id.map(Self.pseudonym) : nil
        ).create(on: db)
    }

    /// A stable pseudonym: the same person gets the same reference, which does not reveal who it is.
    static func pseudonym(_ identifier: String) -> String {
        "p-" + SHA256.hash(data: Data(("neig-audit:" + identifier).utf8)).hex.prefix(20)
    }
}

extension Request {
    var auditActor: String { user?.id.map { "user:\($0.uuidString.lowercased())" } ?? "anonymous" }

    func audit(
        _ action: String, object: String, id: String? = nil, result: String = "success", detail: String? = nil,
        on db: (any Database)? = nil
    ) async throws {
        storage[AuditWrittenKey.self] = true
        try await Audit.record(
            action, object: object, id: id, result: result, detail: detail, actor: auditActor,
            at: application.neig.clock.now(), on: db ?? self.db, traceID: self.id,
            origin: url.path.hasPrefix("/api/") ? "api" : "web")
    }
}

/// The register of processing activities neig keeps (AVG art. 30); every audit entry names one.
enum ProcessingActivity: String, CaseIterable, Sendable {
    case accessManagement = "toegangsbeheer"
    case incidentRegister = "incidentenregister"
    case nearRepeatWarnings = "near-repeatwaarschuwingen"
    case caseManagement = "zaakbehandeling"
    case informationSharing = "informatiedeling politie en OM"
    case signals = "signalen"
    case administration = "beheer"

    var purpose: String {
        switch self {
        case .accessManagement: "Inloggen, accounts, tweestapsverificatie en API-tokens"
        case .incidentRegister: "Registratie, import en correctie van aanslagen met explosieven"
        case .nearRepeatWarnings: "Waarschuwen van gemeenten voor herhaalrisico na een aanslag"
        case .caseManagement: "Zaken onder het handelingskader: dreiging, explosie, nazorg en maatregelen"
        case .informationSharing: "Delen en inzien van politie- en OM-informatie voor een zaak (Wpg art. 16, 19, 20)"
        case .signals: "Ontvangen, beoordelen en routeren van risicosignalen van partners"
        case .administration: "Beheer van neig: demodata, back-ups, instellingen"
        }
    }

    static func of(action: String) -> ProcessingActivity {
        if action.hasPrefix("login") || action.hasPrefix("logout") || action.hasPrefix("user")
            || action.hasPrefix("token")
            || action.hasPrefix("second-factor") || action.hasPrefix("recovery-codes")
        {
            return .accessManagement
        }
        if action.hasPrefix("incident") { return .incidentRegister }
        if action.hasPrefix("alert") { return .nearRepeatWarnings }
        if action.hasPrefix("case") || action.hasPrefix("measure") { return .caseManagement }
        if action.hasPrefix("info") { return .informationSharing }
        if action.hasPrefix("signal") { return .signals }
        return .administration
    }
}
