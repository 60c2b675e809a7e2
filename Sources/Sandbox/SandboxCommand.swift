import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `social-sandbox`: runs every emulated platform on one local HTTP server.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct SandboxCommand: AsyncParsableCommand {
    /// Command description shown by `--help`.
    public static let configuration = CommandConfiguration(
        commandName: "social-sandbox",
        abstract: "Local emulation of Facebook, Instagram, Threads, X, LinkedIn, Mastodon and Bluesky."
    )

    /// Address to bind.
    @Option(help: "Address to bind.") public var host: String = "127.0.0.1"
    /// Port to bind (0 picks a free one).
    @Option(help: "Port to bind (0 picks a free port).") public var port: Int = 8100

    /// Also serve the demo content apps (blog, events, market), each on its own port.
    @Flag(help: "Also serve the demo blog, events and market apps.") public var demo = false
    /// Base URL of the social service the demo apps fetch share buttons from and publish to.
    @Option(help: "Social service base URL used by the demo apps.") public var serviceURL = "http://127.0.0.1:8080"
    /// Address the demo apps bind to (and the host of their public URLs).
    @Option(help: "Address the demo apps bind to.") public var demoHost = "127.0.0.1"
    /// Port of the demo blog.
    @Option(help: "Port of the demo blog.") public var blogPort = 8201
    /// Port of the demo events app.
    @Option(help: "Port of the demo events app.") public var eventsPort = 8202
    /// Port of the demo market.
    @Option(help: "Port of the demo market.") public var marketPort = 8203

    /// Async entry point used by `main.swift`: top-level code resolves `main()` to the synchronous
    /// `ParsableCommand.main()`, which refuses async commands on Linux.
    public static func launch() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// Creates the command with default options.
    public init() {}

    /// Reads registered apps (and, with `--demo`, the demo apps' secrets) from the environment
    /// and serves until interrupted.
    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = SandboxConfiguration.fromEnvironment(environment, host: host, port: port)
        let boundHost = host
        let app = buildSandboxApplication(configuration: configuration) { port in
            print("social-sandbox listening on http://\(boundHost):\(port)/")
        }
        guard demo else {
            try await app.runService()
            return
        }
        var demoConfiguration = DemoAppsConfiguration(
            serviceURL: serviceURL, host: demoHost,
            ports: [.blog: blogPort, .events: eventsPort, .market: marketPort])
        demoConfiguration.read(environment: environment)
        let origins = demoConfiguration
        let demoApps = DemoApps(configuration: demoConfiguration).services { kind, port in
            print("demo \(kind.rawValue) listening on \(origins.origin(port: port))/")
        }
        let group = ServiceGroup(
            services: [app as any Service] + demoApps, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "social-sandbox"))
        try await group.run()
    }
}
