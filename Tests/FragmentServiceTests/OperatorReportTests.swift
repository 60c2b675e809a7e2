import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// `social-service doctor` and the operator page: versions warned ahead of retirement, the
/// connections people must act on, queue backlogs, and the page for operators only.
@Suite struct OperatorReportTests {
    static func day(_ text: String) throws -> Date {
        var style = Date.ISO8601FormatStyle().year().month().day()
        style.timeZone = .gmt
        return try Date(text, strategy: style)
    }

    static func registry(_ configuration: AppConfiguration) -> PlatformRegistry {
        PlatformRegistry.standard(configuration: configuration, transport: NoNetworkTransport(), mastodonApps: MemoryMastodonAppStore())
    }

    static let allPlatforms = [
        "SOCIAL_FACEBOOK_APP_ID": "1000000000000001", "SOCIAL_FACEBOOK_APP_SECRET": "fb-secret",
        "SOCIAL_LINKEDIN_CLIENT_ID": "li", "SOCIAL_LINKEDIN_CLIENT_SECRET": "li-secret",
    ]

    @Test func pinnedVersionsAreWarnedSixtyDaysAheadAndRetiredOnesAreCritical() throws {
        let configuration = try TestEnvironment.configuration(
            Self.allPlatforms.merging(["SOCIAL_FACEBOOK_GRAPH_VERSION": "v21.0", "SOCIAL_LINKEDIN_VERSION": "202603"]) { $1 })
        let registry = Self.registry(configuration)
        // Graph v21.0 retires 2027-01-21; LinkedIn 202603 on 2027-03-16.
        let calm = OperatorReport.pinnedVersions(configuration: configuration, registry: registry, now: try Self.day("2026-10-01"))
        #expect(calm.map(\.level) == [.ok, .ok])
        let soon = OperatorReport.pinnedVersions(configuration: configuration, registry: registry, now: try Self.day("2027-01-01"))
        #expect(soon.map(\.level) == [.warning, .ok])
        #expect(soon.first?.message == "v21.0 retires on 2027-01-21")
        #expect(soon.first?.platforms == [.facebook, .instagram])
        let late = OperatorReport.pinnedVersions(configuration: configuration, registry: registry, now: try Self.day("2027-03-20"))
        #expect(late.map(\.level) == [.critical, .critical])
        #expect(late.last?.setting == "SOCIAL_LINKEDIN_VERSION")
    }

    @Test func versionsOfPlatformsNotConfiguredAreNotListed() throws {
        let configuration = try TestEnvironment.configuration(["SOCIAL_FACEBOOK_GRAPH_VERSION": "v20.0"])
        #expect(OperatorReport.pinnedVersions(configuration: configuration, registry: Self.registry(configuration), now: Date()).isEmpty)
    }

    @Test func theReportListsRedirectURIsAndItsLevelIsTheWorstPart() async throws {
        let configuration = try TestEnvironment.configuration(
            Self.allPlatforms.merging(["PUBLIC_BASE_URL": "https://social.rose-ash.example", "SOCIAL_DEV_LOGIN": "0"]) { $1 })
        let report = await OperatorReport.make(
            configuration: configuration, registry: Self.registry(configuration), connections: [],
            queues: [OperatorReport.Queue(name: "publish events", waiting: 3, oldestSeconds: 900, warnAfter: 600)], now: try Self.day("2026-11-26"),
            credentials: { $0.name == .linkedin ? ("refused: wrong secret", .critical) : ("accepted", .ok) })
        let facebook = try #require(report.platforms.first { $0.platform == .facebook })
        #expect(facebook.configured && facebook.redirectURI == "https://social.rose-ash.example/social/callback/facebook/")
        let threads = try #require(report.platforms.first { $0.platform == .threads })
        #expect(!threads.configured && threads.needs?.contains("SOCIAL_THREADS_APP_ID") == true)
        #expect(report.queues.first?.level == .warning)
        #expect(report.level == .critical)
        let text = report.text
        #expect(text.contains("!! LinkedIn: credentials refused: wrong secret"))
        #expect(text.contains("!  publish events: 3 waiting, oldest waiting 15 min"))
        #expect(text.hasSuffix("Overall: critical\n"))
    }

    @Test func connectionHealthCountsReconnectsAndExpiriesWithoutARefreshPath() async throws {
        let connections = MemoryConnectionRepository()
        func connect(_ id: String, platform: PlatformName, expires: TimeInterval?, refresh: String?) async throws -> SocialConnection? {
            var result = ConnectionRepositoryTests.result(id)
            result.expiresAt = expires.map { Date().addingTimeInterval($0) }
            result.refreshToken = refresh
            if case .created(let c) = try await connections.connect(userID: "u1", platform: platform, result: result) { return c }
            return nil
        }
        _ = try await connect("t1", platform: .twitter, expires: 3600, refresh: "r")  // renews by itself
        _ = try await connect("l1", platform: .linkedin, expires: 86_400 * 3, refresh: nil)  // expires soon, no refresh
        _ = try await connect("l2", platform: .linkedin, expires: 86_400 * 50, refresh: nil)  // far off
        let broken = try #require(try await connect("l3", platform: .linkedin, expires: nil, refresh: nil))
        try await connections.markNeedsReconnect(id: broken.id, reason: "revoked")
        let health = try await connections.health(now: Date(), horizon: OperatorReport.expiryHorizon)
        #expect(
            health == [
                .init(platform: .twitter, live: 1, needsReconnect: 0, expiringWithoutRefresh: 0),
                .init(platform: .linkedin, live: 3, needsReconnect: 1, expiringWithoutRefresh: 1),
            ])
    }

    @Test func theOperatorPageIsForOperatorsOnly() async throws {
        let configuration = try TestEnvironment.configuration(["SOCIAL_OPERATORS": "demo-ada, ops-1"])
        #expect(configuration.operators == ["demo-ada", "ops-1"])
        let dependencies = AppDependencies.inMemory(registry: Self.registry(configuration))
        let app = try await buildApplication(configuration: configuration, dependencies: dependencies, logger: TestEnvironment.logger)
        try await app.test(.router) { client in
            let ada = try await BrowserSession.signedIn(client)
            let (status, page, _) = try await ConnectFlowTests.get(client, "/social/operator/", ada)
            #expect(status == .ok)
            #expect(page.contains("Operator") && page.contains("http://127.0.0.1:8080/social/callback/mastodon/"))
            #expect(page.contains("publish events"))
            let grace = try await BrowserSession.signedIn(client, as: "demo-grace")
            #expect(try await ConnectFlowTests.get(client, "/social/operator/", grace).0 == .notFound)
        }
    }

    @Test func operatorIDsWithSpacesAreRefused() {
        #expect(throws: (any Error).self) { try TestEnvironment.configuration(["SOCIAL_OPERATORS": "ada lovelace"]) }
    }
}

/// Platform calls in a test that must not leave the process.
struct NoNetworkTransport: PlatformTransport {
    func send(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        throw TransportError(kind: .other, mayHaveReachedServer: false, description: "no network in this test")
    }
}

@Suite(.enabled(if: TestDatabase.isAvailable, "set TEST_DATABASE_URL (make test does)"))
struct PostgresConnectionHealthTests {
    @Test func theDatabaseCountsAsTheMemoryRepositoryDoes() async throws {
        try await TestDatabase.withDatabase { client in
            try await client.query("INSERT INTO users (id) VALUES ('u1')")
            let connections = PostgresConnectionRepository(
                client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
            func connect(_ id: String, platform: PlatformName, expires: TimeInterval?, refresh: String?) async throws -> SocialConnection? {
                var result = ConnectionRepositoryTests.result(id)
                result.expiresAt = expires.map { Date().addingTimeInterval($0) }
                result.refreshToken = refresh
                if case .created(let c) = try await connections.connect(userID: "u1", platform: platform, result: result) { return c }
                return nil
            }
            _ = try await connect("t1", platform: .twitter, expires: 3600, refresh: "r")
            _ = try await connect("l1", platform: .linkedin, expires: 86_400 * 3, refresh: nil)
            _ = try await connect("l2", platform: .linkedin, expires: 86_400 * 50, refresh: nil)
            let broken = try #require(try await connect("l3", platform: .linkedin, expires: nil, refresh: nil))
            try await connections.markNeedsReconnect(id: broken.id, reason: "revoked")
            let gone = try #require(try await connect("m1", platform: .mastodon, expires: nil, refresh: nil))
            _ = try await connections.disconnect(id: gone.id, userID: "u1")
            let health = try await connections.health(now: Date(), horizon: OperatorReport.expiryHorizon)
            #expect(
                health == [
                    .init(platform: .twitter, live: 1, needsReconnect: 0, expiringWithoutRefresh: 0),
                    .init(platform: .linkedin, live: 3, needsReconnect: 1, expiringWithoutRefresh: 1),
                ])
        }
    }
}
