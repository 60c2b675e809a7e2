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
        var lastInstance = ""
        while true {
            let (count, last) = try await rotateMastodonApps(after: lastInstance)
            report.mastodonApps += count
            guard let last else { break }
            lastInstance = last
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

    private func rotateMastodonApps(after lastInstance: String) async throws -> (Int, String?) {
        try await client.withTransaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT instance_url, client_secret_enc FROM mastodon_apps
                WHERE instance_url > \(lastInstance) ORDER BY instance_url LIMIT \(batchSize) FOR UPDATE
                """, logger: logger)
            var batch: [(String, String)] = []
            for try await row in rows.decode((String, String).self) { batch.append(row) }
            var changed = 0
            for (instance, secret) in batch {
                let rotated = try reencrypt(secret)
                guard rotated != secret else { continue }
                _ = try await connection.query(
                    "UPDATE mastodon_apps SET client_secret_enc = \(rotated) WHERE instance_url = \(instance)", logger: logger)
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
