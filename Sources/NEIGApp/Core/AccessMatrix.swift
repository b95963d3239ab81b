import NEIGCore
import Vapor

/// Who may use which route: one row per registered route. The handlers enforce these rules (through
/// `AccessPolicy`); the authorization-matrix test drives every registered route with every role, as
/// owner and as outsider and anonymously, and fails when a route has no row or behaves otherwise.
enum AccessMatrix {
    enum Rule: Sendable, Equatable {
        /// Anyone, logged in or not.
        case everyone
        /// Any logged-in user.
        case members
        /// Only these roles; others get 403.
        case roles(Set<Role>)
        /// Only these roles, and only for objects whose location they may see; other objects answer 404
        /// so that their existence does not leak.
        case rolesForOwnObjects(Set<Role>)
        /// Only these roles, and only for objects that are theirs: their municipality's, shared with them, sent or
        /// written by them. Other objects answer 404.
        case rolesForTheirObjects(Set<Role>)
        /// Anyone, for objects they may read (public ones even anonymously); other objects answer 404, also when
        /// not logged in, so that a login page does not confirm they exist.
        case readersOfObjects
    }

    struct Row: Sendable {
        let method: HTTPMethod
        let path: String
        let rule: Rule
    }

    static let rows: [Row] = [
        Row(method: .GET, path: "/", rule: .everyone),
        Row(method: .GET, path: "/health", rule: .everyone),
        Row(method: .GET, path: "/metrics", rule: .everyone),
        Row(method: .GET, path: "/static/neig.css", rule: .everyone),
        Row(method: .GET, path: "/login", rule: .everyone),
        Row(method: .POST, path: "/login", rule: .everyone),
        Row(method: .POST, path: "/logout", rule: .everyone),
        Row(method: .GET, path: "/login/tweede-stap", rule: .everyone),
        Row(method: .POST, path: "/login/tweede-stap", rule: .everyone),
        Row(method: .GET, path: "/open-data", rule: .everyone),
        Row(method: .GET, path: "/api/v1/openapi.json", rule: .everyone),
        Row(method: .GET, path: "/api/v1/open-data", rule: .everyone),

        Row(method: .GET, path: "/account", rule: .members),
        Row(method: .POST, path: "/account/herstelcodes", rule: .members),
        Row(method: .GET, path: "/monitor", rule: .members),
        Row(method: .GET, path: "/monitor/gemeente/:code", rule: .members),
        Row(method: .GET, path: "/incidenten", rule: .members),
        Row(method: .GET, path: "/incidenten/:id", rule: .members),
        Row(method: .GET, path: "/export/incidenten.csv", rule: .members),
        Row(method: .GET, path: "/export/incidenten.geojson", rule: .members),
        Row(method: .GET, path: "/api/v1/incidents", rule: .members),
        Row(method: .GET, path: "/api/v1/incidents/:id", rule: .members),
        Row(method: .GET, path: "/api/v1/monitor", rule: .members),
        Row(method: .GET, path: "/api/v1/cases", rule: .roles(AccessPolicy.caseViewers)),
        Row(method: .POST, path: "/api/v1/cases", rule: .roles(AccessPolicy.caseRoles)),
        Row(method: .GET, path: "/api/v1/cases/:id", rule: .rolesForTheirObjects(AccessPolicy.caseViewers)),
        Row(method: .POST, path: "/api/v1/cases/:id/phase", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .GET, path: "/api/v1/cases/:id/measures", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/api/v1/cases/:id/measures", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .GET, path: "/api/v1/cases/:id/info", rule: .rolesForTheirObjects(AccessPolicy.caseViewers)),
        Row(
            method: .POST, path: "/api/v1/cases/:id/info", rule: .rolesForTheirObjects(AccessPolicy.informationSharers)),
        Row(method: .GET, path: "/api/v1/signals", rule: .roles(AccessPolicy.signalViewers)),
        Row(method: .GET, path: "/api/v1/library", rule: .members),
        Row(method: .GET, path: "/api/v1/search", rule: .members),
        Row(method: .GET, path: "/api/v1/library/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/api/v1/signals", rule: .roles(AccessPolicy.signalSenders)),
        Row(method: .GET, path: "/api/v1/events", rule: .members),
        Row(method: .GET, path: "/api/v1/interventions", rule: .members),
        Row(method: .POST, path: "/api/v1/interventions", rule: .roles(AccessPolicy.interventionEditors)),
        Row(method: .GET, path: "/api/v1/interventions/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(
            method: .GET, path: "/api/v1/interventions/:id/evaluations", rule: .rolesForTheirObjects(Set(Role.allCases))
        ),
        Row(method: .GET, path: "/api/v1/interventions/:id/decisions", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(
            method: .POST, path: "/api/v1/interventions/:id/evaluations",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)),
        Row(
            method: .POST, path: "/api/v1/interventions/:id/decisions",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)),
        Row(method: .GET, path: "/api/v1/events/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/api/v1/events/:id/registration", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .DELETE, path: "/api/v1/events/:id/registration", rule: .rolesForTheirObjects(Set(Role.allCases))),

        Row(method: .GET, path: "/incidenten/nieuw", rule: .roles(AccessPolicy.incidentEditors)),
        Row(method: .POST, path: "/incidenten", rule: .roles(AccessPolicy.incidentEditors)),
        Row(method: .POST, path: "/api/v1/incidents", rule: .roles(AccessPolicy.incidentEditors)),
        Row(method: .GET, path: "/incidenten/:id/bewerken", rule: .rolesForOwnObjects(AccessPolicy.incidentEditors)),
        Row(method: .POST, path: "/incidenten/:id", rule: .rolesForOwnObjects(AccessPolicy.incidentEditors)),

        Row(method: .GET, path: "/meldingen", rule: .members),
        Row(method: .GET, path: "/admin/audit", rule: .roles([.admin])),
        Row(method: .GET, path: "/zaken", rule: .roles(AccessPolicy.caseListers)),
        Row(method: .GET, path: "/zaken/nieuw", rule: .roles(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/zaken", rule: .roles(AccessPolicy.caseRoles)),
        Row(method: .GET, path: "/zaken/:id", rule: .rolesForTheirObjects(AccessPolicy.caseViewers)),
        Row(method: .POST, path: "/zaken/:id/fase", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/zaken/:id/taken", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/zaken/:id/delen", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/zaken/:id/incidenten", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/zaken/:id/maatregelen", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/zaken/:id/informatie", rule: .rolesForTheirObjects(AccessPolicy.informationSharers)),
        Row(method: .GET, path: "/maatregelen/:id", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .GET, path: "/maatregelen/:id/besluit", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/maatregelen/:id/status", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/maatregelen/:id/bezwaar", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .GET, path: "/informatie/:id", rule: .rolesForTheirObjects(AccessPolicy.caseViewers)),
        Row(method: .GET, path: "/handelingskader", rule: .roles(AccessPolicy.checklistEditors)),
        Row(method: .POST, path: "/handelingskader", rule: .roles(AccessPolicy.checklistEditors)),
        Row(method: .GET, path: "/signalen", rule: .roles(AccessPolicy.signalListers)),
        Row(method: .GET, path: "/signalen/nieuw", rule: .roles(AccessPolicy.signalSenders)),
        Row(method: .POST, path: "/signalen", rule: .roles(AccessPolicy.signalSenders)),
        Row(method: .GET, path: "/signalen/:id", rule: .rolesForTheirObjects(AccessPolicy.signalViewers)),
        Row(method: .POST, path: "/signalen/:id/status", rule: .rolesForTheirObjects(AccessPolicy.caseRoles)),
        Row(method: .GET, path: "/signalen/routering", rule: .roles(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/signalen/routering", rule: .roles(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/signalen/routering/verwijderen", rule: .roles(AccessPolicy.caseRoles)),
        Row(method: .POST, path: "/meldingen/:id/gezien", rule: .rolesForOwnObjects(Set(Role.allCases))),
        Row(method: .GET, path: "/analyse", rule: .roles(AccessPolicy.analysts)),
        Row(method: .GET, path: "/analyse/matrix.csv", rule: .roles(AccessPolicy.analysts)),

        Row(method: .GET, path: "/aanmelden", rule: .everyone),
        Row(method: .POST, path: "/aanmelden", rule: .everyone),
        Row(method: .GET, path: "/aanmelden/bevestigen", rule: .everyone),
        Row(method: .GET, path: "/wachtwoord-instellen", rule: .everyone),
        Row(method: .POST, path: "/wachtwoord-instellen", rule: .everyone),
        Row(method: .GET, path: "/leden", rule: .members),
        Row(method: .POST, path: "/account/profiel", rule: .members),
        Row(method: .POST, path: "/account/opzeggen", rule: .members),
        Row(method: .GET, path: "/leden/aanvragen", rule: .roles([.coordinator])),
        Row(method: .POST, path: "/leden/aanvragen/:id", rule: .roles([.coordinator])),
        Row(method: .POST, path: "/leden/:id/schorsen", rule: .roles([.coordinator])),
        Row(method: .GET, path: "/agenda/:token", rule: .readersOfObjects),
        Row(method: .GET, path: "/evenementen", rule: .members),
        Row(method: .GET, path: "/evenementen/nieuw", rule: .roles(AccessPolicy.eventOrganisers)),
        Row(method: .POST, path: "/evenementen", rule: .roles(AccessPolicy.eventOrganisers)),
        Row(method: .GET, path: "/evenementen/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .GET, path: "/evenementen/:id/agenda.ics", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/evenementen/:id/aanmelden", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/evenementen/:id/afmelden", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/evenementen/agenda", rule: .members),
        Row(method: .GET, path: "/casuistiek", rule: .members),
        Row(method: .GET, path: "/casuistiek/nieuw", rule: .members),
        Row(method: .POST, path: "/casuistiek", rule: .members),
        Row(method: .GET, path: "/casuistiek/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/casuistiek/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/casuistiek/:id/beoordeling", rule: .rolesForTheirObjects([.coordinator])),
        Row(method: .GET, path: "/bibliotheek", rule: .everyone),
        Row(method: .GET, path: "/bibliotheek/:id", rule: .readersOfObjects),
        Row(method: .GET, path: "/bibliotheek/:id/bijlage", rule: .readersOfObjects),
        Row(method: .GET, path: "/bibliotheek/:id/versies", rule: .readersOfObjects),
        Row(method: .GET, path: "/bibliotheek/nieuw", rule: .members),
        Row(method: .POST, path: "/bibliotheek", rule: .members),
        Row(method: .GET, path: "/bibliotheek/:id/bewerken", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/bibliotheek/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),

        Row(method: .POST, path: "/evenementen/:id/materiaal", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .GET, path: "/vragen", rule: .members),
        Row(method: .GET, path: "/vragen/nieuw", rule: .members),
        Row(method: .POST, path: "/vragen", rule: .members),
        Row(method: .GET, path: "/vragen/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/vragen/:id/antwoorden", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/vragen/:id/nuttig", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .POST, path: "/vragen/:id/kennisbank", rule: .rolesForTheirObjects([.coordinator])),
        Row(method: .GET, path: "/notificaties", rule: .members),
        Row(method: .POST, path: "/notificaties/gelezen", rule: .members),
        Row(method: .GET, path: "/notificaties/volgen", rule: .members),
        Row(method: .POST, path: "/notificaties/volgen", rule: .members),
        Row(method: .GET, path: "/notificaties/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(method: .GET, path: "/groepen", rule: .roles([.coordinator])),
        Row(method: .POST, path: "/groepen", rule: .roles([.coordinator])),
        Row(method: .GET, path: "/groepen/:code", rule: .rolesForTheirObjects([.coordinator])),
        Row(method: .POST, path: "/groepen/:code/leden", rule: .rolesForTheirObjects([.coordinator])),
        Row(method: .POST, path: "/groepen/:code/leden/:user/verwijderen", rule: .rolesForTheirObjects([.coordinator])),
        Row(method: .POST, path: "/groepen/:code/onderwerpen", rule: .rolesForTheirObjects([.coordinator])),
        Row(method: .GET, path: "/nieuws", rule: .everyone),
        Row(method: .GET, path: "/nieuws/feed.atom", rule: .everyone),
        Row(method: .GET, path: "/nieuws/:id", rule: .readersOfObjects),
        Row(method: .GET, path: "/nieuws/nieuw", rule: .roles([.coordinator])),
        Row(method: .POST, path: "/nieuws", rule: .roles([.coordinator])),
        Row(method: .GET, path: "/interventies", rule: .members),
        Row(method: .GET, path: "/interventies/export.csv", rule: .members),
        Row(method: .GET, path: "/interventies/nieuw", rule: .roles(AccessPolicy.interventionEditors)),
        Row(method: .POST, path: "/interventies", rule: .roles(AccessPolicy.interventionEditors)),
        Row(method: .GET, path: "/interventies/:id", rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(
            method: .GET, path: "/interventies/:id/evaluaties/:snapshot",
            rule: .rolesForTheirObjects(Set(Role.allCases))),
        Row(
            method: .GET, path: "/interventies/:id/bewerken",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)),
        Row(method: .POST, path: "/interventies/:id", rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)),
        Row(
            method: .POST, path: "/interventies/:id/voortgang",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)
        ),
        Row(
            method: .POST, path: "/interventies/:id/mijlpalen",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)
        ),
        Row(
            method: .POST, path: "/interventies/:id/mijlpalen/:milestone/gereed",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)),
        Row(
            method: .POST, path: "/interventies/:id/evaluaties",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)),
        Row(
            method: .POST, path: "/interventies/:id/besluiten",
            rule: .rolesForTheirObjects(AccessPolicy.interventionEditors)
        ),
        Row(method: .GET, path: "/import", rule: .roles(AccessPolicy.incidentImporters)),
        Row(method: .POST, path: "/import", rule: .roles(AccessPolicy.incidentImporters))
    ]

    static func rule(method: HTTPMethod, path: String) -> Rule? {
        rows.first { $0.method == method && $0.path == path }?.rule
    }
}
