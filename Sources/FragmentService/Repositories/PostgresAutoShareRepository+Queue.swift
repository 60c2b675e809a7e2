import Foundation
import PostgresNIO

extension PostgresAutoShareRepository {
    /// One aggregate over the partial index of unfinished jobs (`auto_shares_due_idx`). "Due" is
    /// what `claimDue` would take: not done and `run_after` passed (a running job's lease keeps
    /// its `run_after` ahead).
    func queueStatistics() async throws -> AutoShareQueueStatistics {
        let rows = try await client.query(
            """
            SELECT count(*) FILTER (WHERE state = 'waiting'), count(*) FILTER (WHERE state = 'waiting_reconnect'),
                EXTRACT(EPOCH FROM now() - min(run_after) FILTER (WHERE run_after <= now()))::float8
            FROM auto_shares WHERE state <> 'done'
            """, logger: logger)
        for try await (waiting, parked, age) in rows.decode((Int, Int, Double?).self) {
            return AutoShareQueueStatistics(waiting: waiting, parked: parked, oldestDueAge: age.map { max(0, $0) })
        }
        throw PostgresRepositoryError.noRowReturned
    }
}
