import NEIGCore

/// The main menu: at most seven groups, each named after a task, holding the pages of that task that the reader's
/// role may open. A page is listed only when `AccessMatrix` admits the role, so the menu never offers a refusal.
struct SiteMenu: Sendable {
    struct Item: Sendable, Equatable {
        let title: String
        let path: String
    }

    struct Group: Sendable, Equatable {
        let title: String
        let items: [Item]
    }

    static let maximumGroups = 7

    let groups: [Group]

    init(actor: Actor?) {
        let candidates: [(String, [(String, SiteURL)])] = [
            ("Overzicht", [("Overzicht", .home)]),
            (
                "Cijfers",
                [
                    ("Monitor", .monitor()), ("Incidenten", .incidents), ("Analyse", .analyse),
                    ("Importeren", .importIncidents), ("Open data", .openData)
                ]
            ),
            (
                "Zaken",
                [
                    ("Zaken", .cases), ("Waarschuwingen", .alerts), ("Signalen", .signals()),
                    ("Handelingskader", .handelingskader)
                ]
            ),
            (
                "Kennis",
                [
                    ("Kennisbank", .library), ("Casuïstiek", .caseStudies), ("Vragen", .questions()),
                    ("Interventies", .interventions), ("Actueel", .news)
                ]
            ),
            (
                "Netwerk",
                [
                    ("Lid worden", .apply), ("Bijeenkomsten", .events), ("Leden", .members),
                    ("Aanvragen", .membershipApplications),
                    ("Groepen", .groups)
                ]
            ),
            (
                "Beheer",
                [
                    ("Briefpapier", .letterhead), ("Signaalroutering", .routingRules), ("Auditlog", .audit),
                    ("Toegang", .accessReview)
                ]
            )
        ]
        groups = candidates.compactMap { title, pages in
            let items = pages.filter { Self.offers($0.1, to: actor) }.map { Item(title: $0.0, path: $0.1.path) }
            return items.isEmpty ? nil : Group(title: title, items: items)
        }
    }

    /// Whether the reader may open the page, so that it belongs in their menu.
    static func offers(_ url: SiteURL, to actor: Actor?) -> Bool {
        guard let rule = AccessMatrix.rule(method: .GET, path: url.pattern) else { return false }
        if case .apply = url { return actor == nil }
        if case .alerts = url, let actor {
            // Warnings are about places; a member without a municipality or a national view has none to see.
            return actor.municipalityCode != nil || AccessPolicy.rolesSeeingAllAddresses.contains(actor.role)
        }
        switch rule {
        case .everyone: return true
        case .members, .readersOfObjects: return actor != nil
        case .roles(let roles), .rolesForOwnObjects(let roles), .rolesForTheirObjects(let roles):
            return actor.map { roles.admits($0.role) } ?? false
        }
    }

    /// The group and item the page at `path` belongs to: the item with the longest path that is `path` itself or
    /// one of its ancestors. The home page belongs only to itself.
    func location(of path: String) -> (group: Group, item: Item)? {
        var best: (group: Group, item: Item)?
        for group in groups {
            for item in group.items where Self.contains(item.path, path) {
                if item.path.count > (best?.item.path.count ?? -1) { best = (group, item) }
            }
        }
        return best
    }

    private static func contains(_ itemPath: String, _ path: String) -> Bool {
        let itemPath = String(itemPath.prefix { $0 != "?" })
        if itemPath == "/" { return path == "/" }
        return path == itemPath || path.hasPrefix(itemPath + "/")
    }
}
