import Foundation
import Logging
import PostgresNIO
import SocialCore

/// `ContentAppRepository` over `content_apps`; signing secrets are Fernet-encrypted at rest.
struct PostgresContentAppRepository: ContentAppRepository {
    let client: PostgresClient
    let fernet: Fernet
    let logger: Logger

    func find(id: String) async throws -> ContentApp? {
        let rows = try await client.query(
            "SELECT id, display_name, signing_secret_enc, allowed_origins, feed_url, feed_content_type FROM content_apps WHERE id = \(id)",
            logger: logger)
        for try await row in rows.decode((String, String, String, [String], String?, String).self) { return try app(row) }
        return nil
    }

    func save(_ app: ContentApp) async throws {
        let secret = fernet.encrypt(app.signingSecret)
        try await client.query(
            """
            INSERT INTO content_apps (id, display_name, signing_secret_enc, allowed_origins, feed_url, feed_content_type)
            VALUES (\(app.id), \(app.displayName), \(secret), \(app.allowedOrigins), \(app.feedURL), \(app.feedContentType))
            ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name,
                signing_secret_enc = EXCLUDED.signing_secret_enc, allowed_origins = EXCLUDED.allowed_origins,
                feed_url = EXCLUDED.feed_url, feed_content_type = EXCLUDED.feed_content_type, updated_at = now()
            """, logger: logger)
    }

    func all() async throws -> [ContentApp] {
        let rows = try await client.query(
            "SELECT id, display_name, signing_secret_enc, allowed_origins, feed_url, feed_content_type FROM content_apps ORDER BY id", logger: logger)
        var apps: [ContentApp] = []
        for try await row in rows.decode((String, String, String, [String], String?, String).self) { apps.append(try app(row)) }
        return apps
    }

    private func app(_ row: (String, String, String, [String], String?, String)) throws -> ContentApp {
        ContentApp(
            id: row.0, displayName: row.1, signingSecret: try fernet.decrypt(row.2), allowedOrigins: row.3, feedURL: row.4,
            feedContentType: row.5)
    }

    func feedSubscriptions() async throws -> [FeedSubscription] {
        let rows = try await client.query(
            """
            SELECT id, display_name, signing_secret_enc, allowed_origins, feed_url, feed_content_type,
                   feed_etag, feed_last_modified, created_at, feed_polled_at
            FROM content_apps WHERE feed_url IS NOT NULL ORDER BY id
            """, logger: logger)
        var result: [FeedSubscription] = []
        for try await c in rows.decode((String, String, String, [String], String?, String, String?, String?, Date, Date?).self) {
            let app = try app((c.0, c.1, c.2, c.3, c.4, c.5))
            result.append(
                FeedSubscription(app: app, feedURL: c.4 ?? "", etag: c.6, lastModified: c.7, registeredAt: c.8, polledAt: c.9))
        }
        return result
    }

    func recordFeedPoll(appID: String, etag: String?, lastModified: String?) async throws {
        try await client.query(
            """
            UPDATE content_apps SET feed_etag = \(etag), feed_last_modified = \(lastModified), feed_polled_at = now()
            WHERE id = \(appID)
            """, logger: logger)
    }
}
