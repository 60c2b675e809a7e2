import Foundation
import Hummingbird
import NIOCore
import Logging
import SocialCore

/// Builds the whole HTTP application from validated configuration and its dependencies. `serve`
/// calls it with PostgreSQL-backed dependencies; tests call it with memory ones.
func buildApplication<Repositories: RepositorySet>(
    configuration: AppConfiguration,
    dependencies: AppDependencies<Repositories>,
    logger: Logger
) async throws -> some ApplicationProtocol {
    let views = try await Views.load()
    let verifier = await IdentityVerifier(
        secret: configuration.identitySecret, issuer: configuration.identityIssuer, audience: configuration.identityAudience)
    let sessions = SessionMiddleware(
        codec: SessionCodec(secret: configuration.sessionSecret), sessions: dependencies.sessions, secureCookies: configuration.isHTTPS)
    let origin = configuration.publicBaseURL.absoluteString

    let router = Router(context: AppRequestContext.self)
    // First, so it sees the status every other middleware finally answered with.
    router.add(middleware: RequestMetricsMiddleware(metrics: dependencies.metrics))
    router.add(middleware: ForegroundActivityMiddleware(activity: dependencies.foreground))
    router.add(middleware: SecurityHeadersMiddleware(allowHTTPImages: !configuration.isHTTPS))
    router.add(middleware: ErrorMiddleware(views: views))
    router.add(middleware: InputValidationMiddleware())
    // Static files from memory, under /static/ only: no other request looks at the file system.
    guard let publicFolder = Bundle.module.url(forResource: "Public", withExtension: nil) else {
        throw ViewError(description: "the Public resource folder is missing from the build")
    }
    try StaticFiles(folder: publicFolder).addRoutes(to: router.group("static"))
    router.get("healthz") { _, _ in "ok" }
    let fragments = FragmentRegistry.standard(views: views, publicBaseURL: configuration.publicBaseURL)
    let metricsServer = dependencies.addObservability(to: router, fragments: fragments, configuration: configuration, logger: logger)
    router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/social/"]) }

    // Browser routes: session cookie and CSRF on every state-changing form.
    let browser = router.group().add(middleware: sessions).add(middleware: CSRFMiddleware(origin: origin))
    AuthController(
        users: dependencies.users, ledger: dependencies.ledger, verifier: verifier, sessions: sessions, views: views,
        devLogin: configuration.devLogin
    ).addRoutes(to: browser.group("auth"))
    let signedIn = browser.group("social").add(middleware: RequireSignInMiddleware()).group(context: SignedInContext.self)
    SocialController(
        users: dependencies.users, connections: dependencies.connections, states: dependencies.states, registry: dependencies.registry,
        views: views, publicBaseURL: configuration.publicBaseURL, sandbox: SandboxRoute(sandboxURL: configuration.sandboxURL)
    ).addRoutes(to: signedIn)
    if !configuration.operators.isEmpty {
        let events = dependencies.events
        let jobs = dependencies.jobs
        OperatorController(
            users: dependencies.users, operators: configuration.operators,
            source: OperatorReportSource(
                configuration: configuration, registry: dependencies.registry, connections: dependencies.connections,
                queues: { _ in try await OperatorReport.queues(events: events, jobs: jobs) }, logger: logger),
            views: views
        ).addRoutes(to: signedIn)
    }
    RulesPageController(
        users: dependencies.users, rules: dependencies.rules, connections: dependencies.connections, apps: dependencies.apps,
        events: dependencies.events, registry: dependencies.registry, views: views
    ).addRoutes(to: signedIn)
    let shareService = dependencies.shareService(configuration: configuration, logger: logger)
    ShareController(
        users: dependencies.users, connections: dependencies.connections, shares: dependencies.shares, rules: dependencies.rules,
        service: shareService,
        registry: dependencies.registry, resolver: ContentResolver(items: dependencies.items, pages: dependencies.pages),
        sandbox: SandboxRoute(sandboxURL: configuration.sandboxURL), views: views
    ).addRoutes(to: signedIn)

    // JSON routes: Bearer tokens from the account service.
    let api = router.group("api/v1").add(middleware: BearerAuthMiddleware(verifier: verifier, users: dependencies.users))
        .group(context: APIContext.self)
    AccountAPIController(users: dependencies.users).addRoutes(to: api)
    EventsAPIController(events: dependencies.events).addRoutes(to: api)
    RulesAPIController(rules: dependencies.rules, connections: dependencies.connections, registry: dependencies.registry).addRoutes(to: api)
    AutoSharesAPIController(jobs: dependencies.jobs).addRoutes(to: api)
    // The account service's lifecycle API: its own token, not a person's; off (404) without one.
    if let token = configuration.accountServiceToken {
        AccountLifecycleController(
            users: dependencies.users, accounts: dependencies.accounts, connections: dependencies.connections, shares: dependencies.shares,
            rules: dependencies.rules, jobs: dependencies.jobs, events: dependencies.events, registry: dependencies.registry
        ).addRoutes(to: router.group("api/v1/users").add(middleware: ServiceTokenMiddleware(token: token)))
    }

    // Webhooks: authenticated by their HMAC signature, not by a session.
    PublishWebhookController(apps: dependencies.apps, events: dependencies.events, signal: dependencies.eventSignal, metrics: dependencies.metrics)
        .addRoutes(to: router.group("webhooks"))
    // Meta's deauthorize and data-deletion callbacks: authenticated by the app secret's signature.
    let meta = MetaCallbackController(accounts: dependencies.accounts, configuration: configuration, views: views)
    meta.addCallbackRoutes(to: router.group("webhooks/meta"))
    meta.addStatusRoutes(to: router.group("social/meta/deletion"))
    BlueskyClientController(registry: dependencies.registry, clientName: configuration.appName).addRoutes(to: router.group("social/bluesky"))
    FragmentController(registry: fragments).addRoutes(to: router.group("fragments"))

    var app = Application(
        router: router,
        // Closes connections that go quiet: half-sent request heads and bodies as well as idle keep-alives.
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "social-service"),
        services: dependencies.services + (metricsServer.map { [$0] } ?? []),
        logger: logger)
    for check in dependencies.startupChecks { app.beforeServerStarts(perform: check) }
    // Dated problems in the configuration (API versions near or past retirement): said at every start.
    for alert in dependencies.registry.alerts {
        logger.log(
            level: alert.severity == .critical ? .error : .warning, "\(alert.message)",
            metadata: ["operator_alert": "\(alert.severity.rawValue)", "platforms": "\(alert.platforms.map(\.rawValue).joined(separator: ","))"])
    }
    return app
}
