import Prometheus
import Vapor

/// Prometheus metrics of this process: requests by route and status, latency, imported rows.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)
    ]

    func recordRequest(route: String, method: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            name: "neig_http_requests_total",
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            name: "neig_http_request_duration_seconds", labels: [("route", route)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    func recordImport(_ summary: IncidentStore.ImportSummary) {
        for (result, count) in [
            ("inserted", summary.inserted), ("already_present", summary.alreadyPresent),
            ("rejected", summary.rejected)
        ] where count > 0 {
            registry.makeCounter(name: "neig_imported_rows_total", labels: [("result", result)]).increment(
                by: Int64(count))
        }
    }

    func exposition() -> String { registry.emitToString() }
}

struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        // The route pattern, not the raw path, keeps the number of series bounded.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        request.application.neig.metrics.recordRequest(
            route: route, method: request.method.rawValue,
            status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }
}
