import Foundation
import NIOHTTP1

/// One outbound HTTP call, described once; `OutboundHTTP.send` adds the User-Agent, deadline,
/// caps, sandbox rewrite and (for `.untrusted`) the address checks.
package struct OutboundRequest: Sendable {
    /// The destination as the platform or page names it (before any sandbox rewrite).
    package var url: URL
    /// The HTTP method.
    package var method: HTTPMethod
    /// Request headers. `User-Agent` is always replaced by the service's own.
    package var headers: HTTPHeaders
    /// The request body, if any.
    package var body: Data?
    /// Trusted (configuration) or untrusted (user or page chosen) destination.
    package var destination: DestinationPolicy
    /// Total time for the call, all hops included; `nil` uses the service default (15 s).
    package var timeout: Duration?
    /// Largest (decompressed) body accepted; `nil` uses the service default (2 MiB).
    package var maxBodyBytes: Int?
    /// When set, a 2xx response must have one of these media types (`text/html`, …), compared
    /// without parameters. Also sent as `Accept` unless the headers already have one.
    package var acceptedContentTypes: Set<String>?
    /// Validators from a previous fetch; sent as `If-None-Match` / `If-Modified-Since`.
    package var ifNoneMatch: String?
    /// See `ifNoneMatch`.
    package var ifModifiedSince: String?

    /// A request; every knob but the URL has a default.
    package init(
        url: URL,
        method: HTTPMethod = .GET,
        headers: HTTPHeaders = [:],
        body: Data? = nil,
        destination: DestinationPolicy = .trusted,
        timeout: Duration? = nil,
        maxBodyBytes: Int? = nil,
        acceptedContentTypes: Set<String>? = nil,
        ifNoneMatch: String? = nil,
        ifModifiedSince: String? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.destination = destination
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.acceptedContentTypes = acceptedContentTypes
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
    }
}
