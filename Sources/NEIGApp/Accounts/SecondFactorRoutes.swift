import Fluent
import NEIGCore
import NEIGFormats
import Vapor

/// The second login step: enrolment of an authenticator app on first use, afterwards a TOTP code or a
/// recovery code. Failed codes count towards the same lockout as wrong passwords.
enum SecondFactorRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.secondFactor, use: show)
        routes.post(.secondFactor, use: verify)
    }

    struct CodeForm: Content {
        var code: String?
    }

    /// The session that passed the password step, with its user; nil sends the visitor back to the login page.
    static func pendingLogin(_ req: Request) -> (session: UserSession, user: User)? {
        guard let session = req.currentSession, session.isAwaitingSecondFactor, let user = session.$user.value else {
            return nil
        }
        return (session, user)
    }

    static func show(_ req: Request) async throws -> Response {
        guard let (session, user) = pendingLogin(req) else {
            return req.redirect(to: req.user == nil ? SiteURL.login.path : SiteURL.home.path)
        }
        return try await page(req, session: session, user: user, status: .ok, error: nil)
    }

    static func verify(_ req: Request) async throws -> Response {
        guard let (session, user) = pendingLogin(req) else {
            return req.redirect(to: req.user == nil ? SiteURL.login.path : SiteURL.home.path)
        }
        let code = (try req.content.decode(CodeForm.self).code ?? "").trimmingCharacters(in: .whitespaces)
        let now = req.application.neig.clock.now()
        let userID = try user.requireID()
        let auditID = userID.uuidString.lowercased()
        // A lock set after this session was opened (by guesses elsewhere) ends it too.
        if Lockout.isLocked(user, now: now) {
            try await session.delete(on: req.db)
            req.storage[CurrentSessionKey.self] = nil
            try await req.audit("login", object: "user", id: auditID, result: "denied", detail: "locked (second step)")
            return try await lockedPage(req, email: user.email)
        }
        try await Lockout.limitCodeAttempts(user, on: req)

        if user.totpSecret == nil {
            guard let secret = session.totpEnrolmentSecret,
                let counter = SecondFactor.acceptedCounter(code: code, secret: secret, usedCounter: nil, now: now)
            else {
                try await req.audit(
                    "second-factor.enrol", object: "user", id: auditID, result: "denied", detail: "wrong code")
                return try await page(
                    req, session: session, user: user, status: .unprocessableEntity,
                    error:
                        "De code klopt niet. Typ de zes cijfers die de app nu toont; controleer ook of de tijd van uw telefoon goed staat."
                )
            }
            user.totpSecret = secret
            user.totpUsedCounter = counter
            let recoveryCodes = try await SecondFactor.replaceRecoveryCodes(of: userID, on: req.db)
            try await req.audit("second-factor.enrol", object: "user", id: auditID)
            let cookie = try await completeLogin(req, user: user, pending: session, method: "totp (enrolled)")
            let view = RecoveryCodesView(
                context: req.pageContext, codes: recoveryCodes,
                continueTo: AccountRoutes.returnPath(req) ?? SiteURL.home.path,
                afterEnrolment: true)
            let response = try await HTMLPage(document: view.document).encodeResponse(for: req)
            response.cookies[SessionPolicy.cookieName] = cookie
            return response
        }

        let method: String
        if let counter = SecondFactor.acceptedCounter(
            code: code, secret: user.totpSecret ?? "", usedCounter: user.totpUsedCounter, now: now)
        {
            user.totpUsedCounter = counter
            method = "totp"
        } else if try await SecondFactor.redeemRecoveryCode(code, userID: userID, now: now, on: req.db) {
            method = "recovery code"
        } else {
            if try await Lockout.recordFailure(user, on: req) {
                req.storage[CurrentSessionKey.self] = nil
                try await req.audit(
                    "login", object: "user", id: auditID, result: "denied", detail: "wrong second factor; locked")
                return try await lockedPage(req, email: user.email)
            }
            try await req.audit("login", object: "user", id: auditID, result: "denied", detail: "wrong second factor")
            return try await page(
                req, session: session, user: user, status: .unauthorized,
                error: "De code klopt niet of is al gebruikt. Wacht op de volgende code of gebruik een herstelcode.")
        }
        let cookie = try await completeLogin(req, user: user, pending: session, method: method)
        let response = req.redirect(to: AccountRoutes.returnPath(req) ?? SiteURL.home.path, redirectType: .normal)
        response.cookies[SessionPolicy.cookieName] = cookie
        return response
    }

    /// Whoever reaches the second step knows the password, so saying that the account is locked reveals nothing new.
    static func lockedPage(_ req: Request, email: String) async throws -> Response {
        let view = LoginView(
            context: req.pageContext, email: email,
            message:
                "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.",
            returnTo: nil)
        let response = try await HTMLPage(document: view.document, status: .tooManyRequests).encodeResponse(for: req)
        response.cookies[SessionPolicy.cookieName] = .expired
        return response
    }

    /// Replaces the half-authenticated session by a new, complete one (a fresh id after every privilege change,
    /// ASVS 3.2.1) and returns its cookie.
    static func completeLogin(_ req: Request, user: User, pending: UserSession, method: String) async throws
        -> HTTPCookies.Value
    {
        Lockout.reset(user)
        try await user.save(on: req.db)
        try await pending.delete(on: req.db)
        let cookie = try await AccountRoutes.startSession(req, user: user, awaitingSecondFactor: false)
        try await req.audit(
            "login", object: "user", id: user.id?.uuidString.lowercased(), detail: "second factor: \(method)")
        return cookie
    }

    static func page(_ req: Request, session: UserSession, user: User, status: HTTPResponseStatus, error: String?)
        async throws -> Response
    {
        let action = SiteURL.secondFactor.path + AccountRoutes.returnQuery(req)
        if user.totpSecret != nil {
            let view = SecondFactorView(context: req.pageContext, action: action, error: error)
            return try await HTMLPage(document: view.document, status: status).encodeResponse(for: req)
        }
        let secret: String
        if let existing = session.totpEnrolmentSecret {
            secret = existing
        } else {
            secret = SecondFactor.newSecret()
            session.totpEnrolmentSecret = secret
            try await session.save(on: req.db)
        }
        let qr = try QRCode.encode(SecondFactor.otpauthURI(secret: secret, email: user.email))
        let view = EnrolmentView(
            context: req.pageContext, action: action, secret: SecondFactor.displaySecret(secret), qrCode: qr,
            error: error)
        return try await HTMLPage(document: view.document, status: status).encodeResponse(for: req)
    }
}
