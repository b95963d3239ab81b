import Fluent
import Foundation
import NEIGCore

/// A hotspot in the words people use: its municipality and, for those who may see addresses, the street and
/// postcode area of the nearest attack — never RD coordinates alone.
struct HotspotDescription: Sendable {
    let rank: Int
    let point: RDPoint
    let density: Double
    let place: String
}

enum HotspotPlaces {
    struct Address: Sendable {
        let address: String?
        let postcode: String?
    }

    static func describe(
        _ peaks: [HotspotPeak], input: AnalysisInput, registry: MunicipalityRegistry, addresses: [String: Address]?
    ) -> [HotspotDescription] {
        peaks.enumerated().map { offset, peak in
            let nearest = nearestEvent(to: peak.point, in: input.events)
            let code =
                registry.boundaries?.municipalities(containing: peak.point).first
                ?? nearest.map { input.labels[$0].municipalityCode }
            let municipality = code.flatMap { registry[$0] }
            var place = municipality?.displayName ?? "buiten de gemeenten"
            if let addresses, let nearest, let found = addresses[input.labels[nearest].sourceID],
                let street = found.address.flatMap(AddressParts.street(of:))
            {
                let area = found.postcode.flatMap(AddressParts.postcodeArea(of:)).map { " (\($0))" } ?? ""
                place += ", omgeving \(street)\(area)"
            } else if let municipality {
                place += ", " + relativePlace(peak.point, centre: municipality.centroid)
            }
            return HotspotDescription(rank: offset + 1, point: peak.point, density: peak.density, place: place)
        }
    }

    static func nearestEvent(to point: RDPoint, in events: SpaceTimeEvents) -> Int? {
        var best: Int?
        var bestDistance = Double.infinity
        for index in 0..<events.count {
            let dx = events.x[index] - point.x, dy = events.y[index] - point.y
            let distance = dx * dx + dy * dy
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return best
    }

    /// "bij het midden" or "3 km noordwest van het midden": the municipality's interior point as reference.
    static func relativePlace(_ point: RDPoint, centre: RDPoint) -> String {
        let distance = point.distance(to: centre)
        guard distance >= 1_000 else { return "bij het midden van de gemeente" }
        let angle = atan2(point.y - centre.y, point.x - centre.x) * 180 / .pi
        let directions = ["oost", "noordoost", "noord", "noordwest", "west", "zuidwest", "zuid", "zuidoost"]
        let sector = Int(((angle + 360 + 22.5).truncatingRemainder(dividingBy: 360)) / 45) % 8
        return "\(Int((distance / 1000).rounded())) km \(directions[sector]) van het midden van de gemeente"
    }

    /// The addresses of the attacks nearest to each peak, for those who may see them.
    static func addresses(
        nearestTo peaks: [HotspotPeak], input: AnalysisInput, on db: any Database
    ) async throws -> [String: Address] {
        let nearest = peaks.compactMap { nearestEvent(to: $0.point, in: input.events) }.map { input.labels[$0] }
        guard !nearest.isEmpty else { return [:] }
        // A source id is unique per source only: the municipality and date pin the incident the label stands for.
        let incidents = try await Incident.query(on: db).filter(\.$sourceID ~~ nearest.map(\.sourceID))
            .filter(\.$municipalityCode ~~ Array(Set(nearest.map(\.municipalityCode)))).all()
        var found: [String: Address] = [:]
        for label in nearest {
            guard
                let incident = incidents.first(where: {
                    $0.sourceID == label.sourceID && $0.municipalityCode == label.municipalityCode
                        && $0.occurredOn == label.date.iso
                })
            else { continue }
            found[label.sourceID] = Address(address: incident.address, postcode: incident.postcode)
        }
        return found
    }
}
