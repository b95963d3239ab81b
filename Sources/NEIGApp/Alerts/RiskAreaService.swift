import Fluent
import Foundation
import NEIGCore

/// Keeps risk areas: new zones join the running area they overlap (merging areas they bridge), or start one.
enum RiskAreaService {
    struct Placement: Sendable {
        var created: [RiskArea] = []
        var grown: [RiskArea] = []

        var isEmpty: Bool { created.isEmpty && grown.isEmpty }
    }

    /// Places new warnings into risk areas, one municipality at a time in one transaction. Warnings of the
    /// municipality that an earlier, failed run left without an area are placed along with them.
    static func place(_ new: [NearRepeatAlert], now: Date, on db: any Database) async throws -> Placement {
        var placement = Placement()
        for municipality in Set(new.map(\.municipalityCode)).sorted() {
            let part = try await db.transaction { tx in
                try await lock(municipality, on: tx)
                let waiting = try await NearRepeatAlert.query(on: tx).filter(\.$municipalityCode == municipality)
                    .filter(\.$riskArea.$id == nil).with(\.$incident).all()
                return try await place(waiting, in: municipality, now: now, on: tx)
            }
            placement.created += part.created
            placement.grown += part.grown
        }
        return placement
    }

    /// Two imports at once must not both start an area for the same place: on PostgreSQL the municipality's
    /// placement is serialised by a transaction lock (SQLite has one writer anyway).
    static func lock(_ municipality: String, on db: any Database) async throws {
        guard db.isPostgres else { return }
        let key = 7_100_000 + (Int(municipality.dropFirst(2)) ?? 0)
        try await db.sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run()
    }

    static func place(_ fresh: [NearRepeatAlert], in municipality: String, now: Date, on db: any Database)
        async throws -> Placement
    {
        var placement = Placement()
        guard !fresh.isEmpty else { return placement }
        let earliest = fresh.compactMap { $0.$incident.value?.occurredOn }.min() ?? ""
        let freshIDs = Set(fresh.compactMap(\.id))
        let members = try await NearRepeatAlert.query(on: db).filter(\.$municipalityCode == municipality)
            .filter(\.$riskArea.$id != nil).filter(\.$validUntil >= earliest).with(\.$incident).with(\.$riskArea)
            .all().filter { $0.riskArea?.closedOn == nil && !freshIDs.contains($0.id!) }
        let all = members + fresh
        for group in RiskAreaGrouping.groups(all.map(\.zone)) {
            let joining = group.map { all[$0] }.filter { freshIDs.contains($0.id!) }
            guard !joining.isEmpty else { continue }
            let areas = Dictionary(
                group.compactMap { all[$0].riskArea }.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }
            ).values.sorted { // the older, then the larger area keeps its page
                ($0.createdAt, -$0.attackCount, $0.id!.uuidString) < ($1.createdAt, -$1.attackCount, $1.id!.uuidString)
            }
            let area: RiskArea
            if let kept = areas.first {
                area = kept
                for absorbed in areas.dropFirst() {
                    try await NearRepeatAlert.query(on: db).filter(\.$riskArea.$id == absorbed.id!)
                        .set(\.$riskArea.$id, to: kept.id!).update()
                    if kept.caseID == nil { kept.caseID = absorbed.caseID }
                    try await absorbed.delete(on: db)
                    placement.grown.removeAll { $0.id == absorbed.id }
                    placement.created.removeAll { $0.id == absorbed.id }
                }
                if !placement.created.contains(where: { $0.id == kept.id })
                    && !placement.grown.contains(where: { $0.id == kept.id })
                {
                    placement.grown.append(kept)
                }
            } else {
                area = RiskArea()
                area.municipalityCode = municipality
                area.createdAt = now
                placement.created.append(area)
            }
            area.grownAt = now
            try await refresh(area, adding: joining, on: db)
        }
        return placement
    }

    /// Recomputes an area from all its zones, after `adding` joined it.
    static func refresh(_ area: RiskArea, adding joining: [NearRepeatAlert] = [], on db: any Database) async throws {
        if area.id == nil {
            area.centreX = 0
            area.centreY = 0
            area.radius = 0
            area.endsOn = ""
            area.attackCount = 0
            area.lastAttackOn = ""
            try await area.create(on: db)
        }
        for alert in joining {
            alert.$riskArea.id = try area.requireID()
            try await alert.save(on: db)
        }
        let alerts = try await NearRepeatAlert.query(on: db).filter(\.$riskArea.$id == area.requireID())
            .with(\.$incident).with(\.$earlierRows).all()
        let extent = RiskAreaGrouping.extent(alerts.map(\.zone))
        area.centreX = extent.x
        area.centreY = extent.y
        area.radius = extent.radius
        area.endsOn = alerts.map(\.validUntil).max() ?? area.endsOn
        area.attackCount = Set(try alerts.flatMap { try [$0.$incident.id] + $0.earlierIDs }).count
        area.lastAttackOn = alerts.map(\.incident.occurredOn).max() ?? area.lastAttackOn
        try await area.save(on: db)
    }

    /// Groups one municipality's warnings from scratch (the upgrade from single warnings).
    static func regroup(_ alerts: [NearRepeatAlert], on db: any Database) async throws {
        for group in RiskAreaGrouping.groups(alerts.map(\.zone)) {
            let members = group.map { alerts[$0] }
            let area = RiskArea()
            area.municipalityCode = members[0].municipalityCode
            area.createdAt = members.map(\.createdAt).min()!
            area.grownAt = members.map(\.createdAt).max()!
            try await refresh(area, adding: members, on: db)
        }
    }

    /// Every attack of the area: the attacks that raised its zones and the earlier ones inside them, newest first.
    static func attacks(of area: RiskArea, on db: any Database) async throws -> [Incident] {
        let alerts = try await NearRepeatAlert.query(on: db).filter(\.$riskArea.$id == area.requireID())
            .with(\.$earlierRows).all()
        let ids = Array(Set(try alerts.flatMap { try [$0.$incident.id] + $0.earlierIDs }))
        guard !ids.isEmpty else { return [] }
        return try await Incident.query(on: db).filter(\.$id ~~ ids).all()
            .sorted { ($0.occurredOn, $0.sourceID) > ($1.occurredOn, $1.sourceID) }
    }
}
