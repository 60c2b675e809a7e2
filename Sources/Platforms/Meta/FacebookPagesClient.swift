import Foundation

/// Facebook Pages (docs/platforms/facebook.md): Facebook Login, then one Page token per Page the person
/// manages; posts are link posts to a Page's feed. The connected account is a Page, not the person.
package struct FacebookPagesClient: SocialPlatform {
    /// Facebook app id and secret.
    package let app: MetaAppCredentials
    /// Hosts, scopes, version and text rules.
    package let declaration: MetaLoginDeclaration
    /// The shared Graph request path.
    package let graph: MetaGraphClient

    /// Creates the client. `graphVersion` is pinned and configurable because Graph versions expire
    /// (docs/platforms/api-versions.md); `timeout` applies to every call.
    package init(app: MetaAppCredentials, transport: any PlatformTransport, graphVersion: String = "v26.0", timeout: Duration = .seconds(15)) {
        self.app = app
        self.declaration = .facebook(graphVersion: graphVersion)
        self.graph = MetaGraphClient(
            platform: .facebook, host: declaration.graphHost, version: graphVersion, transport: transport, timeout: timeout)
    }

    package var name: PlatformName { .facebook }

    /// Facebook Login has no PKCE (docs/platforms/facebook.md, "Consent").
    package var usesPKCE: Bool { false }
    package var requestedScopes: [String] { declaration.scopes }

    /// `debug_token` with the app token (docs/platforms/facebook.md, "Checking app credentials").
    package func checkAppCredentials() async -> AppCredentialCheck { await graph.checkAppToken(app) }

    package func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL {
        declaration.authorizeURL(appID: app.appID, for: request)
    }

    /// One result per Page the person can post to, for them to choose from (docs/platforms/facebook.md,
    /// "Pages and Page tokens").
    package func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] {
        let login = FacebookLogin(app: app, declaration: declaration, graph: graph)
        let session = try await login.session(code: code, redirectURI: request.redirectURI, now: Date())
        let pages: [FacebookPage]
        do throws(MetaGraphError) {
            pages = try await graph.get(
                "me/accounts", query: [("fields", "id,name,access_token,tasks"), ("limit", "100")], token: session.userToken,
                as: FacebookPageList.self
            ).value.data
        } catch {
            throw error.platformError
        }
        // The person must be able to create content on the Page (docs/platforms/facebook.md, "Consent");
        // `tasks` may be absent.
        let postable = pages.filter { $0.tasks?.contains("CREATE_CONTENT") ?? true }
        guard !postable.isEmpty else {
            throw PlatformError(
                .accountNotEligible, .facebook,
                "No Facebook Page you can post to was found. Posting needs a Page on which you can create content; personal profiles cannot be used.")
        }
        return postable.map { page in
            var extra = ["page_id": page.id]
            if let user = session.userID { extra["user_id"] = user }
            // A Page token from a long-lived user token does not expire: expiresAt nil
            // (docs/platforms/facebook.md, "Pages and Page tokens").
            return OAuthResult(
                platformUserID: page.id, displayName: page.name, accessToken: page.accessToken, expiresAt: nil,
                scopes: session.grantedScopes, extraData: extra)
        }
    }

    /// Page tokens do not expire and Facebook has no refresh tokens (docs/platforms/facebook.md, "Tokens",
    /// "Pages and Page tokens").
    package func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        throw PlatformError(
            .refreshNotSupported, .facebook,
            "Facebook Page tokens do not expire and cannot be refreshed; if the Page token stops working, reconnect the Page.")
    }

    /// Whether the Page token still works: `/me` answers as the Page; 190 means dead.
    package func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool {
        try await graph.tokenWorks(reading: "me", fields: "id,name", token: credentials.accessToken)
    }

    /// `DELETE /me/permissions` (docs/platforms/facebook.md, "Revoking") removes the app for the person, so
    /// every Page token of theirs dies. Meta describes it with the user token; the service keeps only the
    /// Page token, which the call is made with (the user token is not stored).
    package func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {
        try await graph.removeAppPermissions(token: credentials.accessToken)
    }

    package func textRules(for credentials: StoredCredentials?) async -> TextRules { declaration.textRules }

    /// The `message` of the feed post: the person's words, or the title when they wrote none. The link
    /// travels separately as `link`, and Facebook builds the card from its OG tags
    /// (docs/platforms/facebook.md, "Posting").
    package func postText(for content: ShareContent) -> String {
        if let message = content.message?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty { return message }
        return content.title
    }
}
