import Logging
import PostgresNIO
import SocialCore

/// Re-encrypts every stored secret with the first key of `SOCIAL_ENCRYPTION_KEY`, in batches,
/// each batch in its own transaction with its rows locked, so a running service never sees a
/// half-written row and a crash leaves every value readable by one of the configured keys.
struct SecretRotator: Sendable {
    /// What was re-encrypted.
    struct Report: Sendable, Equatable {
        var connections = 0
        var mastodonApps = 0
        var contentApps = 0
    }

    let client: PostgresClient
    let fernet: Fernet
    let logger: Logger
    var batchSize = 100

    func rotate() async throws -> Report {
        var report = Report()
        var lastID: Int64 = 0
        while true {
            let (count, last) = try await rotateConnections(after: lastID)
            report.connections += count
            guard let last else { break }
            lastID = last
        }
        for (table, key, column, path) in [
            ("mastodon_apps", "instance_url", "client_secret_enc", \Report.mastodonApps),
            ("content_apps", "id", "signing_secret_enc", \Report.contentApps),
        ] {
            var lastKey = ""
            while true {
                let (count, last) = try await rotateSingleSecret(table: table, key: key, column: column, after: lastKey)
                report[keyPath: path] += count
                guard let last else { break }
                lastKey = last
            }
        }
        return report
    }

    /// Rotates one batch of connection tokens; returns how many changed and the last id seen.
    private func rotateConnections(after lastID: Int64) async throws -> (Int, Int64?) {
        try await client.withTransaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT id, access_token_enc, refresh_token_enc FROM social_connections
                WHERE id > \(lastID) ORDER BY id LIMIT \(batchSize) FOR UPDATE
                """, logger: logger)
            var batch: [(Int64, String?, String?)] = []
            for try await row in rows.decode((Int64, String?, String?).self) { batch.append(row) }
            var changed = 0
            for (id, access, refresh) in batch {
                let newAccess = try access.map(reencrypt)
                let newRefresh = try refresh.map(reencrypt)
                guard newAccess != access || newRefresh != refresh else { continue }
                _ = try await connection.query(
                    """
                    UPDATE social_connections SET access_token_enc = \(newAccess), refresh_token_enc = \(newRefresh)
                    WHERE id = \(id)
                    """, logger: logger)
                changed += 1
            }
            return (changed, batch.last?.0)
        }
    }

    /// Rotates one batch of a single-secret table keyed by text. `table`, `key` and `column` are
    /// code constants from `rotate()`, never input, which is why they are spliced in unescaped.
    private func rotateSingleSecret(table: String, key: String, column: String, after lastKey: String) async throws -> (Int, String?) {
        try await client.withTransaction(logger: logger) { connection in
            var select = PostgresQuery(unsafeSQL: "SELECT \(key), \(column) FROM \(table) WHERE \(key) > $1 ORDER BY \(key) LIMIT $2 FOR UPDATE")
            select.binds.append(lastKey)
            select.binds.append(batchSize)
            var batch: [(String, String)] = []
            for try await row in try await connection.query(select, logger: logger).decode((String, String).self) { batch.append(row) }
            var changed = 0
            for (id, secret) in batch {
                let rotated = try reencrypt(secret)
                guard rotated != secret else { continue }
                var update = PostgresQuery(unsafeSQL: "UPDATE \(table) SET \(column) = $1 WHERE \(key) = $2")
                update.binds.append(rotated)
                update.binds.append(id)
                _ = try await connection.query(update, logger: logger)
                changed += 1
            }
            return (changed, batch.last?.0)
        }
    }

    /// Values already under the first key are left as they are.
    private func reencrypt(_ token: String) throws -> String {
        fernet.isCurrent(token) ? token : try fernet.rotate(token)
    }
}
