import Foundation
import Logging
import PostgresNIO

/// `HandoffLedger` over `identity_handoffs`; expired entries are pruned as new ones arrive.
struct PostgresHandoffLedger: HandoffLedger {
    let client: PostgresClient
    let logger: Logger

    func consume(jti: String, userID: String, expiresAt: Date) async throws -> Bool {
        // Entries past their token's expiry can never match a valid token again.
        try await client.query("DELETE FROM identity_handoffs WHERE expires_at < now() - interval '1 minute'", logger: logger)
        let rows = try await client.query(
            """
            INSERT INTO identity_handoffs (jti, user_id, expires_at) VALUES (\(jti), \(userID), \(expiresAt))
            ON CONFLICT (jti) DO NOTHING RETURNING jti
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }
}
