import Foundation

/// X (Twitter) client (docs/platforms/twitter.md): OAuth 2.0 authorization code with PKCE S256, a
/// confidential client authenticating with HTTP Basic, rotating refresh tokens, API v2 posts.
package struct TwitterPlatform: SocialPlatform {
    /// `tweet.read` + `users.read` are needed alongside `tweet.write` for posting and `/2/users/me`;
    /// `offline.access` yields the refresh token (docs/platforms/twitter.md, "Scopes").
    package static let scopes = ["tweet.read", "tweet.write", "users.read", "offline.access"]

    package let clientID: String
    /// nil = a public client (Native/SPA): `client_id` in the body instead of Basic
    /// (docs/platforms/twitter.md, "Token endpoint").
    package let clientSecret: String?
    package let transport: any PlatformTransport
    /// API base, default `https://api.x.com` (the legacy `api.twitter.com` may also answer;
    /// docs/platforms/twitter.md, "Hosts").
    package let apiBase: URL
    package let provider: OAuthProvider
    /// Per-call timeout.
    package let timeout: Duration

    package var name: PlatformName { .twitter }
    package var usesPKCE: Bool { true }
    package var requestedScopes: [String] { provider.scopes }

    /// A code exchange for a code X never issued, with the client's own authentication: 401
    /// `invalid_client` refuses the credentials, 400 for the code accepts them
    /// (docs/platforms/twitter.md, "Checking app credentials").
    package func checkAppCredentials() async -> AppCredentialCheck {
        await provider.checkCredentials(clientID: clientID, clientSecret: clientSecret, platform: .twitter, using: requester)
    }

    package init(
        clientID: String, clientSecret: String?, transport: any PlatformTransport,
        apiBase: URL = URL(string: "https://api.x.com")!, authorizeURL: URL = URL(string: "https://x.com/i/oauth2/authorize")!,
        timeout: Duration = .seconds(15)
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.transport = transport
        self.apiBase = apiBase
        self.timeout = timeout
        self.provider = OAuthProvider(
            authorizeURL: authorizeURL, tokenURL: apiBase.appending(path: "2/oauth2/token"), revokeURL: apiBase.appending(path: "2/oauth2/revoke"),
            scopes: Self.scopes, scopeSeparator: " ", usesPKCE: true, clientAuthentication: .basic)
    }

    /// A PKCE verifier for `ConnectRequest.codeVerifier` (PKCE is required on X:
    /// docs/platforms/twitter.md, "Authorize").
    package static func makeCodeVerifier() -> String { PKCE.makeVerifier() }

    package func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL {
        // X refuses a state longer than 500 characters (docs/platforms/twitter.md, "Authorize").
        guard request.state.count <= 500 else {
            throw PlatformError(.misconfigured, .twitter, "The connect state is longer than X's 500-character limit.")
        }
        return try provider.authorizationURL(clientID: clientID, request: request, platform: .twitter)
    }

    /// Exchanges the code at once: X codes live only 30 seconds (docs/platforms/twitter.md, "Authorize").
    package func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] {
        guard let verifier = request.codeVerifier else {
            throw PlatformError(.misconfigured, .twitter, "The PKCE verifier for this connect attempt is missing; start again.")
        }
        let grant = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", request.redirectURI), ("code_verifier", verifier)]
        let now = Date()
        let tokens = try OAuthErrorResponse.tokens(
            from: try await send(provider.tokenRequest(grant, clientID: clientID, clientSecret: clientSecret)), platform: .twitter)
        let user = try await me(accessToken: tokens.accessToken)
        return [
            OAuthResult(
                platformUserID: user.id, username: user.username, displayName: user.name.isEmpty ? user.username : user.name,
                accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt(from: now), scopes: tokens.scopes)
        ]
    }

    /// Rotating refresh (docs/platforms/twitter.md, "Refresh"): the answer carries a new refresh
    /// token and the old one is dead, so the caller must store this result before anything else
    /// refreshes.
    package func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        guard let refreshToken = credentials.refreshToken else {
            throw PlatformError(
                .refreshNotSupported, .twitter, "This X connection has no refresh token (offline.access was not granted); connect again.")
        }
        let now = Date()
        let response = try await send(
            provider.tokenRequest(
                [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], clientID: clientID, clientSecret: clientSecret))
        let tokens = try OAuthErrorResponse.tokens(from: response, platform: .twitter, refreshing: true)
        return OAuthResult(
            platformUserID: credentials.platformUserID, username: credentials.username, accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt(from: now), scopes: tokens.scopes, extraData: credentials.extraData)
    }

    package func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool {
        do {
            _ = try await me(accessToken: credentials.accessToken)
            return true
        } catch let error where error.code == .invalidGrant {
            return false
        }
    }

    /// Revokes the access token and, when present, the refresh token (docs/platforms/twitter.md, "Revoke").
    package func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {
        var tokens = [(credentials.accessToken, "access_token")]
        if let refresh = credentials.refreshToken { tokens.append((refresh, "refresh_token")) }
        for (token, hint) in tokens {
            guard let request = provider.revokeRequest(token: token, hint: hint, clientID: clientID, clientSecret: clientSecret) else { return }
            let response = try await send(request)
            guard (200..<300).contains(response.status) else { throw OAuthErrorResponse.error(from: response, platform: .twitter) }
        }
    }

    package func textRules(for credentials: StoredCredentials?) async -> TextRules { .twitter }

    /// The message (or, without one, the title), a space, the link; X builds the card
    /// (docs/platforms/twitter.md, "Link cards").
    package func postText(for content: ShareContent) -> String {
        let message = content.message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let lead = message.isEmpty ? content.title.trimmingCharacters(in: .whitespacesAndNewlines) : message
        return lead.isEmpty ? content.url : lead + " " + content.url
    }
}
