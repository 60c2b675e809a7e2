import ServiceLifecycle
import SocialCore

/// Owns the shared outbound HTTP client for the service group: it lives as long as the
/// service and is shut down cleanly when the group stops.
struct OutboundHTTPService: Service {
    let http: OutboundHTTP

    func run() async throws {
        try? await gracefulShutdown()
        try await http.shutdown()
    }
}
