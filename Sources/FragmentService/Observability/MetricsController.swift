import Crypto
import Hummingbird
import Logging
import SocialCore

/// `GET /metrics`: the app's metrics in Prometheus' text format. Figures read from elsewhere
/// (queue gauges from the database, the fragment cache's totals) are brought up to date first.
///
/// With `METRICS_TOKEN` set, a scrape must send `Authorization: Bearer <token>`; the comparison
/// is of SHA-256 digests in constant time, so neither timing nor length tells anything.
struct MetricsController<Context: RequestContext>: Sendable {
    /// The Prometheus text format's media type.
    static var contentType: String { "text/plain; version=0.0.4; charset=utf-8" }

    let metrics: ServiceMetrics
    let token: String?
    /// Refreshes the figures read on scrape.
    let collect: @Sendable (Logger) async -> Void

    func addRoutes(to router: Router<Context>) {
        router.get("metrics") { request, context in try await scrape(request, context: context) }
    }

    private func scrape(_ request: Request, context: Context) async throws -> Response {
        if let token {
            let sent = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
            guard constantTimeEquals(Array(SHA256.hash(data: Array(sent.utf8))), Array(SHA256.hash(data: Array(token.utf8)))) else {
                throw RequestError.unauthenticated("Send the metrics token as a Bearer token.", challenge: "Bearer")
            }
        }
        await collect(context.logger)
        return Response(
            status: .ok, headers: [.contentType: Self.contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
    }
}
