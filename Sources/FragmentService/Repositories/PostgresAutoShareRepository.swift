import Foundation
import Logging
import Platforms
import PostgresNIO

/// `AutoShareRepository` over `auto_shares` (unique per event and connection).
struct PostgresAutoShareRepository: AutoShareRepository {
    let client: PostgresClient
    let logger: Logger
    var lease: TimeInterval = 300

    /// `AutoShareJob.lane` of the connection `c`, in SQL (a code constant, no input in it).
    private static let laneSQL =
        "CASE WHEN c.platform = 'mastodon' THEN 'mastodon ' || lower(coalesce(c.extra_data->>'instance_url', '')) ELSE c.platform END"

    /// Every column `jobs` decodes, in its order; spliced into queries as SQL (a code constant).
    private static let columns = """
        id, event_id, rule_id, connection_id, user_id, message, state, detail, outcome, share_id, attempts, run_after,
        (SELECT c.platform FROM social_connections c WHERE c.id = auto_shares.connection_id),
        (SELECT \(laneSQL) FROM social_connections c WHERE c.id = auto_shares.connection_id)
        """

    func enqueue(_ jobs: [NewAutoShareJob]) async throws -> Int {
        guard !jobs.isEmpty else { return 0 }
        // `unnest` cannot take an array with NULLs through every driver type, so a missing
        // message travels as an empty string and turns back into NULL here (a rendered message
        // is never empty: the planner stores nil instead).
        let rows = try await client.query(
            """
            INSERT INTO auto_shares (event_id, rule_id, connection_id, user_id, message, run_after)
            SELECT event_id, rule_id, connection_id, user_id, NULLIF(message, ''), run_after
            FROM unnest(\(jobs.map(\.eventID)), \(jobs.map(\.ruleID)), \(jobs.map(\.connectionID)), \(jobs.map(\.userID)),
                \(jobs.map { $0.message ?? "" }), \(jobs.map(\.runAfter)))
                AS job(event_id, rule_id, connection_id, user_id, message, run_after)
            ON CONFLICT (event_id, connection_id) DO NOTHING RETURNING id
            """, logger: logger)
        var created = 0
        for try await _ in rows { created += 1 }
        return created
    }

    func claimDue(limit: Int, perLane: Int, busy: [String: Int]) async throws -> [AutoShareJob] {
        try await client.query(
            """
            UPDATE auto_shares SET state = 'done', outcome = 'failed', detail = \(AutoShareJob.exhaustedDetail), updated_at = now()
            WHERE state <> 'done' AND run_after <= now() AND attempts >= \(AutoShareJob.maxAttempts)
            """, logger: logger)
        // The due jobs ranked within their lane (oldest first); those that fit the lane's room
        // are candidates, and of the candidates no other worker holds, the oldest `limit` are
        // locked and leased. A job another worker is claiming at this moment still takes a place
        // in its lane's ranking, so this claim may take fewer of that lane; the next claim makes
        // up for it. The due conditions are repeated where the rows are locked, so a job another
        // worker has just leased is not leased again. Only the jobs' rows are locked (`OF a`): a
        // connection locked for a token refresh does not hide its jobs.
        let lanes = busy.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let maxAttempts = AutoShareJob.maxAttempts
        let query: PostgresQuery = """
            UPDATE auto_shares SET attempts = attempts + 1, run_after = now() + make_interval(secs => \(lease)), updated_at = now()
            WHERE id IN (
                SELECT a.id FROM auto_shares a
                WHERE a.id IN (
                    SELECT ranked.id FROM (
                        SELECT a.id, row_number() OVER (PARTITION BY \(unescaped: Self.laneSQL) ORDER BY a.run_after, a.id) AS place,
                            coalesce(busy.running, 0) AS running
                        FROM auto_shares a JOIN social_connections c ON c.id = a.connection_id
                        LEFT JOIN unnest(\(lanes.map(\.key))::text[], \(lanes.map(\.value))::bigint[]) AS busy(lane, running)
                            ON busy.lane = \(unescaped: Self.laneSQL)
                        WHERE a.state <> 'done' AND a.run_after <= now() AND a.attempts < \(maxAttempts)) AS ranked
                    WHERE ranked.place <= \(max(perLane, 0)) - ranked.running)
                AND a.state <> 'done' AND a.run_after <= now() AND a.attempts < \(maxAttempts)
                ORDER BY a.run_after, a.id LIMIT \(max(limit, 0))
                FOR UPDATE OF a SKIP LOCKED)
            RETURNING \(unescaped: Self.columns)
            """
        return try await jobs(query)
    }

    func finish(id: Int64, outcome: AutoShareJob.Outcome, shareID: Int64?, detail: String?) async throws {
        try await client.query(
            """
            UPDATE auto_shares SET state = 'done', outcome = \(outcome.rawValue), share_id = \(shareID), detail = \(detail), updated_at = now()
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
        let query: PostgresQuery = "SELECT \(unescaped: Self.columns) FROM auto_shares WHERE user_id = \(userID) ORDER BY id DESC LIMIT \(limit)"
        return try await jobs(query)
    }

    private func jobs(_ query: PostgresQuery) async throws -> [AutoShareJob] {
        var result: [AutoShareJob] = []
        for try await c in try await client.query(query, logger: logger)
            .decode((Int64, Int64, Int64?, Int64, String, String?, String, String?, String?, Int64?, Int, Date, String?, String?).self)
        {
            let platform = try c.12.map { try PlatformName(stored: $0, column: "platform") }
            result.append(
                AutoShareJob(
                    id: c.0, eventID: c.1, ruleID: c.2, connectionID: c.3, userID: c.4, message: c.5,
                    state: try AutoShareJob.State(stored: c.6, column: "auto-share state"), detail: c.7,
                    outcome: try c.8.map { try AutoShareJob.Outcome(stored: $0, column: "auto-share outcome") },
                    shareID: c.9, attempts: c.10, runAfter: c.11, platform: platform, lane: c.13))
        }
        return result
    }
}
