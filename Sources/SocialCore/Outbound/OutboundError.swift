import Foundation

/// Why an outbound request failed.
///
/// Descriptions name the destination as scheme, host and path only: never the query string,
/// headers, request body or any token. They are shown to people (share results, Mastodon connect,
/// publish-event reasons), so they never name an address a host resolved to: that detail is in
/// `debugDescription` (what `String(reflecting:)` and the logs use) only. Two errors are equal
/// when they are the same kind, so callers and tests can write `error == .timeout`; the attached
/// URL and host are for people.
/// A response with a 4xx or 5xx status is not an error here; callers check the status.
package struct OutboundError: Error, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private enum Code: Equatable {
        case timeout, bodyTooLarge, blockedAddress, tooManyRedirects, invalidURL, unsupportedScheme
        case insecureRedirect, resolutionFailed, connectionFailed, unexpectedContentType
        case decompressionLimit, transportFailed
    }

    private let code: Code
    /// The destination as scheme, host and path (already reduced), when known.
    package private(set) var redactedURL: String?
    /// The host or address that was refused or failed, when relevant, as the URL names it.
    package private(set) var host: String?
    /// The address `host` resolved to that the policy refused: for logs, never for people.
    package private(set) var refusedAddress: String?

    private init(_ code: Code) { self.code = code }

    /// The total deadline passed (name lookup, connect, headers or body).
    package static let timeout = OutboundError(.timeout)
    /// The response body is larger than the cap for this call.
    package static let bodyTooLarge = OutboundError(.bodyTooLarge)
    /// The host is, or resolves to, an address the policy refuses (or is a non-canonical number).
    package static let blockedAddress = OutboundError(.blockedAddress)
    /// More redirects than allowed.
    package static let tooManyRedirects = OutboundError(.tooManyRedirects)
    /// The URL (or a redirect's `Location`) is not a usable absolute URL.
    package static let invalidURL = OutboundError(.invalidURL)
    /// The scheme is not http(s), or not https where https is required.
    package static let unsupportedScheme = OutboundError(.unsupportedScheme)
    /// A redirect would leave https for http while https is required.
    package static let insecureRedirect = OutboundError(.insecureRedirect)
    /// The host name did not resolve (or resolution timed out before the deadline).
    package static let resolutionFailed = OutboundError(.resolutionFailed)
    /// The connection could not be made or broke before the response completed.
    package static let connectionFailed = OutboundError(.connectionFailed)
    /// The response's `Content-Type` is not one the caller accepts.
    package static let unexpectedContentType = OutboundError(.unexpectedContentType)
    /// A compressed body inflated past its limit.
    package static let decompressionLimit = OutboundError(.decompressionLimit)
    /// The HTTP exchange failed in some other way (malformed response, TLS failure).
    package static let transportFailed = OutboundError(.transportFailed)

    /// Same kind of error, naming `url` (reduced to scheme, host and path) and optionally a host.
    func at(_ url: URL?, host: String? = nil, refusedAddress: String? = nil) -> OutboundError {
        var copy = self
        if let url { copy.redactedURL = url.redactedDescription }
        if let host { copy.host = host }
        if let refusedAddress { copy.refusedAddress = refusedAddress }
        return copy
    }

    package static func == (lhs: OutboundError, rhs: OutboundError) -> Bool { lhs.code == rhs.code }

    package var description: String {
        let what: String
        switch code {
        case .timeout: what = "timed out"
        case .bodyTooLarge: what = "response body is larger than allowed"
        case .blockedAddress: what = "\(host.map { "'\($0)'" } ?? "that address") cannot be reached from here"
        case .tooManyRedirects: what = "too many redirects"
        case .invalidURL: what = "URL is not a valid absolute http(s) URL"
        case .unsupportedScheme: what = "scheme is not allowed"
        case .insecureRedirect: what = "redirect from https to http refused"
        case .resolutionFailed: what = "host name \(host.map { "'\($0)' " } ?? "")did not resolve"
        case .connectionFailed: what = "connection failed"
        case .unexpectedContentType: what = "response content type is not accepted"
        case .decompressionLimit: what = "compressed response inflates past the limit"
        case .transportFailed: what = "HTTP exchange failed"
        }
        return "outbound request\(redactedURL.map { " to \($0)" } ?? ""): \(what)"
    }

    /// The description plus the refused address, for logs.
    package var debugDescription: String {
        description + (refusedAddress.map { " (resolved to \($0), which the address policy refuses)" } ?? "")
    }
}
