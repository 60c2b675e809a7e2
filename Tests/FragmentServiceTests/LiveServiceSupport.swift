import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Platforms
import PostgresNIO
import Sandbox
import SocialCore
import Testing

@testable import FragmentService

/// The service as `serve` wires it — PostgreSQL repositories on a fresh test database — listening
/// on a real port, with a running sandbox: for tests that check what reaches the database and the
/// platforms. `client` talks to the service over HTTP; `flow` plays the person on consent pages.
struct LiveService: Sendable {
    typealias Dependencies = AppDependencies<PostgresRepositories>

    let flow: ConnectFlow
    let database: PostgresClient
    let dependencies: Dependencies
    let configuration: AppConfiguration

    /// Runs `body` against the service and sandbox; `environment` adds to (or, with "", unsets)
    /// `ConnectFlow.credentials`.
    static func with(
        environment extra: [String: String] = [:], _ body: @Sendable (LiveService, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.withDatabase { database in
            let environment = ConnectFlow.credentials.merging(["PUBLIC_BASE_URL": ConnectFlow.publicBase]) { $1 }.merging(extra) { $1 }
            try await withRunningSandbox(apps: SandboxConfiguration.fromEnvironment(environment).apps) { port in
                let configuration = try TestEnvironment.configuration(
                    environment.merging(["SOCIAL_SANDBOX_URL": "http://127.0.0.1:\(port)"]) { $1 })
                let logger = TestDatabase.logger
                let fernet = configuration.fernet
                let outbound = OutboundHTTP(settings: OutboundSettings(configuration: configuration), logger: TestEnvironment.logger)
                let registry = PlatformRegistry.standard(
                    configuration: configuration, transport: OutboundPlatformTransport(http: outbound, requireHTTPSForUntrusted: false),
                    mastodonApps: PostgresMastodonAppStore(client: database, fernet: fernet, logger: logger))
                let dependencies = Dependencies(
                    users: PostgresUserRepository(client: database, logger: logger), ledger: PostgresHandoffLedger(client: database, logger: logger),
                    apps: PostgresContentAppRepository(client: database, fernet: fernet, logger: logger),
                    events: PostgresPublishEventRepository(client: database, logger: logger, lease: 300),
                    items: PostgresContentItemRepository(client: database, logger: logger),
                    connections: PostgresConnectionRepository(client: database, fernet: fernet, logger: logger),
                    states: PostgresOAuthStateStore(client: database, fernet: fernet, logger: logger),
                    shares: PostgresShareRepository(client: database, logger: logger, pendingLease: 600),
                    rules: PostgresRuleRepository(client: database, logger: logger),
                    jobs: PostgresAutoShareRepository(client: database, logger: logger, lease: 300),
                    sessions: PostgresSessionRepository(client: database, logger: logger),
                    accounts: PostgresAccountDataRepository(client: database, logger: logger), pages: nil, registry: registry)
                let app = try await buildApplication(configuration: configuration, dependencies: dependencies, logger: TestEnvironment.logger)
                let browser = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
                let service = LiveService(
                    flow: ConnectFlow(sandboxPort: port, browser: browser), database: database, dependencies: dependencies,
                    configuration: configuration)
                do {
                    try await app.test(.live) { client in try await body(service, client) }
                    try await browser.shutdown()
                    try await outbound.shutdown()
                } catch {
                    try? await browser.shutdown()
                    try? await outbound.shutdown()
                    throw error
                }
            }
        }
    }

    /// Connects `platform` for the signed-in person through the pages and the sandbox's consent
    /// page (choosing the first offered account where several are offered); returns the connection.
    func connect(
        _ platform: PlatformName, account: String, instance: String? = nil, as userID: String = "demo-ada", session: BrowserSession,
        client: some TestClientProtocol
    ) async throws -> SocialConnection {
        let (_, _, location) = try await ConnectFlowTests.start(client, platform.rawValue, session, instance: instance)
        let callback = try await flow.consent(at: try #require(location), account: account)
        let (_, _, next) = try await ConnectFlowTests.get(client, callback, session)
        let landing = try #require(next)
        if landing.contains("/choose/") {
            let (_, page, _) = try await ConnectFlowTests.get(client, landing, session)
            let first = try #require(page.firstMatch(of: /name="account" value="([^"]+)"/)?.1)
            try await client.execute(
                uri: landing, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: FormEncoding.encode([("_csrf", session.csrf), ("account", String(first))]))
            ) { #expect($0.status == .seeOther) }
        }
        return try #require(try await dependencies.connections.connections(userID: userID).first { $0.platform == platform })
    }

    /// A `signed_request` minted by the sandbox with the registered app of `platform`.
    func signedRequest(platform: String, userID: String) async throws -> String {
        let reply = try await flow.fetch(
            "http://127.0.0.1:\(flow.sandboxPort)/_sandbox/signed_request", method: .POST,
            body: #"{"platform":"\#(platform)","user_id":"\#(userID)"}"#, contentType: "application/json")
        #expect(reply.status == 200, "\(reply.body)")
        let object = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any]
        return try #require(object?["signed_request"] as? String)
    }

    /// Moves the sandbox clock (signed requests carry its time).
    func advanceSandboxClock(seconds: Int) async throws {
        let reply = try await flow.fetch(
            "http://127.0.0.1:\(flow.sandboxPort)/_sandbox/clock", method: .POST, body: #"{"advance":\#(seconds)}"#,
            contentType: "application/json")
        #expect(reply.status == 200)
    }

    /// A single number from the test database (counts of rows).
    func count(_ query: PostgresQuery) async throws -> Int {
        for try await n in try await database.query(query, logger: TestDatabase.logger).decode(Int.self) { return n }
        return -1
    }
}
