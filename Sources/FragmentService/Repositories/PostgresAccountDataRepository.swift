import Foundation
import Logging
import Platforms
import PostgresNIO

/// `AccountDataRepository` over PostgreSQL. Deleting a connection deletes its shares, rules and
/// auto-share jobs through the schema's `ON DELETE CASCADE`; deleting the user row does the same
/// for everything else that references `users` (Migrations/0001_foundation.sql and later).
struct PostgresAccountDataRepository: AccountDataRepository {
    let client: PostgresClient
    let logger: Logger

    func connectionSummaries(userID: String) async throws -> [AccountConnectionSummary] {
        let query: PostgresQuery = """
            SELECT id, platform, platform_user_id, platform_username, display_name, scopes, extra_data::text, status, last_error,
                token_expires_at, created_at, updated_at, revoked_at
            FROM social_connections WHERE user_id = \(userID) ORDER BY id
            """
        var result: [AccountConnectionSummary] = []
        let rows = try await client.query(query, logger: logger)
        for try await c in rows.decode(
            (Int64, String, String, String?, String?, String?, String, String, String?, Date?, Date, Date, Date?).self)
        {
            result.append(
                AccountConnectionSummary(
                    id: c.0, platform: try PlatformName(stored: c.1, column: "platform"), platformUserID: c.2, username: c.3, displayName: c.4,
                    scopes: c.5.map { $0.split(separator: " ").map(String.init) } ?? [],
                    extraData: (try? JSONDecoder().decode([String: String].self, from: Data(c.6.utf8))) ?? [:],
                    status: try SocialConnection.Status(stored: c.7, column: "connection status"), lastError: c.8, tokenExpiresAt: c.9,
                    createdAt: c.10, updatedAt: c.11, disconnectedAt: c.12))
        }
        return result
    }

    func deleteAccount(userID: String) async throws {
        try await client.withTransaction(logger: logger) { connection in
            // Tables that name the person without a foreign key to `users`.
            _ = try await connection.query("DELETE FROM identity_handoffs WHERE user_id = \(userID)", logger: logger)
            _ = try await connection.query("DELETE FROM publish_events WHERE author_user_id = \(userID)", logger: logger)
            // Everything else cascades from the user row: connections (and their shares, rules and
            // jobs), sessions, OAuth states and pending connections.
            _ = try await connection.query("DELETE FROM users WHERE id = \(userID)", logger: logger)
        }
    }

    func revokeMetaAuthorization(_ selector: MetaAccountSelector, reason: String) async throws -> Int {
        let platforms = selector.platforms.map(\.rawValue)
        let id = selector.userID
        let rows: PostgresRowSequence
        switch selector.field {
        case .facebookUserID:
            rows = try await client.query(
                """
                UPDATE social_connections SET access_token_enc = NULL, refresh_token_enc = NULL, token_expires_at = NULL,
                    status = 'needs_reconnect', last_error = \(reason), last_error_at = now(), updated_at = now()
                WHERE platform = ANY(\(platforms)) AND extra_data->>'user_id' = \(id) AND revoked_at IS NULL
                RETURNING id
                """, logger: logger)
        case .platformUserID:
            rows = try await client.query(
                """
                UPDATE social_connections SET access_token_enc = NULL, refresh_token_enc = NULL, token_expires_at = NULL,
                    status = 'needs_reconnect', last_error = \(reason), last_error_at = now(), updated_at = now()
                WHERE platform = ANY(\(platforms)) AND platform_user_id = \(id) AND revoked_at IS NULL
                RETURNING id
                """, logger: logger)
        }
        var count = 0
        for try await _ in rows.decode(Int64.self) { count += 1 }
        return count
    }

    func deleteMetaData(_ selector: MetaAccountSelector, app: MetaCallbackApp, code: String) async throws -> MetaDeletionRequest {
        try await client.withTransaction(logger: logger) { connection in
            var deleted = 0
            let platforms = selector.platforms.map(\.rawValue)
            let id = selector.userID
            let rows: PostgresRowSequence
            switch selector.field {
            case .facebookUserID:
                rows = try await connection.query(
                    "DELETE FROM social_connections WHERE platform = ANY(\(platforms)) AND extra_data->>'user_id' = \(id) RETURNING id",
                    logger: logger)
            case .platformUserID:
                rows = try await connection.query(
                    "DELETE FROM social_connections WHERE platform = ANY(\(platforms)) AND platform_user_id = \(id) RETURNING id", logger: logger)
            }
            for try await _ in rows.decode(Int64.self) { deleted += 1 }
            let stored = try await connection.query(
                """
                INSERT INTO meta_deletion_requests (code, app, connections_deleted) VALUES (\(code), \(app.rawValue), \(deleted))
                RETURNING requested_at
                """, logger: logger)
            for try await requestedAt in stored.decode(Date.self) {
                return MetaDeletionRequest(code: code, app: app, connectionsDeleted: deleted, requestedAt: requestedAt)
            }
            throw PostgresRepositoryError.noRowReturned
        }
    }

    func metaDeletionRequest(code: String) async throws -> MetaDeletionRequest? {
        let rows = try await client.query(
            "SELECT code, app, connections_deleted, requested_at FROM meta_deletion_requests WHERE code = \(code)", logger: logger)
        for try await (code, app, deleted, requestedAt) in rows.decode((String, String, Int, Date).self) {
            return MetaDeletionRequest(
                code: code, app: try MetaCallbackApp(stored: app, column: "deletion request app"), connectionsDeleted: deleted,
                requestedAt: requestedAt)
        }
        return nil
    }
}
