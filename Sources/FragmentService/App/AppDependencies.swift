import Platforms
import ServiceLifecycle

/// The repository types of one deployment, named once: `PostgresRepositories` in `serve`,
/// `MemoryRepositories` in router tests. Only types: the values live in `AppDependencies`.
protocol RepositorySet {
    associatedtype Users: UserRepository
    associatedtype Ledger: HandoffLedger
    associatedtype Apps: ContentAppRepository
    associatedtype Events: PublishEventRepository
    associatedtype Items: ContentItemRepository
    associatedtype Connections: ConnectionRepository
    associatedtype States: OAuthStateStore
    associatedtype Shares: ShareRepository
    associatedtype Rules: RuleRepository
    associatedtype Jobs: AutoShareRepository
    associatedtype Sessions: SessionRepository
    associatedtype Accounts: AccountDataRepository
}

enum PostgresRepositories: RepositorySet {
    typealias Users = PostgresUserRepository
    typealias Ledger = PostgresHandoffLedger
    typealias Apps = PostgresContentAppRepository
    typealias Events = PostgresPublishEventRepository
    typealias Items = PostgresContentItemRepository
    typealias Connections = PostgresConnectionRepository
    typealias States = PostgresOAuthStateStore
    typealias Shares = PostgresShareRepository
    typealias Rules = PostgresRuleRepository
    typealias Jobs = PostgresAutoShareRepository
    typealias Sessions = PostgresSessionRepository
    typealias Accounts = PostgresAccountDataRepository
}

enum MemoryRepositories: RepositorySet {
    typealias Users = MemoryUserRepository
    typealias Ledger = MemoryHandoffLedger
    typealias Apps = MemoryContentAppRepository
    typealias Events = MemoryPublishEventRepository
    typealias Items = MemoryContentItemRepository
    typealias Connections = MemoryConnectionRepository
    typealias States = MemoryOAuthStateStore
    typealias Shares = MemoryShareRepository
    typealias Rules = MemoryRuleRepository
    typealias Jobs = MemoryAutoShareRepository
    typealias Sessions = MemorySessionRepository
    typealias Accounts = MemoryAccountDataRepository
}

/// What the app builder wires into the routes: the repositories of `Repositories`, background
/// services to run beside the server, and start-up checks.
struct AppDependencies<Repositories: RepositorySet>: Sendable {
    typealias Users = Repositories.Users
    typealias Ledger = Repositories.Ledger
    typealias Apps = Repositories.Apps
    typealias Events = Repositories.Events
    typealias Items = Repositories.Items
    typealias Connections = Repositories.Connections
    typealias States = Repositories.States
    typealias Shares = Repositories.Shares
    typealias Rules = Repositories.Rules
    typealias Jobs = Repositories.Jobs
    typealias Sessions = Repositories.Sessions
    typealias Accounts = Repositories.Accounts

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
    /// This app's metrics (`/metrics`); the same object must reach the repositories and the
    /// platform registry that record into it.
    var metrics = ServiceMetrics()
    /// What `/readyz` asks: the database and its migrations in `serve`.
    var readiness = Readiness.alwaysReady
    /// Request starts, which the publish-event resolver gives way to.
    var foreground = ForegroundActivity()
}

extension AppDependencies where Repositories == MemoryRepositories {
    /// Everything in memory, for router tests; `metrics` should be the one the registry's
    /// transports record into, when they do.
    static func inMemory(
        apps: [ContentApp] = [], registry: PlatformRegistry = PlatformRegistry([:]), metrics: ServiceMetrics = ServiceMetrics()
    )
        -> Self
    {
        let connections = MemoryConnectionRepository(metrics: metrics)
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
            pages: nil, registry: registry, metrics: metrics)
    }
}
