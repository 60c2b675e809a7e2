import Foundation
import PostgresNIO

extension PostgresPublishEventRepository {
    /// One aggregate over the partial index of received events (`publish_events_pending_idx`).
    func queueStatistics() async throws -> QueueStatistics {
        let rows = try await client.query(
            """
            SELECT count(*), EXTRACT(EPOCH FROM now() - min(received_at))::float8
            FROM publish_events WHERE state = 'received'
            """, logger: logger)
        for try await (waiting, age) in rows.decode((Int, Double?).self) {
            return QueueStatistics(waiting: waiting, oldestAge: age.map { max(0, $0) })
        }
        throw PostgresRepositoryError.noRowReturned
    }
}
