import AsyncHTTPClient
import ServiceLifecycle

/// Keeps the demo apps' HTTP client for the life of the service group and shuts it down
/// cleanly afterwards. Listed first in the group, so it stops after the apps that use it.
struct DemoHTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
