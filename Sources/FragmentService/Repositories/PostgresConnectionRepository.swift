import Foundation
import Logging
import Platforms
import PostgresNIO
import SocialCore

/// `ConnectionRepository` over `social_connections`; tokens Fernet-encrypted at rest.
struct PostgresConnectionRepository: ConnectionRepository {
    let client: PostgresClient
    let fernet: Fernet
    let logger: Logger
    /// Counts refreshes by platform and result (`social_token_refreshes_total`).
    var metrics: ServiceMetrics?

    /// Every column `decode` reads, in its order; spliced into queries as SQL (a code constant).
    private static let columns = """
        id, user_id, platform, platform_user_id, platform_username, display_name, access_token_enc, refresh_token_enc,
        token_expires_at, scopes, extra_data::text, status, last_error, created_at, updated_at
        """

    func connect(userID: String, platform: PlatformName, result r: OAuthResult) async throws -> ConnectOutcome {
        let access = fernet.encrypt(r.accessToken)
        let refresh = r.refreshToken.map(fernet.encrypt)
        let extra = String(decoding: try JSONEncoder().encode(r.extraData), as: UTF8.self)
        let scopes = r.scopes.joined(separator: " ")
        // One statement: insert, or update only when the row is the same person's or was
        // disconnected; a live row of someone else returns nothing and is left untouched.
        let query: PostgresQuery = """
            INSERT INTO social_connections (user_id, platform, platform_user_id, platform_username, display_name,
                access_token_enc, refresh_token_enc, token_expires_at, scopes, extra_data)
            VALUES (\(userID), \(platform.rawValue), \(r.platformUserID), \(r.username), \(r.displayName), \(access), \(refresh),
                \(r.expiresAt), \(scopes), \(extra)::jsonb)
            ON CONFLICT (platform, platform_user_id) DO UPDATE SET user_id = EXCLUDED.user_id,
                platform_username = EXCLUDED.platform_username, display_name = EXCLUDED.display_name,
                access_token_enc = EXCLUDED.access_token_enc, refresh_token_enc = EXCLUDED.refresh_token_enc,
                token_expires_at = EXCLUDED.token_expires_at, scopes = EXCLUDED.scopes, extra_data = EXCLUDED.extra_data,
                status = 'active', last_error = NULL, last_error_at = NULL, revoked_at = NULL, updated_at = now()
            WHERE social_connections.user_id = EXCLUDED.user_id OR social_connections.revoked_at IS NOT NULL
            RETURNING id, (xmax = 0) AS inserted
            """
        let rows = try await client.query(query, logger: logger)
        var stored: (id: Int64, inserted: Bool)?
        for try await row in rows.decode((Int64, Bool).self) { stored = row }
        guard let stored else { return .ownedByAnotherUser }
        guard let connection = try await connection(id: stored.id, userID: userID) else { throw PostgresRepositoryError.noRowReturned }
        return stored.inserted ? .created(connection) : .reconnected(connection)
    }

    func connections(userID: String) async throws -> [SocialConnection] {
        let query: PostgresQuery =
            "SELECT \(unescaped: Self.columns) FROM social_connections WHERE user_id = \(userID) AND revoked_at IS NULL ORDER BY platform, display_name, id"
        var result: [SocialConnection] = []
        for try await row in try await client.query(query, logger: logger) { result.append(try decode(row)) }
        return result
    }

    func connection(id: Int64, userID: String) async throws -> SocialConnection? {
        let query: PostgresQuery =
            "SELECT \(unescaped: Self.columns) FROM social_connections WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL"
        for try await row in try await client.query(query, logger: logger) { return try decode(row) }
        return nil
    }

    func connections(ids: [Int64], userID: String) async throws -> [SocialConnection] {
        guard !ids.isEmpty else { return [] }
        let query: PostgresQuery =
            "SELECT \(unescaped: Self.columns) FROM social_connections WHERE id = ANY(\(ids)) AND user_id = \(userID) AND revoked_at IS NULL"
        var result: [SocialConnection] = []
        for try await row in try await client.query(query, logger: logger) { result.append(try decode(row)) }
        return result
    }

    func disconnect(id: Int64, userID: String) async throws -> SocialConnection? {
        try await client.withTransaction(logger: logger) { connection in
            let select: PostgresQuery =
                "SELECT \(unescaped: Self.columns) FROM social_connections WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL FOR UPDATE"
            var before: SocialConnection?
            for try await row in try await connection.query(select, logger: logger) { before = try decode(row) }
            guard let before else { return nil }
            _ = try await connection.query(
                """
                UPDATE social_connections SET revoked_at = now(), access_token_enc = NULL, refresh_token_enc = NULL, updated_at = now()
                WHERE id = \(id)
                """, logger: logger)
            return before
        }
    }

    func refreshLocked(
        id: Int64, userID: String, margin: TimeInterval, staleAccessToken: String?,
        refresh: @Sendable (StoredCredentials) async throws(PlatformError) -> OAuthResult
    ) async throws -> SocialConnection {
        // A row that cannot be read or locked, or a failed write, throws here: no refresh result to count.
        let (result, refreshError, counted) = try await refreshInTransaction(
            id: id, userID: userID, margin: margin, staleAccessToken: staleAccessToken, refresh: refresh)
        metrics?.tokenRefresh(platform: result.platform, result: counted)
        if let refreshError { throw refreshError }
        return result
    }

    /// `refreshLocked`'s transaction; also says how the refresh ended, for the metrics.
    private func refreshInTransaction(
        id: Int64, userID: String, margin: TimeInterval, staleAccessToken: String?,
        refresh: @Sendable (StoredCredentials) async throws(PlatformError) -> OAuthResult
    ) async throws -> (SocialConnection, PlatformError?, ServiceMetrics.RefreshResult) {
        try await client.withTransaction(logger: logger) { connection in
            let select: PostgresQuery =
                "SELECT \(unescaped: Self.columns) FROM social_connections WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL FOR UPDATE"
            var locked: SocialConnection?
            for try await row in try await connection.query(select, logger: logger) { locked = try decode(row) }
            guard let current = locked, let credentials = current.credentials else {
                throw PlatformError(.invalidGrant, locked?.platform ?? .mastodon, "The account is not connected any more.")
            }
            // Re-check under the lock: another request may have refreshed while we waited.
            let due = current.tokenExpiresAt.map { $0.timeIntervalSinceNow < margin } ?? false
            let stale = staleAccessToken != nil && staleAccessToken == credentials.accessToken
            guard due || stale else { return (current, nil, .alreadyFresh) }
            let fresh: OAuthResult
            do {
                fresh = try await refresh(credentials)
            } catch let error as PlatformError {
                if error.code == .invalidGrant {
                    _ = try await connection.query(
                        """
                        UPDATE social_connections SET status = 'needs_reconnect', last_error = \(error.description), last_error_at = now()
                        WHERE id = \(id)
                        """, logger: logger)
                }
                return (current, error, .init(error))
            }
            // Store the new pair before anything uses it: X has already invalidated the old one.
            let access = fernet.encrypt(fresh.accessToken)
            let refreshToken = (fresh.refreshToken ?? credentials.refreshToken).map(fernet.encrypt)
            _ = try await connection.query(
                """
                UPDATE social_connections SET access_token_enc = \(access), refresh_token_enc = \(refreshToken),
                    token_expires_at = \(fresh.expiresAt), status = 'active', last_error = NULL, last_error_at = NULL, updated_at = now()
                WHERE id = \(id)
                """, logger: logger)
            var updated = current
            updated.accessToken = fresh.accessToken
            updated.refreshToken = fresh.refreshToken ?? credentials.refreshToken
            updated.tokenExpiresAt = fresh.expiresAt
            updated.status = .active
            updated.lastError = nil
            updated.updatedAt = Date()
            return (updated, nil, .refreshed)
        }
    }

    func health(now: Date, horizon: TimeInterval) async throws -> [OperatorReport.Connections] {
        let until = now.addingTimeInterval(horizon)
        let query: PostgresQuery = """
            SELECT platform, count(*)::bigint,
                count(*) FILTER (WHERE status = 'needs_reconnect')::bigint,
                count(*) FILTER (WHERE status = 'active' AND refresh_token_enc IS NULL AND token_expires_at < \(until))::bigint
            FROM social_connections WHERE revoked_at IS NULL GROUP BY platform ORDER BY platform
            """
        var result: [OperatorReport.Connections] = []
        for try await (platform, live, reconnect, expiring) in try await client.query(query, logger: logger).decode(
            (String, Int64, Int64, Int64).self)
        {
            result.append(
                OperatorReport.Connections(
                    platform: try PlatformName(stored: platform, column: "platform"), live: Int(clamping: live),
                    needsReconnect: Int(clamping: reconnect),
                    expiringWithoutRefresh: Int(clamping: expiring)))
        }
        return result.sorted { $0.platform < $1.platform }
    }

    func dueForRenewal(platform: PlatformName, now: Date, expiringBefore: Date, unchangedSince: Date, limit: Int) async throws -> [ConnectionKey] {
        let query: PostgresQuery = """
            SELECT id, user_id FROM social_connections
            WHERE platform = \(platform.rawValue) AND revoked_at IS NULL AND status = 'active' AND access_token_enc IS NOT NULL
                AND token_expires_at > \(now) AND token_expires_at < \(expiringBefore) AND updated_at <= \(unchangedSince)
            ORDER BY token_expires_at LIMIT \(limit)
            """
        var keys: [ConnectionKey] = []
        for try await (id, userID) in try await client.query(query, logger: logger).decode((Int64, String).self) {
            keys.append(ConnectionKey(id: id, userID: userID))
        }
        return keys
    }

    func markNeedsReconnect(id: Int64, reason: String) async throws {
        try await client.query(
            """
            UPDATE social_connections SET status = 'needs_reconnect', last_error = \(reason), last_error_at = now(), updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    private func decode(_ row: PostgresRow) throws -> SocialConnection {
        let c = try row.decode(
            (Int64, String, String, String, String?, String?, String?, String?, Date?, String?, String, String, String?, Date, Date).self)
        let extra = (try? JSONDecoder().decode([String: String].self, from: Data(c.10.utf8))) ?? [:]
        return SocialConnection(
            id: c.0, userID: c.1, platform: try PlatformName(stored: c.2, column: "platform"), platformUserID: c.3, username: c.4, displayName: c.5,
            accessToken: try c.6.map { try fernet.decrypt($0) }, refreshToken: try c.7.map { try fernet.decrypt($0) }, tokenExpiresAt: c.8,
            scopes: c.9.map { $0.split(separator: " ").map(String.init) } ?? [], extraData: extra,
            status: try SocialConnection.Status(stored: c.11, column: "connection status"), lastError: c.12, createdAt: c.13, updatedAt: c.14)
    }
}
