import Foundation

/// One outbound call a platform client makes, addressed to the platform's real host. The
/// transport applies the service's outbound policy (sandbox rewrite, timeouts, caps, SSRF checks).
package struct PlatformHTTPRequest: Sendable {
    package enum Method: String, Sendable { case GET, POST, PUT, DELETE }

    /// Whether the destination is a fixed platform host or one a person typed (a Mastodon
    /// instance), which must pass the address checks.
    package enum Destination: Sendable, Equatable {
        case platform
        case untrusted
    }

    package var method: Method
    package var url: URL
    /// Header names and values. Authorization headers are secrets: never logged.
    package var headers: [(String, String)]
    package var body: Data?
    package var destination: Destination
    package var timeout: Duration

    package init(
        _ method: Method, _ url: URL, headers: [(String, String)] = [], body: Data? = nil, destination: Destination = .platform,
        timeout: Duration = .seconds(15)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.destination = destination
        self.timeout = timeout
    }

    /// A form-encoded body (`application/x-www-form-urlencoded`).
    package static func form(
        _ method: Method = .POST, _ url: URL, _ fields: [(String, String)], headers: [(String, String)] = [], destination: Destination = .platform
    ) -> PlatformHTTPRequest {
        PlatformHTTPRequest(
            method, url, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Data(FormEncoding.encode(fields).utf8), destination: destination)
    }

    /// A JSON body.
    package static func json(
        _ method: Method = .POST, _ url: URL, _ object: some Encodable, headers: [(String, String)] = [], destination: Destination = .platform
    ) throws -> PlatformHTTPRequest {
        PlatformHTTPRequest(
            method, url, headers: [("Content-Type", "application/json")] + headers, body: try JSONEncoder().encode(object), destination: destination)
    }
}
