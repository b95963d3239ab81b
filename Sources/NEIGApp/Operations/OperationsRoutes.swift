import Fluent
import SQLKit
import Vapor

enum OperationsRoutes {
    static func register(_ app: any RoutesBuilder) {
        app.get(.health, use: health)
        app.get(.metrics, use: metrics)
        app.get(.stylesheet, use: stylesheet)
        MapRoutes.register(app)
    }

    struct Health: Content {
        var status: String
        var database: String
    }

    /// A load balancer takes the instance out of rotation when its database does not answer.
    static func health(_ req: Request) async throws -> Response {
        let response = Response(status: .ok)
        do {
            _ = try await req.sql.raw("SELECT 1 AS ok").first()
            try response.content.encode(Health(status: "ok", database: "ok"))
        } catch {
            req.logger.error("health check failed: \(String(reflecting: error))")
            response.status = .serviceUnavailable
            try response.content.encode(Health(status: "unavailable", database: "unreachable"))
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func metrics(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: req.application.neig.metrics.exposition()))
    }

    static func stylesheet(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: req.application.neig.stylesheet))
    }
}
