import Vapor

/// Enforces the login and role part of the route's row in `AccessMatrix` before its handler runs: anonymous
/// visitors of a page go to the login page, anonymous API calls get a 401, other roles a 403 that says who the route
/// is for. A route without a row is refused, so a forgotten row cannot open a route.
struct AccessRuleMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route,
            let rule = AccessMatrix.rule(
                method: route.method, path: "/" + route.path.map(\.description).joined(separator: "/"))
        else {
            request.logger.error("route without a row in AccessMatrix", metadata: ["path": "\(request.url.path)"])
            throw NEIGError.forbidden("Voor deze pagina is geen toegangsregel vastgelegd.")
        }
        let roles: AccessMatrix.Roles
        switch rule {
        case .everyone, .readersOfObjects: return try await next.respond(to: request)
        case .members: roles = .everyRole
        case .roles(let required), .rolesForOwnObjects(let required), .rolesForTheirObjects(let required):
            roles = required
        }
        guard let user = request.user else { return try loginFirst(request) }
        guard roles.admits(user.role) else { throw NEIGError.forbidden(roles.refusal) }
        return try await next.respond(to: request)
    }

    private func loginFirst(_ request: Request) throws -> Response {
        if request.url.path.hasPrefix("/api/") { throw Abort(.unauthorized) }
        if request.currentSession?.isAwaitingSecondFactor == true {
            return request.redirect(to: SiteURL.secondFactor.path)
        }
        return request.redirect(to: SiteURL.login.path + SiteURL.query([("terug", request.url.string)]))
    }
}
