import Foundation

/// What starting or finishing a connection needs besides the platform itself.
package struct ConnectRequest: Sendable, Equatable {
    /// The service's callback for this platform: `PUBLIC_BASE_URL/social/callback/<platform>/`.
    package var redirectURI: String
    /// Opaque, single-use state the service checks on the callback.
    package var state: String
    /// PKCE verifier (the challenge is derived from it); nil where the platform has no PKCE.
    package var codeVerifier: String?
    /// Mastodon: the normalised instance URL (`https://host`). Bluesky: the authorization server's
    /// issuer that `BlueskyPlatform.prepareAuthorization(hint:)` found, kept with the state so the
    /// callback goes back to the same server.
    package var instanceURL: URL?
    /// Bluesky: the handle or DID the person typed (sent as `login_hint`); nil elsewhere.
    package var accountHint: String?
    /// Bluesky: the callback's `iss` parameter, exactly as it arrived; the client checks it names
    /// the issuer in `instanceURL`. nil when the callback had none (refused for Bluesky).
    package var callbackIssuer: String?

    package init(
        redirectURI: String, state: String, codeVerifier: String? = nil, instanceURL: URL? = nil, accountHint: String? = nil,
        callbackIssuer: String? = nil
    ) {
        self.redirectURI = redirectURI
        self.state = state
        self.codeVerifier = codeVerifier
        self.instanceURL = instanceURL
        self.accountHint = accountHint
        self.callbackIssuer = callbackIssuer
    }
}
