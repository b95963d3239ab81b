import Fluent
import NEIGCore
import Vapor

/// "Mijn account": who you are in neig, the state of your second factor, and new recovery codes when the
/// old ones run out (which asks for a current code first, so a left-open browser cannot take them).
enum AccountPageRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.account, use: show)
        routes.post(.accountRecoveryCodes, use: renewRecoveryCodes)
    }

    static func show(_ req: Request) async throws -> Response {
        try await page(req, error: nil, status: .ok)
    }

    static func page(_ req: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.requireUser()
        let unused =
            user.totpSecret == nil
            ? nil : try await SecondFactor.unusedRecoveryCodes(of: try user.requireID(), on: req.db)
        let profile = try await MemberProfile.query(on: req.db).with(\.$expertiseRows).filter(
            \.$user.$id == user.requireID()
        ).first()
        let view = AccountView(
            context: req.pageContext, user: user, unusedRecoveryCodes: unused, error: error, profile: profile,
            expertise: try profile?.expertise)
        return try await HTMLPage(document: view.document, status: status).encodeResponse(for: req)
    }

    static func renewRecoveryCodes(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let secret = user.totpSecret else {
            return try await page(
                req, error: "Tweestapsverificatie staat voor uw account niet aan.", status: .unprocessableEntity)
        }
        let code = (try req.content.decode(SecondFactorRoutes.CodeForm.self).code ?? "")
        let now = req.application.neig.clock.now()
        let userID = try user.requireID()
        try await Lockout.limitCodeAttempts(user, on: req)
        if Lockout.isLocked(user, now: now) { return try await Lockout.endSession(req) }
        guard
            let counter = SecondFactor.acceptedCounter(
                code: code, secret: secret, usedCounter: user.totpUsedCounter, now: now)
        else {
            try await req.audit(
                "recovery-codes.renew", object: "user", id: userID.uuidString.lowercased(), result: "denied",
                detail: "wrong code")
            if try await Lockout.recordFailure(user, on: req) { return try await Lockout.endSession(req) }
            return try await page(
                req, error: "De code klopt niet of is al gebruikt. Wacht op de volgende code uit de app.",
                status: .unprocessableEntity)
        }
        user.totpUsedCounter = counter
        try await user.save(on: req.db)
        let codes = try await SecondFactor.replaceRecoveryCodes(of: userID, on: req.db)
        try await req.audit("recovery-codes.renew", object: "user", id: userID.uuidString.lowercased())
        let view = RecoveryCodesView(
            context: req.pageContext, codes: codes, continueTo: SiteURL.account.path, afterEnrolment: false)
        return try await HTMLPage(document: view.document).encodeResponse(for: req)
    }
}
