import Platforms
import ServiceLifecycle

/// What the app builder wires into the routes: repositories (PostgreSQL in production, memory
/// in router tests), background services to run beside the server, and start-up checks.
struct AppDependencies<
    Users: UserRepository, Ledger: HandoffLedger, Apps: ContentAppRepository, Events: PublishEventRepository,
    Items: ContentItemRepository, Connections: ConnectionRepository, States: OAuthStateStore, Shares: ShareRepository,
    Rules: RuleRepository, Jobs: AutoShareRepository, Sessions: SessionRepository, Accounts: AccountDataRepository
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
    /// A person's data across tables: export, account deletion, Meta's callbacks.
    var accounts: Accounts
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
}

extension AppDependencies
where
    Users == MemoryUserRepository, Ledger == MemoryHandoffLedger, Apps == MemoryContentAppRepository,
    Events == MemoryPublishEventRepository, Items == MemoryContentItemRepository, Connections == MemoryConnectionRepository,
    States == MemoryOAuthStateStore, Shares == MemoryShareRepository, Rules == MemoryRuleRepository, Jobs == MemoryAutoShareRepository,
    Sessions == MemorySessionRepository, Accounts == MemoryAccountDataRepository
{
    /// Everything in memory, for router tests.
    static func inMemory(apps: [ContentApp] = [], registry: PlatformRegistry = PlatformRegistry([:])) -> Self {
        let connections = MemoryConnectionRepository()
        let users = MemoryUserRepository()
        let events = MemoryPublishEventRepository()
        let states = MemoryOAuthStateStore()
        let shares = MemoryShareRepository(names: { await connections.name(of: $0) })
        let rules = MemoryRuleRepository()
        let jobs = MemoryAutoShareRepository(connections: { await connections.server(of: $0) })
        let sessions = MemorySessionRepository()
        return AppDependencies(
            users: users, ledger: MemoryHandoffLedger(), apps: MemoryContentAppRepository(apps),
            events: events, items: MemoryContentItemRepository(), connections: connections,
            states: states, shares: shares, rules: rules, jobs: jobs, sessions: sessions,
            accounts: MemoryAccountDataRepository(
                users: users, connections: connections, shares: shares, rules: rules, jobs: jobs, sessions: sessions, states: states,
                events: events),
            pages: nil, registry: registry)
    }
}
