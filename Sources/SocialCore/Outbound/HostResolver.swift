/// Turns a host name into the addresses it currently resolves to.
///
/// Untrusted requests resolve names through this protocol, check every answer against the
/// `AddressPolicy`, then pin the connection to a checked address. Tests supply a fake that maps
/// names such as `internal.example` to fixed addresses without touching real DNS.
package protocol HostResolver: Sendable {
    /// Every address `host` resolves to for a TCP connection to `port`.
    /// Throws `OutboundError.resolutionFailed` when there are none and `.timeout` after `timeout`.
    func resolve(host: String, port: Int, timeout: Duration) async throws -> [IPAddress]
}
