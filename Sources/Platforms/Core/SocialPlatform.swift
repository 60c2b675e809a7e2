import Foundation

/// One platform's client: OAuth, refresh, posting, verification and revocation.
/// Clients address the platform's real hosts; the transport handles sandbox rewriting.
package protocol SocialPlatform: Sendable {
    /// Which platform this is.
    var name: PlatformName { get }
    /// Whether the authorization request carries a PKCE challenge.
    var usesPKCE: Bool { get }
    /// The exact scopes the connect flow asks for, in the order the authorize URL lists them, so an
    /// operator can register (or request review of) the same set with the platform.
    var requestedScopes: [String] { get }

    /// Whether the platform accepts this deployment's app id and secret, asked without any
    /// person's token. Never throws; the answer never carries the secret.
    func checkAppCredentials() async -> AppCredentialCheck

    /// The URL to send the person's browser to for consent (may register an app first: Mastodon).
    func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL

    /// Exchanges the callback's code for tokens and identity. Facebook may return several
    /// accounts (one per Page) for the person to choose from.
    func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult]

    /// A fresh token pair. X rotates refresh tokens: store the result before anything else uses it.
    func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult

    /// Posts the link. Never throws: every outcome, including "maybe posted", is a `ShareResult`.
    func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult

    /// Whether the token still works.
    func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool

    /// Revokes the token at the platform (best effort for the caller).
    func revoke(_ credentials: StoredCredentials) async throws(PlatformError)

    /// How this account's posts are counted (Mastodon reads the instance's limits).
    func textRules(for credentials: StoredCredentials?) async -> TextRules

    /// The text that `share` will post for `content`, so the share page can count it.
    func postText(for content: ShareContent) -> String

    /// Whether this account's platform can take `content`, and if not, why: the one answer the
    /// share page shows and `share` refuses with. The default checks the post text against
    /// `textRules(for:)`; a platform with more rules (an image, a link count) adds them.
    func check(_ content: ShareContent, for credentials: StoredCredentials?) async -> PostCheck
}

extension SocialPlatform {
    package func check(_ content: ShareContent, for credentials: StoredCredentials?) async -> PostCheck {
        PostCheck(text: postText(for: content), rules: await textRules(for: credentials))
    }
}
