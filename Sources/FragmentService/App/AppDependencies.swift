import ServiceLifecycle

/// What the app builder wires into the routes: repositories (PostgreSQL in production, memory
/// in router tests), background services to run beside the server, and start-up checks.
struct AppDependencies<Users: UserRepository, Ledger: HandoffLedger>: Sendable {
    var users: Users
    var ledger: Ledger
    var services: [any Service] = []
    /// Run before the server accepts connections (e.g. "the database is migrated").
    var startupChecks: [@Sendable () async throws -> Void] = []
}

extension AppDependencies where Users == MemoryUserRepository, Ledger == MemoryHandoffLedger {
    /// Everything in memory, for router tests.
    static func inMemory() -> Self {
        AppDependencies(users: MemoryUserRepository(), ledger: MemoryHandoffLedger())
    }
}
