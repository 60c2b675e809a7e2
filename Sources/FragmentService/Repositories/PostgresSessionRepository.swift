import Foundation
import Logging
import PostgresNIO

/// `SessionRepository` over `sessions` (migration 0005).
struct PostgresSessionRepository: SessionRepository {
    let client: PostgresClient
    let logger: Logger

    func create(idHash: [UInt8], userID: String, expiresAt: Date, now: Date) async throws {
        // Sign-ins are rare next to page views, so pruning here keeps the table small without a worker.
        try await client.query("DELETE FROM sessions WHERE expires_at <= \(now)", logger: logger)
        try await client.query(
            "INSERT INTO sessions (id_hash, user_id, expires_at) VALUES (\(ByteBuffer(bytes: idHash)), \(userID), \(expiresAt))",
            logger: logger)
    }

    func userID(idHash: [UInt8], now: Date) async throws -> String? {
        let rows = try await client.query(
            "SELECT user_id FROM sessions WHERE id_hash = \(ByteBuffer(bytes: idHash)) AND expires_at > \(now)", logger: logger)
        for try await userID in rows.decode(String.self) { return userID }
        return nil
    }

    func delete(idHash: [UInt8]) async throws {
        try await client.query("DELETE FROM sessions WHERE id_hash = \(ByteBuffer(bytes: idHash))", logger: logger)
    }

    @discardableResult func deleteAll(userID: String) async throws -> Int {
        let rows = try await client.query("DELETE FROM sessions WHERE user_id = \(userID) RETURNING 1", logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}
