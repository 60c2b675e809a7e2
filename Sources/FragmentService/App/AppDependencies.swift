import Platforms
import ServiceLifecycle

/// What the app builder wires into the routes: repositories (PostgreSQL in production, memory
/// in router tests), background services to run beside the server, and start-up checks.
struct AppDependencies<
    Users: UserRepository, Ledger: HandoffLedger, Apps: ContentAppRepository, Events: PublishEventRepository,
    Items: ContentItemRepository, Connections: ConnectionRepository, States: OAuthStateStore, Shares: ShareRepository,
    Rules: RuleRepository, Jobs: AutoShareRepository, Sessions: SessionRepository
>: Sendable {
    var users: Users
    var ledger: Ledger
    var apps: Apps
    var events: Events
    var items: Items
    var connections: Connections
    var states: States
    var shares: Shares
    var rules: Rules
    var jobs: Jobs
    /// Signed-in browser sessions.
    var sessions: Sessions
    /// Reads a content page's own metadata when the share page was opened without it.
    var pages: (any PageMetadataSource)?
    /// The platforms this deployment can use.
    var registry: PlatformRegistry
    /// Wakes the publish-event worker when intake stores something new.
    var eventSignal = WakeSignal()
    /// Wakes the auto-share worker when new jobs are planned.
    var autoShareSignal = WakeSignal()
    var services: [any Service] = []
    /// Run before the server accepts connections (e.g. "the database is migrated").
    var startupChecks: [@Sendable () async throws -> Void] = []
    /// This app's metrics (`/metrics`); the same object must reach the repositories and the
    /// platform registry that record into it.
    var metrics = ServiceMetrics()
    /// What `/readyz` asks: the database and its migrations in `serve`.
    var readiness = Readiness.alwaysReady
}

extension AppDependencies
where
    Users == MemoryUserRepository, Ledger == MemoryHandoffLedger, Apps == MemoryContentAppRepository,
    Events == MemoryPublishEventRepository, Items == MemoryContentItemRepository, Connections == MemoryConnectionRepository,
    States == MemoryOAuthStateStore, Shares == MemoryShareRepository, Rules == MemoryRuleRepository, Jobs == MemoryAutoShareRepository,
    Sessions == MemorySessionRepository
{
    /// Everything in memory, for router tests; `metrics` should be the one the registry's
    /// transports record into, when they do.
    static func inMemory(
        apps: [ContentApp] = [], registry: PlatformRegistry = PlatformRegistry([:]), metrics: ServiceMetrics = ServiceMetrics()
    )
        -> Self
    {
        let connections = MemoryConnectionRepository(metrics: metrics)
        return AppDependencies(
            users: MemoryUserRepository(), ledger: MemoryHandoffLedger(), apps: MemoryContentAppRepository(apps),
            events: MemoryPublishEventRepository(), items: MemoryContentItemRepository(), connections: connections,
            states: MemoryOAuthStateStore(), shares: MemoryShareRepository(names: { await connections.name(of: $0) }),
            rules: MemoryRuleRepository(), jobs: MemoryAutoShareRepository(connections: { await connections.server(of: $0) }),
            sessions: MemorySessionRepository(), pages: nil,
            registry: registry, metrics: metrics)
    }
}
