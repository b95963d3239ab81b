/// The elevated-risk zone after an attack: within `radius` metres for `days` days. Whether neig warns the
/// municipality depends on the history of the area: earlier attacks in the zone, or a significant
/// near-repeat pattern in the municipality.
public struct NearRepeatZoneSettings: Sendable, Equatable, Codable {
    public var radius: Double
    public var days: Int
    /// How far back "earlier attacks in the zone" reaches.
    public var lookbackDays: Int

    public static let standard = NearRepeatZoneSettings(radius: 400, days: 28, lookbackDays: 365)

    public init(radius: Double, days: Int, lookbackDays: Int = 365) {
        self.radius = radius
        self.days = days
        self.lookbackDays = lookbackDays
    }
}

public struct NearRepeatZoneDecision: Sendable, Equatable {
    /// Indices (into the history) of earlier attacks within the zone's radius and the look-back period.
    public let earlier: [Int]
    public let patternSignificant: Bool
    public let until: CivilDate

    public var warrantsAlert: Bool { !earlier.isEmpty || patternSignificant }
}

public enum NearRepeatZone {
    /// `history` holds the municipality's other attacks (the new one excluded).
    public static func decide(
        x: Double, y: Double, date: CivilDate, history: SpaceTimeEvents, settings: NearRepeatZoneSettings,
        patternSignificant: Bool
    ) -> NearRepeatZoneDecision {
        let day = Int32(date.dayNumber)
        let earliest = day - Int32(settings.lookbackDays)
        var earlier: [Int] = []
        for index in 0..<history.count where history.days[index] <= day && history.days[index] >= earliest {
            let dx = history.x[index] - x, dy = history.y[index] - y
            if dx * dx + dy * dy <= settings.radius * settings.radius { earlier.append(index) }
        }
        return NearRepeatZoneDecision(
            earlier: earlier, patternSignificant: patternSignificant, until: date.adding(days: settings.days))
    }

    /// Suggested aftercare steps from the handelingskader's third phase (nazorg).
    public static let suggestedActions = [
        "Bewoners en ondernemers in de zone binnen 24 uur informeren (brief of bijeenkomst) en vragen alert te zijn.",
        "Met de politie extra surveillance en zichtbaar toezicht in de zone afspreken tot de einddatum.",
        "Woningcorporaties en ondernemersvereniging in de zone waarschuwen; preventieadvies geven (verlichting, camera bij de deur).",
        "Cameratoezicht overwegen (Gemeentewet art. 151c), ook tijdelijk met een mobiele camera.",
        "Met politie en OM nagaan of informatie een burgemeestersmaatregel onderbouwt (sluiting: Gemeentewet 174a of Opiumwet 13b).",
        "Slachtoffers en directe buren nazorg bieden (Slachtofferhulp, wijkteam)."
    ]
}
