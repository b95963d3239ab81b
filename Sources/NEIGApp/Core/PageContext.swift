import NEIGCore
import Vapor

/// What every page needs besides its own data: who is looking, the form token and where we are.
struct PageContext: Sendable {
    var userName: String?
    var roleLabel: String?
    var organisationName: String?
    var actor: Actor?
    var userID: UUID?
    var csrfToken: String
    var path: String
    var unreadNotifications = 0
    /// What the form just submitted did; shown once at the top of the page.
    var flash: String?
    /// Set when maps can become zoomable over a background map.
    var mapEnhancement: MapEnhancement?
    /// The Locatieserver the forms' address search asks, when there is one.
    var addressSearchBase: String?

    static let anonymous = PageContext(csrfToken: "", path: "/")
}

extension Request {
    var pageContext: PageContext {
        let user = self.user
        return PageContext(
            userName: user?.name, roleLabel: user?.role.label,
            organisationName: user?.$organisation.value?.name, actor: user?.actor, userID: user?.id,
            csrfToken: csrfToken, path: url.path, unreadNotifications: storage[UnreadNotificationsKey.self] ?? 0,
            flash: storage[FlashKey.self], mapEnhancement: application.neig.mapEnhancement,
            addressSearchBase: application.neig.addressSearch.base)
    }
}

struct UnreadNotificationsKey: StorageKey { typealias Value = Int }
