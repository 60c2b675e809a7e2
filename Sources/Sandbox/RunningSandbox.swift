import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a sandbox on a free loopback port for the duration of `body`, for tests in other
/// modules (platform clients, the service's pages). `body` receives the bound port.
public func withRunningSandbox<T: Sendable>(
    apps: [RegisteredApp] = [], _ body: @Sendable (Int) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let configuration = SandboxConfiguration(host: "127.0.0.1", port: 0, apps: apps)
    let app = buildSandboxApplication(configuration: configuration) { port in continuation.yield(port) }
    var logger = Logger(label: "social-sandbox")
    logger.logLevel = .error
    return try await withServiceGroup([app], logger: logger) {
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return try await body(port)
    }
}
