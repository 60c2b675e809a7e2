import Logging
import ServiceLifecycle

/// Runs the blog, events and market demo apps on free loopback ports for the duration of
/// `body`, for tests in other modules (the service's fragment and webhook tests, browser tests).
///
/// - Parameters:
///   - serviceURL: base URL of the social service the apps fetch fragments from and publish to.
///   - secrets: webhook signing secret per app (apps without one send nothing).
///   - author: user id sent as `author` in publish webhooks.
///   - fragmentTimeout: limit on fetching the share-button fragment.
///   - body: receives the bound ports.
public func withRunningDemoApps<T: Sendable>(
    serviceURL: String, secrets: [DemoAppKind: String] = [:], author: String = "demo-ada",
    fragmentTimeout: Duration = .milliseconds(400), _ body: @Sendable (DemoAppPorts) async throws -> T
) async throws -> T {
    let configuration = DemoAppsConfiguration(
        serviceURL: serviceURL, host: "127.0.0.1", ports: [.blog: 0, .events: 0, .market: 0],
        secrets: secrets, author: author, fragmentTimeout: fragmentTimeout)
    let (bound, continuation) = AsyncStream.makeStream(of: (DemoAppKind, Int).self)
    var logger = Logger(label: "demo-apps")
    logger.logLevel = .error
    let services = DemoApps(configuration: configuration, logger: logger).services { kind, port in continuation.yield((kind, port)) }
    return try await withServiceGroup(services, logger: logger) {
        var ports: [DemoAppKind: Int] = [:]
        for await (kind, port) in bound {
            ports[kind] = port
            if ports.count == DemoAppKind.allCases.count { break }
        }
        guard let blog = ports[.blog], let events = ports[.events], let market = ports[.market] else {
            throw CancellationError()
        }
        return try await body(DemoAppPorts(blog: blog, events: events, market: market))
    }
}
