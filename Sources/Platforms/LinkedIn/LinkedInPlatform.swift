import Foundation

/// LinkedIn member client (docs/platforms/linkedin.md): OpenID Connect sign-in for identity, Share on
/// LinkedIn for posting through the versioned Posts API with an article we describe ourselves.
package struct LinkedInPlatform: SocialPlatform {
    /// OIDC identity plus member posting, the self-serve set (docs/platforms/linkedin.md, "Products
    /// and scopes").
    package static let scopes = ["openid", "profile", "w_member_social"]

    package let clientID: String
    package let clientSecret: String
    package let transport: any PlatformTransport
    /// `LinkedIn-Version` (`YYYYMM`): each lives about a year, then calls fail with 426
    /// (docs/platforms/linkedin.md, "Versioned calls"; dates in docs/platforms/api-versions.md).
    package let version: String
    /// `https://api.linkedin.com` by default.
    package let apiBase: URL
    package let provider: OAuthProvider
    /// Per-call timeout.
    package let timeout: Duration
    /// Fetches the content's image for the article thumbnail; nil posts cards without images.
    package let images: (any ShareImageLoader)?

    package var name: PlatformName { .linkedin }
    /// LinkedIn has no PKCE for this flow (docs/platforms/linkedin.md, "Authorize").
    package var usesPKCE: Bool { false }
    package var requestedScopes: [String] { provider.scopes }

    /// A code exchange for a code LinkedIn never issued, credentials in the form: 401
    /// `invalid_client` refuses them, 400 for the code accepts them (docs/platforms/linkedin.md,
    /// "Checking app credentials").
    package func checkAppCredentials() async -> AppCredentialCheck {
        await provider.checkCredentials(clientID: clientID, clientSecret: clientSecret, platform: .linkedin, using: requester)
    }

    package init(
        clientID: String, clientSecret: String, transport: any PlatformTransport, version: String = "202603",
        oauthBase: URL = URL(string: "https://www.linkedin.com")!, apiBase: URL = URL(string: "https://api.linkedin.com")!,
        timeout: Duration = .seconds(15), images: (any ShareImageLoader)? = nil
    ) {
        self.images = images
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.transport = transport
        self.version = version
        self.apiBase = apiBase
        self.timeout = timeout
        self.provider = OAuthProvider(
            authorizeURL: oauthBase.appending(path: "oauth/v2/authorization"), tokenURL: oauthBase.appending(path: "oauth/v2/accessToken"),
            revokeURL: oauthBase.appending(path: "oauth/v2/revoke"), scopes: Self.scopes, scopeSeparator: " ", usesPKCE: false,
            clientAuthentication: .formBody)
    }

    package func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL {
        try provider.authorizationURL(clientID: clientID, request: request, platform: .linkedin)
    }

    package func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] {
        let now = Date()
        let grant = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", request.redirectURI)]
        let tokens = try OAuthErrorResponse.tokens(
            from: try await send(provider.tokenRequest(grant, clientID: clientID, clientSecret: clientSecret)), platform: .linkedin)
        let member = try await userinfo(accessToken: tokens.accessToken)
        return [
            OAuthResult(
                platformUserID: member.sub, username: nil,
                displayName: member.name ?? [member.givenName, member.familyName].compactMap { $0 }.joined(separator: " "),
                accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt(from: now), scopes: tokens.scopes,
                extraData: ["author_urn": Self.authorURN(sub: member.sub)])
        ]
    }

    /// Only approved partners get refresh tokens (docs/platforms/linkedin.md, "Refresh"); everyone
    /// else reconnects before `expiresAt` (60 days).
    package func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        guard let refreshToken = credentials.refreshToken else {
            throw PlatformError(
                .refreshNotSupported, .linkedin, "LinkedIn gave this app no refresh token; reconnect before the access token expires.")
        }
        let now = Date()
        let response = try await send(
            provider.tokenRequest(
                [("grant_type", "refresh_token"), ("refresh_token", refreshToken)], clientID: clientID, clientSecret: clientSecret))
        let tokens = try OAuthErrorResponse.tokens(from: response, platform: .linkedin, refreshing: true)
        // The refresh token's TTL is fixed from first authorization: keep whatever comes back
        // (docs/platforms/linkedin.md, "Refresh").
        return OAuthResult(
            platformUserID: credentials.platformUserID, username: credentials.username, accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken ?? refreshToken, expiresAt: tokens.expiresAt(from: now), scopes: tokens.scopes,
            extraData: credentials.extraData)
    }

    package func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool {
        do {
            _ = try await userinfo(accessToken: credentials.accessToken)
            return true
        } catch let error where error.code == .invalidGrant {
            return false
        }
    }

    /// `POST /oauth/v2/revoke` with the credentials in the body (an unconfirmed endpoint:
    /// docs/platforms/linkedin.md, "Revoke").
    package func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {
        guard let request = provider.revokeRequest(token: credentials.accessToken, clientID: clientID, clientSecret: clientSecret) else { return }
        let response = try await send(request)
        guard (200..<300).contains(response.status) else { throw OAuthErrorResponse.error(from: response, platform: .linkedin) }
    }

    package func textRules(for credentials: StoredCredentials?) async -> TextRules { .linkedIn }

    /// The commentary as a reader sees it: the message, or the title without one. The link and
    /// title travel in `content.article`, so the link is not repeated in the text
    /// (docs/platforms/linkedin.md, "Posting").
    package func postText(for content: ShareContent) -> String {
        let message = content.message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return message.isEmpty ? content.title.trimmingCharacters(in: .whitespacesAndNewlines) : message
    }

    /// The member URN used as `author` (docs/platforms/linkedin.md, "Identity").
    package static func authorURN(sub: String) -> String { "urn:li:person:\(sub)" }
}
