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
            "SELECT id, display_name, signing_secret_enc, allowed_origins, feed_url FROM content_apps WHERE id = \(id)", logger: logger)
        for try await row in rows.decode((String, String, String, [String], String?).self) { return try app(row) }
        return nil
    }

    func save(_ app: ContentApp) async throws {
        let secret = fernet.encrypt(app.signingSecret)
        try await client.query(
            """
            INSERT INTO content_apps (id, display_name, signing_secret_enc, allowed_origins, feed_url)
            VALUES (\(app.id), \(app.displayName), \(secret), \(app.allowedOrigins), \(app.feedURL))
            ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name,
                signing_secret_enc = EXCLUDED.signing_secret_enc, allowed_origins = EXCLUDED.allowed_origins,
                feed_url = EXCLUDED.feed_url, updated_at = now()
            """, logger: logger)
    }

    func all() async throws -> [ContentApp] {
        let rows = try await client.query(
            "SELECT id, display_name, signing_secret_enc, allowed_origins, feed_url FROM content_apps ORDER BY id", logger: logger)
        var apps: [ContentApp] = []
        for try await row in rows.decode((String, String, String, [String], String?).self) { apps.append(try app(row)) }
        return apps
    }

    private func app(_ row: (String, String, String, [String], String?)) throws -> ContentApp {
        ContentApp(id: row.0, displayName: row.1, signingSecret: try fernet.decrypt(row.2), allowedOrigins: row.3, feedURL: row.4)
    }
}
