import Fluent
import Foundation
import NEIGCore
import Vapor

/// An incident as the API and exports show it to one viewer: location fields are nil unless the
/// viewer may see them.
struct IncidentDTO: Content, Sendable {
    var id: UUID
    var source: String
    var sourceID: String
    var date: String
    var time: String?
    var municipalityCode: String
    var municipalityName: String
    var target: String
    var means: String
    var description: String?
    var definitionVersion: String
    var locationVisible: Bool
    var address: String?
    var postcode: String?
    var bagID: String?
    var rdX: Double?
    var rdY: Double?
    var lat: Double?
    var lon: Double?

    enum CodingKeys: String, CodingKey {
        case id, source, date, time, target, means, description, address, postcode, lat, lon
        case sourceID = "source_id"
        case municipalityCode = "municipality_code"
        case municipalityName = "municipality_name"
        case definitionVersion = "definition_version"
        case locationVisible = "location_visible"
        case rdX = "rd_x"
        case rdY = "rd_y"
        case bagID = "bag_id"
    }

    init(_ incident: Incident, actor: Actor, registry: MunicipalityRegistry) {
        let visible = AccessPolicy.canSeeLocation(actor, municipalityCode: incident.municipalityCode)
        id = incident.id ?? UUID()
        source = incident.source
        sourceID = incident.sourceID
        date = incident.occurredOn
        time = incident.timeOfDay
        municipalityCode = incident.municipalityCode
        municipalityName = registry[incident.municipalityCode]?.officialName ?? incident.municipalityCode
        target = incident.target.rawValue
        means = incident.means.rawValue
        // A description may name a victim or hold an address or a phone number: it goes where the address goes.
        description = visible ? incident.descriptionText : nil
        definitionVersion = incident.definitionVersion
        locationVisible = visible
        address = visible ? incident.address : nil
        postcode = visible ? incident.postcode : nil
        bagID = visible ? incident.bagID : nil
        rdX = visible ? incident.rdX : nil
        rdY = visible ? incident.rdY : nil
        lat = visible ? incident.latitude : nil
        lon = visible ? incident.longitude : nil
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(sourceID, forKey: .sourceID)
        try c.encode(date, forKey: .date)
        try c.encode(time, forKey: .time)
        try c.encode(municipalityCode, forKey: .municipalityCode)
        try c.encode(municipalityName, forKey: .municipalityName)
        try c.encode(target, forKey: .target)
        try c.encode(means, forKey: .means)
        try c.encode(description, forKey: .description)
        try c.encode(definitionVersion, forKey: .definitionVersion)
        try c.encode(locationVisible, forKey: .locationVisible)
        try c.encode(address, forKey: .address)
        try c.encode(postcode, forKey: .postcode)
        try c.encode(bagID, forKey: .bagID)
        try c.encode(rdX, forKey: .rdX)
        try c.encode(rdY, forKey: .rdY)
        try c.encode(lat, forKey: .lat)
        try c.encode(lon, forKey: .lon)
    }
}

/// Filters shared by the incident list page, the API and the exports.
struct IncidentFilter: Sendable {
    var municipalityCode: String?
    var from: CivilDate?
    var to: CivilDate?
    var target: TargetType?

    /// Reads `gemeente`, `van`, `tot`, `doelwit` (pages) or `municipality_code`, `from`, `to`, `target` (API).
    static func parse(_ req: Request, api: Bool) throws -> IncidentFilter {
        let keys = api ? ("municipality_code", "from", "to", "target") : ("gemeente", "van", "tot", "doelwit")
        var filter = IncidentFilter()
        var problems: [Problem.Item] = []
        if let code = req.query[String.self, at: keys.0]?.uppercased(), !code.isEmpty {
            if req.application.neig.municipalities.contains(code) {
                filter.municipalityCode = code
            } else {
                problems.append(.init(column: keys.0, reason: "'\(code)' is geen bestaande gemeentecode"))
            }
        }
        for (key, path) in [(keys.1, \IncidentFilter.from), (keys.2, \IncidentFilter.to)] {
            if let text = req.query[String.self, at: key], !text.isEmpty {
                if let date = CivilDate(parsing: text) {
                    filter[keyPath: path] = date
                } else {
                    problems.append(.init(column: key, reason: "'\(text)' is geen datum (JJJJ-MM-DD)"))
                }
            }
        }
        if let text = req.query[String.self, at: keys.3], !text.isEmpty {
            if let target = TargetType(rawValue: text) {
                filter.target = target
            } else {
                problems.append(.init(column: keys.3, reason: "'\(text)' is geen doelwit"))
            }
        }
        guard problems.isEmpty else {
            throw NEIGError.badRequest("Een of meer filters zijn ongeldig.", items: problems)
        }
        return filter
    }

    func apply(to query: QueryBuilder<Incident>) -> QueryBuilder<Incident> {
        if let municipalityCode { query.filter(\.$municipalityCode == municipalityCode) }
        if let from { query.filter(\.$occurredOn >= from.iso) }
        if let to { query.filter(\.$occurredOn <= to.iso) }
        if let target { query.filter(\.$target == target) }
        return query
    }
}
