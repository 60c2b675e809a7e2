import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The one place outbound HTTP policy lives: User-Agent, per-call deadline, body caps, the
/// sandbox rewrite, and for untrusted destinations the address checks, connection pinning and
/// hand-followed redirects that stop SSRF. Platforms and Ingest call `send`; neither builds its
/// own `HTTPClient`.
///
/// Create one with the service and call `shutdown()` when the service stops. Trusted requests
/// share one pooled `HTTPClient`; each untrusted hop uses a short-lived client on the same event
/// loop group whose `dnsOverride` pins the checked address (see `OutboundHTTP+Untrusted.swift`).
/// Nothing is retried here: a retry can post twice, so callers decide.
package final class OutboundHTTP: Sendable {
    /// Observes the remote address of every connection opened (tests assert on it).
    package typealias ConnectionObserver = @Sendable (SocketAddress?) -> Void

    /// The service-wide defaults this instance applies.
    package let settings: OutboundSettings
    let client: HTTPClient
    let eventLoopGroup: any EventLoopGroup
    let resolver: any HostResolver
    let logger: Logger
    let connectionObserver: ConnectionObserver?
    /// AsyncHTTPClient's own logs can carry full URLs, so it gets a logger that drops everything.
    static let silentLogger = Logger(label: "social.outbound.ahc", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates the shared client on `eventLoopGroup`.
    /// - Parameters:
    ///   - settings: User-Agent, sandbox, address policy and defaults.
    ///   - eventLoopGroup: where connections run; untrusted hops use the same group.
    ///   - resolver: name resolution for untrusted requests (tests pass a fake).
    ///   - logger: receives one debug line per hop: method, host, path, status, duration.
    ///   - connectionObserver: called with each new connection's remote address.
    package init(
        settings: OutboundSettings,
        eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup,
        resolver: any HostResolver = SystemHostResolver(),
        logger: Logger,
        connectionObserver: ConnectionObserver? = nil
    ) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
        self.resolver = resolver
        self.logger = logger
        self.connectionObserver = connectionObserver
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: settings.connectTimeout.timeAmount, read: nil),
            decompression: .enabled(limit: .size(settings.trustedDecompressionLimit))
        )
        Self.observe(&configuration, with: connectionObserver)
        client = HTTPClient(
            eventLoopGroup: eventLoopGroup, configuration: configuration, backgroundActivityLogger: Self.silentLogger)
    }

    /// Shuts the shared client down; call once when the service stops.
    package func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `request` and returns its status, headers and body (up to the cap).
    ///
    /// Throws `OutboundError` (or `CancellationError`); a 4xx or 5xx status is returned, not thrown.
    package func send(_ request: OutboundRequest, logger: Logger? = nil) async throws -> OutboundResponse {
        let logger = logger ?? self.logger
        let deadline = ContinuousClock.now + (request.timeout ?? settings.defaultTimeout)
        switch request.destination {
        case .trusted:
            return try await sendTrusted(request, deadline: deadline, logger: logger)
        case .untrusted(let requireHTTPS):
            return try await sendUntrusted(request, requireHTTPS: requireHTTPS, deadline: deadline, logger: logger)
        }
    }

    private func sendTrusted(
        _ request: OutboundRequest, deadline: ContinuousClock.Instant, logger: Logger
    ) async throws -> OutboundResponse {
        let url = try Self.normalized(request.url)
        let exchange = Exchange(
            url: url, method: request.method, headers: request.headers, body: request.body)
        return try await perform(exchange, request: request, on: client, deadline: deadline, logger: logger)
    }

    /// Adds the connection observer to a client configuration.
    static func observe(_ configuration: inout HTTPClient.Configuration, with observer: ConnectionObserver?) {
        guard let observer else { return }
        configuration.http1_1ConnectionDebugInitializer = { channel in
            observer(channel.remoteAddress)
            return channel.eventLoop.makeSucceededVoidFuture()
        }
        configuration.http2ConnectionDebugInitializer = { channel in
            observer(channel.remoteAddress)
            return channel.eventLoop.makeSucceededVoidFuture()
        }
    }

    /// Checks `url` is absolute http(s) with a plain host, lowercases the host and drops any
    /// user info. Hosts must be ASCII letters, digits, `-` and `.`, or an IP literal; IDNs must
    /// arrive in punycode.
    static func normalized(_ url: URL) throws -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased()
        else { throw OutboundError.invalidURL.at(url) }
        guard scheme == "http" || scheme == "https" else { throw OutboundError.unsupportedScheme.at(url) }
        guard var host = components.host, !host.isEmpty else { throw OutboundError.invalidURL.at(url) }
        host = host.lowercased()
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let plainName = bare.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        guard plainName || IPAddress(literal: bare) != nil else { throw OutboundError.invalidURL.at(url) }
        components.scheme = scheme
        components.host = host
        components.user = nil
        components.password = nil
        guard let normalized = components.url else { throw OutboundError.invalidURL.at(url) }
        return normalized
    }
}

extension Duration {
    /// The same span as a NIO `TimeAmount`.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
