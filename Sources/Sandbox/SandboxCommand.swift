import ArgumentParser
import Foundation
import Hummingbird

/// `social-sandbox`: runs every emulated platform on one local HTTP server.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct SandboxCommand: AsyncParsableCommand {
    /// Command description shown by `--help`.
    public static let configuration = CommandConfiguration(
        commandName: "social-sandbox",
        abstract: "Local emulation of Facebook, Instagram, Threads, X, LinkedIn and Mastodon."
    )

    /// Address to bind.
    @Option(help: "Address to bind.") public var host: String = "127.0.0.1"
    /// Port to bind (0 picks a free one).
    @Option(help: "Port to bind (0 picks a free port).") public var port: Int = 8100

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

    /// Reads registered apps from the environment and serves until interrupted.
    public func run() async throws {
        let configuration = SandboxConfiguration.fromEnvironment(
            ProcessInfo.processInfo.environment, host: host, port: port)
        let boundHost = host
        let app = buildSandboxApplication(configuration: configuration) { port in
            print("social-sandbox listening on http://\(boundHost):\(port)/")
        }
        try await app.runService()
    }
}
