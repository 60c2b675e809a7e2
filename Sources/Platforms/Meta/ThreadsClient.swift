import Foundation
import SocialCore

/// Threads (docs/platforms/threads.md): its own consent window (`threads.com`), token and API host
/// (`graph.threads.com`; Meta documents `graph.threads.net` as equally valid:
/// https://developers.facebook.com/docs/threads) and its own Threads app id/secret. Posts are TEXT containers
/// with a `link_attachment` card, published in a second step.
package struct ThreadsClient: SocialPlatform {
    /// Threads app id and secret (not the Facebook pair; docs/platforms/threads.md, "Hosts and app").
    package let app: MetaAppCredentials
    /// Hosts, scopes, version and text rules.
    package let declaration: MetaLoginDeclaration
    /// The shared Graph request path, on the Threads host.
    package let graph: MetaGraphClient
    /// Container wait policy (text containers are normally ready at once, docs/platforms/threads.md,
    /// "Container states").
    package let polling: MetaContainerPolling
    /// The clock for the 24-hour refresh rule.
    package let now: @Sendable () -> Date

    /// Refresh is accepted only for tokens at least this old (docs/platforms/threads.md, "Tokens").
    package static let minimumAgeForRefresh: TimeInterval = 24 * 60 * 60

    /// Creates the client. Hosts and version are settings: `threads.net` moved to `threads.com`
    /// and the move is not verified for every flow (docs/platforms/threads.md, "Hosts and app").
    package init(
        app: MetaAppCredentials, transport: any PlatformTransport, authorizeHost: URL = URL(string: "https://threads.com")!,
        graphHost: URL = URL(string: "https://graph.threads.com")!, apiVersion: String = "v1.0", timeout: Duration = .seconds(15),
        polling: MetaContainerPolling = MetaContainerPolling(attempts: 5, interval: .seconds(1)), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.app = app
        self.declaration = .threads(authorizeHost: authorizeHost, graphHost: graphHost, graphVersion: apiVersion)
        self.graph = MetaGraphClient(platform: .threads, host: graphHost, version: apiVersion, transport: transport, timeout: timeout)
        self.polling = polling
        self.now = now
    }

    package var name: PlatformName { .threads }

    /// Threads OAuth has no PKCE (docs/platforms/threads.md, "Consent").
    package var usesPKCE: Bool { false }
    package var requestedScopes: [String] { declaration.scopes }

    /// A code exchange for a code Meta never issued (docs/platforms/threads.md, "Checking app credentials").
    package func checkAppCredentials() async -> AppCredentialCheck { await graph.checkCodeExchange(app) }

    package func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL {
        declaration.authorizeURL(appID: app.appID, for: request)
    }

    /// Code → 1-hour token → 60-day token → identity (docs/platforms/threads.md, "Tokens", "Identity").
    package func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] {
        do throws(MetaGraphError) {
            // Form body with the secret and grant_type, unversioned path (docs/platforms/threads.md, "Tokens").
            let short = try await graph.post(
                "oauth/access_token", versioned: false,
                form: [
                    ("client_id", app.appID), ("client_secret", app.appSecret), ("code", code),
                    ("grant_type", "authorization_code"), ("redirect_uri", request.redirectURI),
                ], as: MetaGraphResponses.Token.self
            ).value
            // th_exchange_token: token and secret as query parameters of a GET (docs/platforms/threads.md,
            // "Tokens").
            let long = try await graph.get(
                "access_token", versioned: false,
                query: [
                    ("grant_type", "th_exchange_token"), ("client_secret", app.appSecret),
                ], token: short.accessToken, placement: .query, as: MetaGraphResponses.Token.self
            ).value
            let issued = now()
            let me = try await graph.get("me", query: [("fields", "id,username,name")], token: long.accessToken, as: MetaGraphResponses.Profile.self)
                .value
            return [
                OAuthResult(
                    platformUserID: me.id.value, username: me.username, displayName: me.name, accessToken: long.accessToken,
                    expiresAt: long.expiresIn.flatMap { SafeDate.adding(seconds: $0, to: issued) }, scopes: declaration.scopes,
                    extraData: ["threads_user_id": me.id.value])
            ]
        } catch {
            throw error.platformError
        }
    }

    /// `th_refresh_token` (docs/platforms/threads.md, "Tokens"): only for a token at least 24 hours old and
    /// not expired; a younger token is refused before any call (its `issuedAt` decides), an expired one needs
    /// a new login.
    package func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        let current = now()
        if let expiry = credentials.expiresAt, expiry <= current {
            throw PlatformError(.invalidGrant, .threads, "The Threads token has expired and cannot be refreshed; reconnect the account.")
        }
        guard let issued = credentials.issuedAt, current.timeIntervalSince(issued) >= Self.minimumAgeForRefresh else {
            throw PlatformError(
                .refreshNotSupported, .threads,
                "Threads refreshes a token only once it is at least 24 hours old; this one is younger (or its age is unknown), so it is kept as it is."
            )
        }
        do throws(MetaGraphError) {
            let token = try await graph.get(
                "refresh_access_token", versioned: false, query: [("grant_type", "th_refresh_token")],
                token: credentials.accessToken, placement: .query, as: MetaGraphResponses.Token.self
            ).value
            return OAuthResult(
                platformUserID: credentials.platformUserID, username: credentials.username, accessToken: token.accessToken,
                expiresAt: token.expiresIn.flatMap { SafeDate.adding(seconds: $0, to: current) }, scopes: declaration.scopes,
                extraData: credentials.extraData)
        } catch {
            throw error.platformError
        }
    }

    /// Whether the token still works (`/me`; 190 means dead).
    package func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool {
        try await graph.tokenWorks(reading: "me", fields: "id", token: credentials.accessToken)
    }

    /// Threads documents no revocation endpoint (docs/platforms/threads.md, "Revoking"): nothing to call; the
    /// service deletes the stored token and the person can remove the app in Threads' settings.
    package func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {}

    package func textRules(for credentials: StoredCredentials?) async -> TextRules { declaration.textRules }

    /// At most 5 unique links, counting the link attachment (docs/platforms/threads.md, "Text and links").
    package func check(_ content: ShareContent, for credentials: StoredCredentials?) async -> PostCheck {
        let rules = declaration.textRules
        var check = PostCheck(text: postText(for: content), rules: rules)
        let links = Set(TextCounter(rules: rules).links(in: check.text) + [content.url])
        if let max = rules.maxLinks, links.count > max, !check.problems.contains(where: { $0.hasPrefix("Too many links") }) {
            check.problems.append("Too many links: at most \(max), counting the shared link.")
        }
        return check
    }

    /// The container `text`: the person's words, or the title when they wrote none. The URL goes in
    /// `link_attachment`, so it is not repeated in the text (docs/platforms/threads.md, "Posting").
    package func postText(for content: ShareContent) -> String {
        if let message = content.message?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty { return message }
        return content.title
    }
}
