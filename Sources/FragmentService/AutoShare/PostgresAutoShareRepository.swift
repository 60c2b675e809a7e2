import Foundation
import Logging
import PostgresNIO

/// `AutoShareRepository` over `auto_shares` (unique per event and connection).
struct PostgresAutoShareRepository: AutoShareRepository {
    let client: PostgresClient
    let logger: Logger
    var lease: TimeInterval = 300

    private static let columns = "id, event_id, rule_id, connection_id, user_id, message, state, detail, outcome, share_id, attempts, run_after"

    func enqueue(eventID: Int64, ruleID: Int64, connectionID: Int64, userID: String, message: String?, runAfter: Date) async throws -> Bool {
        let rows = try await client.query(
            """
            INSERT INTO auto_shares (event_id, rule_id, connection_id, user_id, message, run_after)
            VALUES (\(eventID), \(ruleID), \(connectionID), \(userID), \(message), \(runAfter))
            ON CONFLICT (event_id, connection_id) DO NOTHING RETURNING id
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func claimDue(limit: Int) async throws -> [AutoShareJob] {
        try await client.query(
            """
            UPDATE auto_shares SET state = 'done', outcome = 'failed', detail = \(AutoShareJob.exhaustedDetail), updated_at = now()
            WHERE state <> 'done' AND run_after <= now() AND attempts >= \(AutoShareJob.maxAttempts)
            """, logger: logger)
        var query = PostgresQuery(
            unsafeSQL: """
                UPDATE auto_shares SET attempts = attempts + 1, run_after = now() + make_interval(secs => $1), updated_at = now()
                WHERE id IN (SELECT id FROM auto_shares WHERE state <> 'done' AND run_after <= now() AND attempts < $3
                             ORDER BY run_after LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING \(Self.columns)
                """)
        query.binds.append(lease)
        query.binds.append(limit)
        query.binds.append(AutoShareJob.maxAttempts)
        return try await jobs(query)
    }

    func finish(id: Int64, outcome: String, shareID: Int64?, detail: String?) async throws {
        try await client.query(
            """
            UPDATE auto_shares SET state = 'done', outcome = \(outcome), share_id = \(shareID), detail = \(detail), updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    func park(id: Int64, reason: String, retryAt: Date, attempted: Bool) async throws {
        let refund = attempted ? 0 : 1
        try await client.query(
            """
            UPDATE auto_shares SET state = 'waiting_reconnect', detail = \(reason), run_after = \(retryAt),
                attempts = GREATEST(attempts - \(refund), 0), updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    func jobs(userID: String, limit: Int) async throws -> [AutoShareJob] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM auto_shares WHERE user_id = $1 ORDER BY id DESC LIMIT $2")
        query.binds.append(userID)
        query.binds.append(limit)
        return try await jobs(query)
    }

    private func jobs(_ query: PostgresQuery) async throws -> [AutoShareJob] {
        var result: [AutoShareJob] = []
        for try await c in try await client.query(query, logger: logger)
            .decode((Int64, Int64, Int64?, Int64, String, String?, String, String?, String?, Int64?, Int, Date).self)
        {
            result.append(
                AutoShareJob(
                    id: c.0, eventID: c.1, ruleID: c.2, connectionID: c.3, userID: c.4, message: c.5, state: c.6, detail: c.7, outcome: c.8,
                    shareID: c.9, attempts: c.10, runAfter: c.11))
        }
        return result
    }
}
