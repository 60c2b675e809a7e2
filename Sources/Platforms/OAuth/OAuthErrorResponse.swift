import Foundation

/// An RFC 6749 §5.2 error body, and its translation into a `PlatformError` a person can act on.
/// The description is never copied blindly: some servers echo parts of the request.
package struct OAuthErrorResponse: Decodable, Sendable {
    package var error: String
    package var errorDescription: String?

    enum CodingKeys: String, CodingKey { case error, errorDescription = "error_description" }

    /// Reads a token or revoke endpoint's answer: the decoded tokens on 2xx, otherwise a
    /// `PlatformError`. X answers a dead refresh token with `invalid_request`
    /// (docs/platforms/twitter.md, "Refresh"), so for refresh grants that code also means "reconnect".
    package static func tokens(
        from response: PlatformHTTPResponse, platform: PlatformName, refreshing: Bool = false
    ) throws(PlatformError) -> OAuthTokenResponse {
        if (200..<300).contains(response.status) {
            guard let tokens = response.decode(OAuthTokenResponse.self) else {
                throw PlatformError(.unexpectedResponse, platform, "\(platform.displayName) answered the token request with something unreadable.")
            }
            return tokens
        }
        throw error(from: response, platform: platform, refreshing: refreshing)
    }

    /// The `PlatformError` for a failed OAuth endpoint call.
    package static func error(from response: PlatformHTTPResponse, platform: PlatformName, refreshing: Bool = false) -> PlatformError {
        let name = platform.displayName
        if response.status == 429 {
            return PlatformError(.rateLimited, platform, "\(name) is rate limiting sign-in requests; try again in a few minutes.")
        }
        if response.status >= 500 {
            return PlatformError(.transient, platform, "\(name) had a server error (\(response.status)); try again shortly.")
        }
        let code = response.decode(OAuthErrorResponse.self)?.error ?? ""
        switch code {
        case "invalid_grant":
            return PlatformError(
                .invalidGrant, platform, "\(name) refused the authorization (expired, already used or revoked); connect the account again.")
        case "invalid_request" where refreshing:
            return PlatformError(.invalidGrant, platform, "\(name) no longer accepts the saved refresh token; connect the account again.")
        case "invalid_client", "unauthorized_client", "unsupported_grant_type", "unsupported_response_type":
            return PlatformError(.misconfigured, platform, "\(name) refused this service's app credentials (\(code)); check the app configuration.")
        case "invalid_scope":
            return PlatformError(.permissionMissing, platform, "\(name) refused the requested permissions.")
        case "access_denied":
            return PlatformError(.permissionMissing, platform, "The authorization on \(name) was declined.")
        case "":
            return PlatformError(.unexpectedResponse, platform, "\(name) answered the token request with HTTP \(response.status).")
        default:
            // Known-safe: the error code is a short identifier, never a token.
            return PlatformError(.invalidGrant, platform, "\(name) refused the authorization (\(code.prefix(40))); connect the account again.")
        }
    }
}
