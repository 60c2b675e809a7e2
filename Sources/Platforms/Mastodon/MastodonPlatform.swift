import Foundation

/// Mastodon client (docs/platforms/mastodon.md): every instance is its own OAuth provider, so the app
/// registers itself once per instance (kept in `appStore`) and all calls go to a host a person
/// typed — hence `destination: .untrusted` on every request.
package struct MastodonPlatform: SocialPlatform {
    /// Scopes registered and requested on Mastodon (and unknown software): posting and
    /// `verify_credentials` (docs/platforms/mastodon.md, "Scopes").
    package static let scopes = ["write:statuses", "read:accounts"]

    /// The scopes to register and request on a server: Takahē reads the account only with
    /// plain `read`, Friendica ignores `profile`, so other known servers get `read` +
    /// `write:statuses` (docs/platforms/mastodon-servers.md, "Scopes").
    package static func scopes(for software: MastodonServer.Software) -> [String] {
        switch software {
        case .mastodon, .unknown: scopes
        case .takahe, .gotosocial, .pleroma, .akkoma, .iceshrimp, .sharkey, .friendica, .snac: ["read", "write:statuses"]
        }
    }

    package let appStore: any MastodonAppStore
    package let transport: any PlatformTransport
    /// `client_name` shown on the instance's consent page and as the post's source.
    package let clientName: String
    /// `website` sent with the app registration.
    package let website: String?
    /// Per-call timeout.
    package let timeout: Duration
    let textRulesCache: MastodonTextRulesCache
    let serverCache: MastodonServerCache

    package var name: PlatformName { .mastodon }
    /// PKCE is optional on Mastodon (4.3+, S256 only; docs/platforms/mastodon.md, "Authorization");
    /// used whenever a verifier is given.
    package var usesPKCE: Bool { true }
    /// The scopes asked of a Mastodon server; other Mastodon-API software is asked for
    /// `scopes(for:)` instead, decided when a person names their server.
    package var requestedScopes: [String] { Self.scopes }

    /// Nothing to check ahead of time: the app registers itself on each server the first time
    /// someone connects from it (docs/platforms/mastodon.md, "Checking app credentials").
    package func checkAppCredentials() async -> AppCredentialCheck {
        .notNeeded("Mastodon apps are registered on each server when the first person connects from it; there is nothing to register in advance.")
    }

    package init(
        appStore: any MastodonAppStore, transport: any PlatformTransport, clientName: String = "Rose Ash", website: String? = nil,
        timeout: Duration = .seconds(15)
    ) {
        self.appStore = appStore
        self.transport = transport
        self.clientName = clientName
        self.website = website
        self.timeout = timeout
        self.textRulesCache = MastodonTextRulesCache()
        self.serverCache = MastodonServerCache()
    }

    /// The instance's OAuth endpoints: fixed paths, so discovery is not needed
    /// (docs/platforms/mastodon.md, "Discovery").
    package static func provider(for instance: URL, scopes: [String] = scopes) -> OAuthProvider {
        OAuthProvider(
            authorizeURL: instance.appending(path: "oauth/authorize"), tokenURL: instance.appending(path: "oauth/token"),
            revokeURL: instance.appending(path: "oauth/revoke"), scopes: scopes, usesPKCE: true, clientAuthentication: .formBody)
    }

    package func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL {
        let instance = try Self.instance(of: request)
        // Which software answers decides the scopes, before the person is sent to consent.
        let scopes = Self.scopes(for: await server(instance: instance).software)
        let app = try await registeredApp(for: instance, redirectURI: request.redirectURI, scopes: scopes)
        var provider = Self.provider(for: instance, scopes: scopes)
        provider.usesPKCE = request.codeVerifier != nil
        return try provider.authorizationURL(clientID: app.clientID, request: request, platform: .mastodon)
    }

    package func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] {
        let instance = try Self.instance(of: request)
        guard let app = try await storedApp(for: instance) else {
            throw PlatformError(.invalidGrant, .mastodon, "This Mastodon server's app registration is missing; start connecting again.")
        }
        var grant = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", request.redirectURI)]
        if let verifier = request.codeVerifier { grant.append(("code_verifier", verifier)) }
        let response = try await send(
            Self.provider(for: instance).tokenRequest(grant, clientID: app.clientID, clientSecret: app.clientSecret, destination: .untrusted))
        if response.status == 401, response.decode(OAuthErrorResponse.self)?.error == "invalid_client" {
            // The instance forgot the app (pre-4.3 servers delete unused apps,
            // docs/platforms/mastodon.md, "App registration"): drop it so the next connect
            // registers a new one.
            try await forgetApp(for: instance)
            throw PlatformError(
                .invalidGrant, .mastodon, "\(instance.host ?? "The server") no longer knows this app; connect again to register it anew.")
        }
        let tokens = try OAuthErrorResponse.tokens(from: response, platform: .mastodon)
        var result: OAuthResult
        do {
            result = try await identity(accessToken: tokens.accessToken, instance: instance)
        } catch {
            // The connect failed, so nothing here will ever use this token: it must not stay
            // alive on the server (best effort; the identity error is what the person sees).
            try? await revoke(
                StoredCredentials(platformUserID: "", accessToken: tokens.accessToken, extraData: ["instance_url": instance.absoluteString]))
            throw error
        }
        result.scopes = tokens.scopes
        return [result]
    }

    /// Mastodon user tokens never expire and there is no refresh grant (docs/platforms/mastodon.md,
    /// "Token").
    package func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        throw PlatformError(.refreshNotSupported, .mastodon, "Mastodon tokens do not expire; nothing to refresh.")
    }

    package func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool {
        let instance = try Self.instance(of: credentials)
        let response = try await send(.GET, instance.appending(path: "api/v1/accounts/verify_credentials"), token: credentials.accessToken)
        if (200..<300).contains(response.status) { return true }
        if response.status == 401 || response.status == 403 || Self.saysTokenIsDead(response) { return false }
        throw Self.error(for: response, doing: "checking the connection")
    }

    /// `POST /oauth/revoke` with the app's credentials (docs/platforms/mastodon.md, "Revocation");
    /// idempotent on the server.
    package func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {
        let instance = try Self.instance(of: credentials)
        guard let app = try await storedApp(for: instance),
            let request = Self.provider(for: instance).revokeRequest(
                token: credentials.accessToken, clientID: app.clientID, clientSecret: app.clientSecret, destination: .untrusted)
        else {
            throw PlatformError(.misconfigured, .mastodon, "No app is registered on this server, so the token cannot be revoked there.")
        }
        let response = try await send(request)
        guard (200..<300).contains(response.status) else { throw OAuthErrorResponse.error(from: response, platform: .mastodon) }
    }

    static func instance(of request: ConnectRequest) throws(PlatformError) -> URL {
        guard let url = request.instanceURL else {
            throw PlatformError(.invalidInstance, .mastodon, "Choose your Mastodon server before connecting.")
        }
        return try MastodonInstance.normalize(url.absoluteString)
    }

    static func instance(of credentials: StoredCredentials) throws(PlatformError) -> URL {
        guard let text = credentials.extraData["instance_url"] else {
            throw PlatformError(.invalidInstance, .mastodon, "This Mastodon connection has no server recorded; connect it again.")
        }
        return try MastodonInstance.normalize(text)
    }
}
