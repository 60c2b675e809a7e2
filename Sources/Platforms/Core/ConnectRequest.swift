import Foundation

/// What starting or finishing a connection needs besides the platform itself.
package struct ConnectRequest: Sendable, Equatable {
    /// The service's callback for this platform: `PUBLIC_BASE_URL/social/callback/<platform>/`.
    package var redirectURI: String
    /// Opaque, single-use state the service checks on the callback.
    package var state: String
    /// PKCE verifier (the challenge is derived from it); nil where the platform has no PKCE.
    package var codeVerifier: String?
    /// Mastodon: the normalised instance URL (`https://host`).
    package var instanceURL: URL?

    package init(redirectURI: String, state: String, codeVerifier: String? = nil, instanceURL: URL? = nil) {
        self.redirectURI = redirectURI
        self.state = state
        self.codeVerifier = codeVerifier
        self.instanceURL = instanceURL
    }
}
