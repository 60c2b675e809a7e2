import Hummingbird

/// Counts every request by route pattern, method and status, and times it
/// (`social_http_requests_total`, `social_http_request_duration_seconds`).
///
/// Hummingbird's own `MetricsMiddleware` records into the process-wide swift-metrics backend;
/// this one records into the app's `ServiceMetrics`, so each test app reads only its own
/// figures, and it labels by the route pattern (`/fragments/{name}`), never the raw path: a
/// request no route matched is `not_found`, one refused before routing (bad input) `unrouted`.
/// Placed first, it sees the status the error middleware finally answered with.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: Int(response.status.code), duration: clock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context: context, status: Int(status), duration: clock.now - start)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, duration: Duration) {
        let route: String
        switch context.endpointPath {
        case nil: route = "unrouted"
        case "NotFound": route = "not_found"
        case let path?: route = path
        }
        metrics.request(route: route, method: request.method.rawValue, status: status, duration: duration)
    }
}
