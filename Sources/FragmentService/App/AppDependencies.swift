import Platforms
import ServiceLifecycle

/// What the app builder wires into the routes: repositories (PostgreSQL in production, memory
/// in router tests), background services to run beside the server, and start-up checks.
struct AppDependencies<
    Users: UserRepository, Ledger: HandoffLedger, Apps: ContentAppRepository, Events: PublishEventRepository,
    Items: ContentItemRepository, Connections: ConnectionRepository, States: OAuthStateStore
>: Sendable {
    var users: Users
    var ledger: Ledger
    var apps: Apps
    var events: Events
    var items: Items
    var connections: Connections
    var states: States
    /// The platforms this deployment can use.
    var registry: PlatformRegistry
    /// Wakes the publish-event worker when intake stores something new.
    var eventSignal = WakeSignal()
    var services: [any Service] = []
    /// Run before the server accepts connections (e.g. "the database is migrated").
    var startupChecks: [@Sendable () async throws -> Void] = []
}

extension AppDependencies
where
    Users == MemoryUserRepository, Ledger == MemoryHandoffLedger, Apps == MemoryContentAppRepository,
    Events == MemoryPublishEventRepository, Items == MemoryContentItemRepository, Connections == MemoryConnectionRepository,
    States == MemoryOAuthStateStore
{
    /// Everything in memory, for router tests.
    static func inMemory(apps: [ContentApp] = [], registry: PlatformRegistry = PlatformRegistry([:])) -> Self {
        AppDependencies(
            users: MemoryUserRepository(), ledger: MemoryHandoffLedger(), apps: MemoryContentAppRepository(apps),
            events: MemoryPublishEventRepository(), items: MemoryContentItemRepository(), connections: MemoryConnectionRepository(),
            states: MemoryOAuthStateStore(), registry: registry)
    }
}
