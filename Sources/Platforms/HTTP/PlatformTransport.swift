import Foundation

/// Sends platform calls. The production transport wraps the service's shared outbound client
/// (one policy for timeouts, caps, User-Agent, SSRF checks and the sandbox rewrite).
package protocol PlatformTransport: Sendable {
    /// Sends `request`. Throws `TransportError` when no HTTP answer arrived; an answer with any
    /// status is returned.
    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse
    /// The platform URL behind a link a platform answered with: in sandbox mode emulated servers
    /// link to themselves through the sandbox, and this maps such a link back. Default: as is.
    func platformURL(_ url: URL) -> URL
}

extension PlatformTransport {
    package func platformURL(_ url: URL) -> URL { url }
}

/// Why no answer arrived. `mayHaveReachedServer` tells a share whether it may have posted.
package struct TransportError: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable { case timeout, connectionFailed, blockedAddress, invalidURL, bodyTooLarge, other }
    package var kind: Kind
    /// True when the request may have been delivered (sent, then the connection dropped or timed out).
    package var mayHaveReachedServer: Bool
    /// Free of secrets: at most scheme, host and path.
    package var description: String

    package init(kind: Kind, mayHaveReachedServer: Bool, description: String) {
        self.kind = kind
        self.mayHaveReachedServer = mayHaveReachedServer
        self.description = description
    }
}
