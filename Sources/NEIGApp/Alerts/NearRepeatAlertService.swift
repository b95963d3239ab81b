import Fluent
import NEIGCore
import Vapor

/// Turns a newly registered attack into a near-repeat warning for its municipality when the area's
/// history says so, and queues the e-mails. Runs after the incident is stored; a failure here is logged
/// and never undoes the registration.
public enum NearRepeatAlertService {
    /// The history the pattern test looks at.
    static let historyDays = 730
    /// Imports only raise zones for attacks at most this old; older rows are history, not news.
    static let recentDays = 90

    static func settings(for municipality: String, on db: any Database) async throws -> NearRepeatZoneSettings {
        guard let own = try await AlertSettings.query(on: db).filter(\.$municipalityCode == municipality).first() else {
            return .standard
        }
        return NearRepeatZoneSettings(radius: own.radius, days: own.days)
    }

    /// Evaluates the given incidents; returns the alerts it created.
    @discardableResult
    static func evaluate(_ incidents: [Incident], app: Application, actor: String) async throws -> [NearRepeatAlert] {
        let today = app.neig.clock.today
        var created: [NearRepeatAlert] = []
        var patterns: [String: Bool] = [:]
        var zones: [String: NearRepeatZoneSettings] = [:]
        for incident in incidents {
            guard let date = CivilDate(parsing: incident.occurredOn), let incidentID = incident.id else { continue }
            // Settings and pattern are per municipality: read and computed once per batch.
            let settings: NearRepeatZoneSettings
            if let known = zones[incident.municipalityCode] {
                settings = known
            } else {
                settings = try await Self.settings(for: incident.municipalityCode, on: app.db)
                zones[incident.municipalityCode] = settings
            }
            // A zone that has already run out is no warning any more.
            guard date.adding(days: settings.days) >= today else { continue }
            guard try await NearRepeatAlert.query(on: app.db).filter(\.$incident.$id == incidentID).count() == 0 else {
                continue
            }
            let history = try await Incident.query(on: app.db)
                .filter(\.$municipalityCode == incident.municipalityCode)
                .filter(\.$occurredOn >= date.adding(days: -historyDays).iso)
                .filter(\.$occurredOn <= date.iso)
                .filter(\.$id != incidentID)
                .all()
            let events = SpaceTimeEvents(
                x: history.map(\.rdX), y: history.map(\.rdY),
                days: history.map { Int32(CivilDate(parsing: $0.occurredOn)?.dayNumber ?? 0) })
            let significant: Bool
            if let known = patterns[incident.municipalityCode] {
                significant = known
            } else {
                let knox = await AnalysisExecutor.shared.runInBackground {
                    await Knox.run(events, distance: settings.radius, days: settings.days, permutations: 99, seed: 1)
                }
                significant = (knox.pValue ?? 1) <= 0.05 && Double(knox.observed) > knox.expected
                patterns[incident.municipalityCode] = significant
            }
            let decision = NearRepeatZone.decide(
                x: incident.rdX, y: incident.rdY, date: date, history: events, settings: settings,
                patternSignificant: significant)
            guard decision.warrantsAlert else { continue }
            let alert = NearRepeatAlert(
                municipalityCode: incident.municipalityCode, incidentID: incidentID, centreX: incident.rdX,
                centreY: incident.rdY,
                radius: settings.radius, validUntil: decision.until.iso, patternSignificant: significant,
                createdAt: app.neig.clock.now())
            try await app.db.transaction { tx in
                try await alert.create(on: tx)
                try await alert.replaceEarlier(decision.earlier.compactMap { history[$0].id }, on: tx)
                try await Audit.record(
                    "alert.create", object: "near_repeat_alert", id: alert.id?.uuidString.lowercased(),
                    detail:
                        "municipality=\(incident.municipalityCode) earlier=\(decision.earlier.count) pattern=\(significant)",
                    actor: actor, at: app.neig.clock.now(), on: tx)
            }
            alert.$incident.value = incident
            created.append(alert)
        }
        // One message per person for the whole batch: an import of twenty attacks is one e-mail, not twenty.
        let placement = try await RiskAreaService.place(created, now: app.neig.clock.now(), on: app.db)
        try await RiskAreaNotices.send(placement, patterns: patterns, app: app)
        return created
    }

    /// Sets a municipality's own zone (`neig alerts configure`).
    public static func configure(municipality: String, radius: Double, days: Int, on app: Application) async throws {
        guard app.neig.municipalities[municipality] != nil else {
            throw ConfigurationError("\(municipality) is not a municipality code")
        }
        guard radius > 0, radius <= 5000, (1...365).contains(days) else {
            throw ConfigurationError("the zone needs a radius of 1 to 5000 m and 1 to 365 days")
        }
        let settings =
            try await AlertSettings.query(on: app.db).filter(\.$municipalityCode == municipality).first()
            ?? AlertSettings(municipalityCode: municipality, radius: radius, days: days)
        settings.radius = radius
        settings.days = days
        try await settings.save(on: app.db)
        try await Audit.record(
            "alert.settings", object: "municipality", id: municipality, detail: "radius=\(Int(radius)) days=\(days)",
            actor: "cli", at: app.neig.clock.now(), on: app.db)
    }

    /// As `evaluate`, but a failure is logged instead of thrown: the attack is registered either way.
    static func evaluateLogged(_ incidents: [Incident], app: Application, actor: String) async {
        do {
            try await evaluate(incidents, app: app, actor: actor)
        } catch {
            app.logger.error("near-repeat evaluation failed: \(String(reflecting: error))")
        }
    }
}
