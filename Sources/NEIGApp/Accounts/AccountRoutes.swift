import Fluent
import NEIGCore
import Vapor

enum AccountRoutes {
    /// Verified when the e-mail address is unknown, so a wrong address takes as long as a wrong password.
    static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuTjrmHxZv7iVnB3VaMtTKYHpq5v3vM9G"

    static func register(_ routes: any RoutesBuilder) {
        routes.get(.login, use: showLogin)
        routes.post(.login, use: login)
        routes.post(.logout, use: logout)
        SecondFactorRoutes.register(routes)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
    }

    static func showLogin(_ req: Request) async throws -> Response {
        if req.user != nil { return req.redirect(to: SiteURL.home.path) }
        return try await HTMLPage(
            document: LoginView(
                context: req.pageContext, email: nil, message: nil,
                returnTo: returnPath(req)
            ).document
        ).encodeResponse(for: req)
    }

    static func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password ?? ""
        let now = req.application.neig.clock.now()
        func failure(_ message: String, status: HTTPResponseStatus = .unauthorized) async throws -> Response {
            let view = LoginView(context: req.pageContext, email: email, message: message, returnTo: returnPath(req))
            return try await HTMLPage(document: view.document, status: status).encodeResponse(for: req)
        }
        guard let user = try await User.query(on: req.db).filter(\.$email == email).with(\.$organisation).first() else {
            _ = try? await AccountService.verifyPassword(password, hash: dummyHash, on: req.application)
            try await req.audit("login", object: "session", result: "denied", detail: "unknown account")
            return try await failure("Het e-mailadres of wachtwoord klopt niet.")
        }
        // A locked account answers exactly as a wrong password or an unknown address does (the owner was told by
        // e-mail), and the password is still checked so the time taken gives nothing away either.
        let passwordMatches = try await AccountService.verifyPassword(
            password, hash: user.passwordHash, on: req.application)
        if Lockout.isLocked(user, now: now) {
            try await req.audit(
                "login", object: "user", id: user.id?.uuidString.lowercased(), result: "denied", detail: "locked")
            return try await failure("Het e-mailadres of wachtwoord klopt niet.")
        }
        guard passwordMatches else {
            try await Lockout.recordFailure(user, on: req)
            try await req.audit(
                "login", object: "user", id: user.id?.uuidString.lowercased(), result: "denied",
                detail: "wrong password")
            return try await failure("Het e-mailadres of wachtwoord klopt niet.")
        }
        guard user.isActive else {
            try await req.audit(
                "login", object: "user", id: user.id?.uuidString.lowercased(), result: "denied",
                detail: "status=\(user.status?.rawValue ?? "")")
            return try await failure(
                "Dit account is geschorst of opgezegd. Neem contact op met de netwerkcoördinator.", status: .forbidden)
        }
        // A new session id at every login, so a session id planted before login is worthless (ASVS 3.2.1).
        if let old = req.currentSession { try await old.delete(on: req.db) }
        if user.needsSecondFactor {
            // The failure count is kept until the second factor succeeds, so the password cannot reset it.
            let cookie = try await startSession(req, user: user, awaitingSecondFactor: true)
            try await req.audit(
                "login.password", object: "user", id: user.id?.uuidString.lowercased(), detail: "awaiting second factor"
            )
            let response = req.redirect(to: SiteURL.secondFactor.path + returnQuery(req), redirectType: .normal)
            response.cookies[SessionPolicy.cookieName] = cookie
            return response
        }
        Lockout.reset(user)
        try await user.save(on: req.db)
        let cookie = try await startSession(req, user: user, awaitingSecondFactor: false)
        try await req.audit("login", object: "user", id: user.id?.uuidString.lowercased())
        let response = req.redirect(to: returnPath(req) ?? SiteURL.home.path, redirectType: .normal)
        response.cookies[SessionPolicy.cookieName] = cookie
        return response
    }

    /// Stores a new session and returns its cookie; a complete session also logs the user in for this request.
    static func startSession(_ req: Request, user: User, awaitingSecondFactor: Bool) async throws -> HTTPCookies.Value {
        let token = Secrets.randomToken()
        let session = UserSession(
            tokenHash: Secrets.hash(token), userID: try user.requireID(), csrfToken: Secrets.randomToken(),
            now: req.application.neig.clock.now(), awaitingSecondFactor: awaitingSecondFactor)
        try await session.create(on: req.db)
        session.$user.value = user
        req.storage[CurrentSessionKey.self] = session
        if !awaitingSecondFactor {
            req.auth.login(user)
            try await InactiveAccounts.markLogin(user, now: req.application.neig.clock.now(), on: req.db)
        }
        return HTTPCookies.Value(
            string: token, path: "/", isSecure: req.application.neig.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    static func logout(_ req: Request) async throws -> Response {
        if let session = req.currentSession {
            try await session.delete(on: req.db)
            try await req.audit("logout", object: "user", id: req.user?.id?.uuidString.lowercased())
        }
        req.auth.logout(User.self)
        let response = req.redirect(to: SiteURL.login.path, redirectType: .normal)
        response.cookies[SessionPolicy.cookieName] = .expired
        return response
    }

    /// `?terug=…` to carry the return path through the next step, or nothing.
    static func returnQuery(_ req: Request) -> String {
        SiteURL.query(returnPath(req).map { [("terug", $0)] } ?? [])
    }

    /// Only local paths, so the login form cannot be used to send people to another site or to add headers.
    static func returnPath(_ req: Request) -> String? {
        ReturnPath.validated(req.query[String.self, at: "terug"])
    }
}
