import Foundation

/// A Mastodon app registered on one instance (client secret is a secret).
package struct MastodonAppCredentials: Sendable, Equatable {
    package var instanceURL: URL
    package var clientID: String
    package var clientSecret: String
    package var redirectURI: String
    package var scopes: String

    package init(instanceURL: URL, clientID: String, clientSecret: String, redirectURI: String, scopes: String) {
        self.instanceURL = instanceURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
    }
}

/// Where Mastodon app registrations are kept, one per instance, reused across users.
/// The service stores them in `mastodon_apps` with the secret encrypted.
package protocol MastodonAppStore: Sendable {
    func app(for instanceURL: URL) async throws -> MastodonAppCredentials?
    func save(_ app: MastodonAppCredentials) async throws
    /// Forgets an app the instance no longer knows (`invalid_client`), so it is registered again.
    func remove(instanceURL: URL) async throws
}
