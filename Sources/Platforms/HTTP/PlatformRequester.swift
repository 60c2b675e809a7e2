import Foundation

/// The request path every REST client shares: it applies the client's destination, timeout and
/// `Accept: application/json` (plus any headers the client adds to some calls), and reports a
/// missing answer either as the transport said (`sendRaw`, for calls that must know whether a post
/// may have gone out) or as a `PlatformError` in the client's words (`send`). Statuses are
/// checked by the callers.
package struct PlatformRequester: Sendable {
    /// Sends the calls.
    package var transport: any PlatformTransport
    /// Every call's timeout.
    package var timeout: Duration
    /// A fixed platform host, or one a person typed (checked against private addresses).
    package var destination: PlatformHTTPRequest.Destination
    /// Headers the client adds to a call (LinkedIn's version headers on `/rest/` calls).
    package var headers: @Sendable (PlatformHTTPRequest) -> [(String, String)]
    /// The error a call without an answer becomes.
    package var unreachable: @Sendable (TransportError, PlatformHTTPRequest) -> PlatformError

    package init(
        transport: any PlatformTransport, timeout: Duration, destination: PlatformHTTPRequest.Destination = .platform,
        headers: @escaping @Sendable (PlatformHTTPRequest) -> [(String, String)] = { _ in [] },
        unreachable: @escaping @Sendable (TransportError, PlatformHTTPRequest) -> PlatformError
    ) {
        self.transport = transport
        self.timeout = timeout
        self.destination = destination
        self.headers = headers
        self.unreachable = unreachable
    }

    /// Sends `request`; no answer is the client's `PlatformError`.
    package func send(_ request: PlatformHTTPRequest) async throws(PlatformError) -> PlatformHTTPResponse {
        do { return try await sendRaw(request) } catch { throw unreachable(error, request) }
    }

    /// Sends `request`; no answer is the transport's error as is.
    package func sendRaw(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        var request = request
        request.destination = destination
        request.timeout = timeout
        request.headers.append(("Accept", "application/json"))
        request.headers += headers(request)
        return try await transport.send(request)
    }

    /// The `Authorization` header for an OAuth bearer token (a secret: never logged).
    package static func bearer(_ token: String) -> (String, String) { ("Authorization", "Bearer " + token) }
}
