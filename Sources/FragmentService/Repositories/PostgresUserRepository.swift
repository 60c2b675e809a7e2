import Logging
import PostgresNIO

/// `UserRepository` over the `users` table.
struct PostgresUserRepository: UserRepository {
    let client: PostgresClient
    let logger: Logger

    func upsert(id: String, displayName: String?) async throws -> User {
        let rows = try await client.query(
            """
            INSERT INTO users (id, display_name) VALUES (\(id), \(displayName))
            ON CONFLICT (id) DO UPDATE
               SET display_name = COALESCE(EXCLUDED.display_name, users.display_name), updated_at = now()
            RETURNING id, display_name
            """, logger: logger)
        for try await (id, name) in rows.decode((String, String?).self) { return User(id: id, displayName: name) }
        throw PostgresRepositoryError.noRowReturned
    }

    func find(id: String) async throws -> User? {
        let rows = try await client.query("SELECT id, display_name FROM users WHERE id = \(id)", logger: logger)
        for try await (id, name) in rows.decode((String, String?).self) { return User(id: id, displayName: name) }
        return nil
    }
}
