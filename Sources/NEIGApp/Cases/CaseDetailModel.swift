import Fluent
import NEIGCore
import Vapor

/// Everything the case page shows, loaded for one viewer: the municipality sees the whole file, a police or OM
/// partner only the case's name and phase and the information they shared.
struct CaseDetailModel {
    let caseFile: CaseFile
    let level: CaseAccess.Level
    let today: CivilDate
    let now: Date
    let information: [InformationService.Visible]
    var municipality = ""
    var events: [CaseEvent] = []
    var tasks: [CaseTask] = []
    var measures: [Measure] = []
    var signals: [RiskSignal] = []
    var incidents: [Incident] = []
    var incidentChoices: [Incident] = []
    var shares: [User] = []
    /// Other cases of the municipality at the same BAG object.
    var sameAddressCases: [CaseFile] = []
    /// Attacks at the case's BAG object, linked or not.
    var sameAddressIncidentIDs: Set<UUID> = []
    /// The risk area the case was opened from, as a map.
    var zoneMap: MapFigure?

    static func load(_ context: ServiceContext, caseFile: CaseFile, level: CaseAccess.Level) async throws
        -> CaseDetailModel
    {
        let caseID = try caseFile.requireID()
        let today = context.clock.today
        let db = context.db
        let information = try await InformationService.visibleItems(
            caseID: caseID, user: try context.requireUser(), today: today, on: db)
        var view = CaseDetailModel(
            caseFile: caseFile, level: level, today: today, now: context.clock.now(), information: information)
        view.municipality = context.municipalities[caseFile.municipalityCode]?.displayName ?? caseFile.municipalityCode
        guard level == .municipality else { return view }
        if let area = try await RiskArea.query(on: db).filter(\.$caseID == caseID).first() {
            view.zoneMap = try await RiskZoneMap.load(area, on: db).figure(
                registry: context.municipalities, tableAnchor: "aanslagen", listName: "lijst hieronder")
        }
        view.events = try await CaseEvent.query(on: db).filter(\.$caseFile.$id == caseID).sort(
            \.$position, .descending
        ).all()
        // Ties broken by title and address: both engines, and every reload, show the same order.
        view.tasks = try await CaseTask.query(on: db).filter(\.$caseFile.$id == caseID).sort(\.$dueAt).sort(
            \.$title
        ).all()
        view.measures = try await Measure.query(on: db).filter(\.$caseFile.$id == caseID).sort(\.$createdAt).all()
        view.signals = try await RiskSignal.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt).all()
        view.incidents = try await CaseIncident.query(on: db).filter(\.$caseFile.$id == caseID).with(\.$incident)
            .all().map(\.incident)
        view.shares = try await CaseShare.query(on: db).filter(\.$caseFile.$id == caseID).with(\.$user).all().map(
            \.user)
        let linked = Set(view.incidents.compactMap(\.id))
        let user = try context.requireUser()
        // Attacks at the same BAG object come first whatever their age: they are the ones this case is about.
        let atAddress = try await SameAddress.incidents(
            bagID: caseFile.bagID, addressKey: nil, municipalityCode: caseFile.municipalityCode, excluding: nil,
            actor: user.actor, on: db)
        view.sameAddressIncidentIDs = Set(atAddress.compactMap(\.id))
        view.sameAddressCases = try await SameAddress.cases(
            bagID: caseFile.bagID, excluding: caseID, user: user, on: db)
        let recent = try await Incident.query(on: db).filter(\.$municipalityCode == caseFile.municipalityCode)
            .filter(\.$occurredOn >= today.adding(days: -365).iso).sort(\.$occurredOn, .descending).sort(\.$sourceID)
            .limit(300).all().filter { !linked.contains($0.id!) && !view.sameAddressIncidentIDs.contains($0.id!) }
        view.incidentChoices =
            atAddress.filter { !linked.contains($0.id!) }
            + Self.nearestFirst(recent, address: caseFile.address ?? caseFile.title, linked: view.incidents).prefix(60)
        return view
    }

    /// Attacks at the case's address first, then those nearest to the attacks already linked, then the newest: the
    /// one an adviser is looking for is at the top of the list, not somewhere among sixty addresses.
    static func nearestFirst(_ incidents: [Incident], address: String, linked: [Incident]) -> [Incident] {
        func key(_ text: String) -> String {
            AddressKey.make(address: text.split(separator: ",").first.map(String.init) ?? text, postcode: nil) ?? ""
        }
        let street = key(address)
        func distance(_ incident: Incident) -> Double {
            linked.map { other in
                let dx = other.rdX - incident.rdX, dy = other.rdY - incident.rdY
                return (dx * dx + dy * dy).squareRoot()
            }.min() ?? .infinity
        }
        func rank(_ incident: Incident) -> Int {
            let own = key(incident.address ?? "")
            if !street.isEmpty && own == street { return 0 }
            return distance(incident) <= 500 ? 1 : 2
        }
        return incidents.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            if ra != rb { return ra < rb }
            if ra == 1 { return distance(a.element) < distance(b.element) }
            return a.offset < b.offset
        }.map(\.element)
    }
}
