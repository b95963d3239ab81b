import Vapor

/// RFC 9457 problem details: the one error shape of the JSON API.
struct Problem: Content, Sendable {
    struct Item: Content, Sendable, Equatable {
        var line: Int?
        var column: String?
        var reason: String
    }

    var type: String = "about:blank"
    var title: String
    var status: Int
    var detail: String?
    var instance: String?
    /// Per-field or per-line problems of a rejected request (e.g. every bad row of an import).
    var errors: [Item]?
}

/// An error that carries user-facing text in Dutch and, optionally, a list of precise problems.
struct NEIGError: AbortError, Sendable {
    var status: HTTPResponseStatus
    var title: String
    var detail: String?
    var items: [Problem.Item]?
    var retryAfter: Int?

    var reason: String { detail ?? title }

    static func notFound(_ detail: String = "Deze pagina of dit gegeven bestaat niet, of u heeft er geen toegang toe.")
        -> NEIGError
    {
        NEIGError(status: .notFound, title: "Niet gevonden", detail: detail)
    }
    static func forbidden(_ detail: String) -> NEIGError {
        NEIGError(status: .forbidden, title: "Geen toegang", detail: detail)
    }
    static func badRequest(_ detail: String, items: [Problem.Item]? = nil) -> NEIGError {
        NEIGError(status: .badRequest, title: "Ongeldige invoer", detail: detail, items: items)
    }
    static func unprocessable(_ detail: String, items: [Problem.Item]) -> NEIGError {
        NEIGError(status: .unprocessableEntity, title: "Ongeldige invoer", detail: detail, items: items)
    }
}

/// Renders every error without internals: problem+json under `/api`, a Dutch page elsewhere.
struct ErrorRenderingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await render(error, for: request)
        }
    }

    func render(_ error: any Error, for request: Request) async -> Response {
        await auditRefusal(error, for: request)
        let response = await renderBody(error, for: request)
        if let retryAfter = (error as? NEIGError)?.retryAfter {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter))
        }
        return response
    }

    /// Refusals are evidence too: a role refused (403, CSRF included), a protected object that was not shown
    /// (404 from neig's own lookups; the router's 404 for unknown paths is not one) and a rate limit (429).
    static let refusalAudits = RateLimiter.Limit(name: "audit-refusal", maximum: 30, window: 60)

    func auditRefusal(_ error: any Error, for request: Request) async {
        guard let error = error as? NEIGError, [.forbidden, .notFound, .tooManyRequests].contains(error.status) else {
            return
        }
        let action =
            switch error.status {
            case .forbidden: error.title == "Formulier verlopen" ? "csrf.refused" : "access.refused"
            case .tooManyRequests: "rate-limit"
            default: "access.not-found"
            }
        // At most a few per address a minute: a loop of refused requests must not grow the log and keep sealing busy.
        let ip = request.remoteAddress?.ipAddress ?? "unknown"
        let over =
            (try? await RateLimiter.hit(
                Self.refusalAudits, subject: ip, now: request.application.neig.clock.now(), on: request.db)) ?? true
        guard !over else { return }
        let path = String(request.url.path.prefix(200))
        try? await request.audit(
            action, object: "request", result: "denied", detail: "\(request.method.rawValue) \(path)")
    }

    func renderBody(_ error: any Error, for request: Request) async -> Response {
        let (status, title, detail, items) = describe(error)
        if status.code >= 500 {
            request.logger.report(error: error)
        } else {
            request.logger.info(
                "request rejected", metadata: ["status": "\(status.code)", "path": "\(request.url.path)"])
        }
        // Compared as text: HTTPMediaType's == treats a browser's "*/*" as matching problem+json.
        let asksForProblem = request.headers[.accept].contains { $0.contains("application/problem+json") }
        if request.url.path.hasPrefix("/api/") || asksForProblem {
            let problem = Problem(
                title: title, status: Int(status.code), detail: detail, instance: request.url.path, errors: items)
            let response = Response(status: status)
            try? response.content.encode(problem, as: .json)
            response.headers.contentType = .problemJSON
            if status == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"neig\"")
            }
            return response
        }
        let page = ErrorView(
            status: status, title: title, detail: detail, items: items ?? [],
            context: request.pageContext
        ).document
        return (try? await HTMLPage(document: page, status: status).encodeResponse(for: request))
            ?? Response(status: status)
    }

    func describe(_ error: any Error) -> (HTTPResponseStatus, String, String?, [Problem.Item]?) {
        switch error {
        case let error as NEIGError:
            return (error.status, error.title, error.detail, error.items)
        case let error as any AbortError:
            let status = error.status
            switch status {
            case .notFound:
                return (
                    status, "Niet gevonden", "Deze pagina of dit gegeven bestaat niet, of u heeft er geen toegang toe.",
                    nil
                )
            case .unauthorized: return (status, "Niet ingelogd", "Log in om deze pagina te bekijken.", nil)
            case .forbidden: return (status, "Geen toegang", error.reason, nil)
            case .payloadTooLarge: return (status, "Bestand te groot", "Het bestand is groter dan toegestaan.", nil)
            case .unsupportedMediaType, .badRequest, .unprocessableEntity:
                return (status, "Ongeldige invoer", "Het verzoek kon niet worden gelezen: \(error.reason)", nil)
            case .methodNotAllowed: return (status, "Methode niet toegestaan", nil, nil)
            case .tooManyRequests: return (status, "Te veel verzoeken", "Probeer het over een minuut opnieuw.", nil)
            default:
                return status.code >= 500
                    ? (status, "Er ging iets mis", "Probeer het later opnieuw. De fout is gelogd.", nil)
                    : (status, status.reasonPhrase, error.reason, nil)
            }
        case is DecodingError:
            return (
                .badRequest, "Ongeldige invoer",
                "Het verzoek kon niet worden gelezen: een veld ontbreekt of heeft een verkeerd type.", nil
            )
        default:
            return (.internalServerError, "Er ging iets mis", "Probeer het later opnieuw. De fout is gelogd.", nil)
        }
    }
}
