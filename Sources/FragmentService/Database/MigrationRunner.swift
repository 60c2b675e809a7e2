import Logging
import PostgresNIO

/// Applies `Migrations/` in order, each once and each in its own transaction, recording them in
/// `schema_migrations`. An advisory lock keeps two migrators from racing.
struct MigrationRunner: Sendable {
    /// Arbitrary constant identifying this service's migration lock.
    private static let lockID: Int64 = 0x536F_6369_616C
    let client: PostgresClient
    let migrations: [Migration]
    let logger: Logger

    /// Applies what is missing; returns the names applied now.
    @discardableResult
    func migrate() async throws -> [String] {
        try await client.withConnection { connection in
            try await createLedger(connection)
            _ = try await connection.query("SELECT pg_advisory_lock(\(Self.lockID))", logger: logger)
            do {
                let applied = try await appliedVersions(connection)
                var names: [String] = []
                for migration in migrations where !applied.contains(migration.version) {
                    try await apply(migration, on: connection)
                    names.append(migration.name)
                }
                _ = try await connection.query("SELECT pg_advisory_unlock(\(Self.lockID))", logger: logger)
                return names
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockID))", logger: logger)
                throw error
            }
        }
    }

    /// The migrations not yet applied (empty when the database is current).
    func pending() async throws -> [Migration] {
        try await client.withConnection { connection in
            let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            var ledger = false
            for try await value in exists.decode(Bool.self) { ledger = value }
            guard ledger else { return migrations }
            let applied = try await appliedVersions(connection)
            return migrations.filter { !applied.contains($0.version) }
        }
    }

    private func createLedger(_ connection: PostgresConnection) async throws {
        _ = try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
    }

    private func appliedVersions(_ connection: PostgresConnection) async throws -> Set<Int> {
        var versions: Set<Int> = []
        for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
            versions.insert(version)
        }
        return versions
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws {
        logger.info("applying migration", metadata: ["migration": "\(migration.name)"])
        _ = try await connection.query("BEGIN", logger: logger)
        do {
            for statement in SQLScript.statements(migration.sql) {
                // Migration files are code in this repository, not input: sent as written.
                _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            _ = try await connection.query(
                "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
            _ = try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw MigrationError(description: "migration \(migration.name) failed and was rolled back: \(String(reflecting: error))")
        }
    }
}
