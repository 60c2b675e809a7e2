import Foundation
import Logging
import Platforms
import PostgresNIO
import SocialCore

/// `MastodonAppStore` over `mastodon_apps`: one app per instance, client secret Fernet-encrypted.
struct PostgresMastodonAppStore: MastodonAppStore {
    let client: PostgresClient
    let fernet: Fernet
    let logger: Logger

    func app(for instanceURL: URL) async throws -> MastodonAppCredentials? {
        let key = instanceURL.absoluteString
        let rows = try await client.query(
            "SELECT client_id, client_secret_enc, redirect_uri, scopes FROM mastodon_apps WHERE instance_url = \(key)", logger: logger)
        for try await (id, secret, redirect, scopes) in rows.decode((String, String, String, String).self) {
            try await client.query("UPDATE mastodon_apps SET last_used_at = now() WHERE instance_url = \(key)", logger: logger)
            return MastodonAppCredentials(
                instanceURL: instanceURL, clientID: id, clientSecret: try fernet.decrypt(secret), redirectURI: redirect, scopes: scopes)
        }
        return nil
    }

    func save(_ app: MastodonAppCredentials) async throws {
        let secret = fernet.encrypt(app.clientSecret)
        try await client.query(
            """
            INSERT INTO mastodon_apps (instance_url, client_id, client_secret_enc, redirect_uri, scopes)
            VALUES (\(app.instanceURL.absoluteString), \(app.clientID), \(secret), \(app.redirectURI), \(app.scopes))
            ON CONFLICT (instance_url) DO UPDATE SET client_id = EXCLUDED.client_id, client_secret_enc = EXCLUDED.client_secret_enc,
                redirect_uri = EXCLUDED.redirect_uri, scopes = EXCLUDED.scopes, last_used_at = now()
            """, logger: logger)
    }

    func remove(instanceURL: URL) async throws {
        try await client.query("DELETE FROM mastodon_apps WHERE instance_url = \(instanceURL.absoluteString)", logger: logger)
    }
}
