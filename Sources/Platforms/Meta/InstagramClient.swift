import Foundation

/// Instagram professional accounts through **Facebook Login** (docs/platforms/instagram.md, "Facebook Login"):
/// the Facebook app, dialog and Graph host; the connected account is the Business/Creator account
/// linked to one of the person's Pages, published to with the Facebook user token.
package struct InstagramClient: SocialPlatform {
    /// The Facebook app id and secret (this setup uses the Facebook app, docs/platforms/instagram.md,
    /// "Facebook Login").
    package let app: MetaAppCredentials
    /// Hosts, scopes, version and text rules.
    package let declaration: MetaLoginDeclaration
    /// The shared Graph request path on `graph.facebook.com`.
    package let graph: MetaGraphClient
    /// Container wait policy.
    package let polling: MetaContainerPolling

    /// Creates the client. `graphVersion` is pinned and configurable (docs/platforms/api-versions.md).
    package init(
        app: MetaAppCredentials, transport: any PlatformTransport, graphVersion: String = "v26.0", timeout: Duration = .seconds(15),
        polling: MetaContainerPolling = MetaContainerPolling()
    ) {
        self.app = app
        self.declaration = .instagram(graphVersion: graphVersion)
        self.graph = MetaGraphClient(platform: .instagram, host: declaration.graphHost, version: graphVersion, transport: transport, timeout: timeout)
        self.polling = polling
    }

    package var name: PlatformName { .instagram }

    /// Facebook Login has no PKCE (docs/platforms/facebook.md, "Consent").
    package var usesPKCE: Bool { false }
    package var requestedScopes: [String] { declaration.scopes }

    /// The Facebook app's check, `debug_token` with the app token (docs/platforms/instagram.md,
    /// "Checking app credentials").
    package func checkAppCredentials() async -> AppCredentialCheck { await graph.checkAppToken(app) }

    package func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL {
        declaration.authorizeURL(appID: app.appID, for: request)
    }

    /// Facebook Login, then one result per professional account linked to the person's Pages
    /// (docs/platforms/instagram.md, "Facebook Login").
    package func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] {
        let login = FacebookLogin(app: app, declaration: declaration, graph: graph)
        let session = try await login.session(code: code, redirectURI: request.redirectURI, now: Date())
        do {
            let pages = try await graph.get(
                "me/accounts", query: [("fields", "id,name,instagram_business_account"), ("limit", "100")], token: session.userToken,
                as: InstagramPageList.self
            ).value.data
            let linked = try InstagramPageList.linkedAccounts(in: pages)
            var results: [OAuthResult] = []
            for (pageID, igID) in linked {
                let account = try await graph.get(
                    igID, query: [("fields", "id,username,name")], token: session.userToken, as: MetaGraphResponses.Profile.self
                ).value
                var extra = ["ig_user_id": igID, "page_id": pageID]
                if let user = session.userID { extra["user_id"] = user }
                results.append(
                    OAuthResult(
                        platformUserID: igID, username: account.username, displayName: account.name, accessToken: session.userToken,
                        expiresAt: session.expiresAt, scopes: session.grantedScopes, extraData: extra))
            }
            return results
        } catch let error as MetaGraphError {
            throw error.platformError
        } catch let error as PlatformError {
            throw error
        } catch {
            throw PlatformError(.unexpectedResponse, .instagram, "Unexpected failure while looking up Instagram accounts.")
        }
    }

    /// Variant B tokens are Facebook user tokens: not refreshable; reconnect after ~60 days
    /// (docs/platforms/instagram.md, "Facebook Login"). `ig_refresh_token` belongs to Instagram Login only.
    package func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        throw PlatformError(
            .refreshNotSupported, .instagram,
            "Instagram connected through Facebook Login cannot be refreshed; reconnect the account before the token expires (about 60 days).")
    }

    /// Whether the token still reaches the account (`GET /{ig-user-id}`; 190 means dead).
    package func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool {
        let igID = credentials.extraData["ig_user_id"] ?? credentials.platformUserID
        return try await graph.tokenWorks(reading: igID, fields: "id", token: credentials.accessToken)
    }

    /// `DELETE /me/permissions` with the user token (docs/platforms/instagram.md, "Revoking").
    package func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {
        try await graph.removeAppPermissions(token: credentials.accessToken)
    }

    package func textRules(for credentials: StoredCredentials?) async -> TextRules { declaration.textRules }

    /// Every feed post needs an image (docs/platforms/instagram.md, "Posting").
    package func check(_ content: ShareContent, for credentials: StoredCredentials?) async -> PostCheck {
        let hasImage = content.imageURL.map { !$0.isEmpty } ?? false
        return PostCheck(text: postText(for: content), rules: declaration.textRules, extra: hasImage ? [] : [Self.needsImage])
    }

    static let needsImage = "Instagram posts need an image, and this item has none."

    /// The caption: the person's words, the title and the URL on separate lines. Links in Instagram
    /// captions are plain text and **not clickable** (docs/platforms/instagram.md, "Captions"), so the URL is
    /// there for people to read or copy.
    package func postText(for content: ShareContent) -> String {
        var lines: [String] = []
        if let message = content.message?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty { lines.append(message) }
        lines.append(content.title)
        lines.append(content.url)
        return lines.joined(separator: "\n\n")
    }
}
