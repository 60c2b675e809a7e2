import Hummingbird
import Logging
import NIOCore

/// Builds the sandbox server: one Hummingbird application serving every emulated platform under
/// `/{real-host}/{real-path}` plus the inspection API under `/_sandbox/`.
///
/// - Parameters:
///   - configuration: bind address, registered apps, Mastodon limits.
///   - state: state to serve; pass your own to inspect it in-process, or leave `nil`.
///   - onServerRunning: called with the bound port once listening (useful with port 0).
public func buildSandboxApplication(
    configuration: SandboxConfiguration,
    state: SandboxState? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let state = state ?? SandboxState(configuration: configuration)
    var logger = Logger(label: "social-sandbox")
    logger.logLevel = .info
    return Application(
        responder: SandboxResponder(state: state, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "social-sandbox"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
