import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

/// `/metrics` over real HTTP, read with a strict Prometheus text-format parser: what a share,
/// a webhook, a fragment and the queues leave there, and who may read it.
@Suite struct MetricsEndpointTests {
    static func scrape(_ client: some TestClientProtocol, headers: HTTPFields = [:]) async throws -> PrometheusText {
        try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            return try PrometheusText(String(buffer: response.body))
        }
    }

    /// Connects a Mastodon account through the sandbox and shares to it through the share form.
    @Test func aShareThroughTheSandboxIsCountedWithItsPlatformCallsAndRoute() async throws {
        try await ConnectFlow.with(testing: .live) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client)
            let (_, _, location) = try await ConnectFlowTests.start(client, "mastodon", session, instance: "mastodon.social")
            let callback = try await flow.consent(at: try #require(location), account: "109000000000000001")
            _ = try await ConnectFlowTests.get(client, callback, session)
            let connection = try #require(try await deps.connections.connections(userID: "demo-ada").first)

            let shares = ["platform": "mastodon", "outcome": "published", "reason": "none", "origin": "manual"]
            let before = try await Self.scrape(client)
            #expect(before.value("social_shares_total", shares) == nil)

            try await client.execute(
                uri: "/social/share/", method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(
                    string: FormEncoding.encode([
                        ("_csrf", session.csrf), ("url", "https://blog.rose-ash.example/posts/kiln"), ("title", "Kiln diaries"),
                        ("idempotency_key", "metrics-share-1"), ("account", "\(connection.id)"),
                    ]))
            ) { response in
                #expect(String(buffer: response.body).contains("Published"))
            }
            #expect(try await flow.posts("mastodon").count == 1)

            let after = try await Self.scrape(client)
            #expect(after.value("social_shares_total", shares) == 1)
            // The status post, by its endpoint pattern: the instance and any id never become labels.
            let post = ["platform": "mastodon", "endpoint": "POST {instance}/api/v1/statuses"]
            #expect(after.value("social_platform_calls_total", post.merging(["result": "2xx"]) { $1 }) == 1)
            #expect(after.families["social_platform_call_duration_seconds"]?.type == "histogram")
            let buckets = after.samples("social_platform_call_duration_seconds_bucket", post)
            #expect(
                buckets.compactMap { $0.labels["le"] } == [
                    "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "15.0", "30.0", "60.0", "+Inf",
                ])
            #expect(after.value("social_platform_call_duration_seconds_count", post) == 1)
            // Connecting called the instance too (NodeInfo, app registration, token, account).
            #expect(after.samples("social_platform_calls_total", ["platform": "mastodon"]).count > 1)
            for sample in after.samples("social_platform_calls_total") {
                let endpoint = sample.labels["endpoint"] ?? ""
                #expect(!endpoint.contains("mastodon.social") && !endpoint.contains("109000000000000001"), "\(endpoint)")
            }
            // Requests by route pattern and status.
            let routes = after.samples("social_http_requests_total").map { "\($0.labels)" }
            #expect(after.value("social_http_requests_total", ["route": "/social/share", "method": "POST", "status": "200"]) == 1, "\(routes)")
            #expect(after.value("social_http_requests_total", ["route": "/metrics", "method": "GET", "status": "200"]) == 1)
            #expect(after.samples("social_http_requests_total", ["route": "/social/callback/{platform}", "status": "303"]).count == 1)
        }
    }

    @Test func routesAreLabelledByPatternNeverByRawPath() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.live) { client in
            try await client.execute(uri: "/no/such/page-12345", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/fragments/share-button?url=%00", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            let text = try await Self.scrape(client)
            #expect(text.value("social_http_requests_total", ["route": "not_found", "method": "GET", "status": "404"]) == 1)
            #expect(text.value("social_http_requests_total", ["route": "/healthz", "method": "GET", "status": "200"]) == 1)
            let routes = Set(text.samples("social_http_requests_total").compactMap { $0.labels["route"] })
            #expect(!routes.contains { $0.contains("12345") || $0.contains("?") }, "\(routes)")
            #expect(text.samples("social_http_requests_total", ["status": "400"]).count == 1)
        }
    }

    @Test func webhookDeliveriesAreCountedByResult() async throws {
        let deps = AppDependencies.inMemory(apps: [PublishWebhookTests.blog])
        let app = try await buildApplication(configuration: TestEnvironment.configuration(), dependencies: deps, logger: TestEnvironment.logger)
        try await app.test(.live) { client in
            let body = PublishWebhookTests.body()
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
                ) { #expect($0.status == .accepted) }
            }
            try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body, secret: "not-the-secret-0123456789abcdef"),
                body: ByteBuffer(string: body)
            ) { #expect($0.status == .unauthorized) }
            try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body)
            ) {
                #expect($0.status == .unauthorized)
            }
            let text = try await Self.scrape(client)
            for (result, count) in [("accepted", 1.0), ("duplicate", 1), ("bad_signature", 1), ("unsigned", 1)] {
                #expect(text.value("social_webhooks_total", ["webhook": "publish", "result": result]) == count, "\(result)")
            }
            // The stored event waits for the resolver: the queue gauge says so.
            #expect(text.value("social_queue_waiting", ["queue": "publish_events"]) == 1)
            #expect(text.value("social_queue_waiting", ["queue": "auto_shares"]) == 0)
            #expect((text.value("social_queue_oldest_waiting_seconds", ["queue": "publish_events"]) ?? -1) >= 0)
        }
    }

    @Test func fragmentCacheHitsAndMissesAreShown() async throws {
        let app = try await TestEnvironment.app()
        try await app.test(.live) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/fragments/share-button?url=https%3A%2F%2Fblog.example%2Fa", method: .get) {
                    #expect($0.status == .ok)
                }
            }
            let text = try await Self.scrape(client)
            let button = ["fragment": "share-button"]
            #expect(text.value("social_fragment_cache_misses_total", button) == 1)
            #expect(text.value("social_fragment_cache_hits_total", button) == 2)
            #expect(text.value("social_fragment_cache_entries", button) == 1)
            // A second scrape adds nothing new: the counters follow the cache's totals.
            let again = try await Self.scrape(client)
            #expect(again.value("social_fragment_cache_hits_total", button) == 2)
        }
    }

    @Test func tokenRefreshesAreCountedByResult() async throws {
        let metrics = ServiceMetrics()
        let connections = MemoryConnectionRepository(metrics: metrics)
        let result = OAuthResult(platformUserID: "42", accessToken: "old", refreshToken: "refresh", expiresAt: Date().addingTimeInterval(10))
        guard case .created(let connection) = try await connections.connect(userID: "u", platform: .twitter, result: result) else {
            Issue.record("not created")
            return
        }
        var fresh = result
        fresh.accessToken = "new"
        fresh.expiresAt = Date().addingTimeInterval(7200)
        let refreshed = fresh
        _ = try await connections.refreshLocked(id: connection.id, userID: "u", margin: 300, staleAccessToken: nil) { _ in refreshed }
        // Fresh now: a second share finds nothing to do.
        _ = try await connections.refreshLocked(id: connection.id, userID: "u", margin: 300, staleAccessToken: nil) { _ in refreshed }
        await #expect(throws: PlatformError.self) {
            _ = try await connections.refreshLocked(id: connection.id, userID: "u", margin: 300, staleAccessToken: "new") { _ throws(PlatformError) in
                throw PlatformError(.invalidGrant, .twitter, "revoked")
            }
        }
        let text = try PrometheusText(metrics.render())
        for (outcome, count) in [("refreshed", 1.0), ("already_fresh", 1), ("invalid_grant", 1)] {
            #expect(text.value("social_token_refreshes_total", ["platform": "twitter", "result": outcome]) == count, "\(outcome)")
        }
    }

    @Test func aMetricsTokenIsRequiredWhenSet() async throws {
        let token = "metrics-token-0123456789abcdef0123456789"
        let app = try await TestEnvironment.app(["METRICS_TOKEN": token])
        try await app.test(.live) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(token)x"]) {
                #expect($0.status == .unauthorized)
            }
            _ = try await Self.scrape(client, headers: [.authorization: "Bearer \(token)"])
        }
    }

    @Test func anHTTPSDeploymentServesMetricsOnItsMainPortOnlyWithAToken() async throws {
        let https = ["PUBLIC_BASE_URL": "https://social.rose-ash.example", "SOCIAL_DEV_LOGIN": "0"]
        try await TestEnvironment.app(https).test(.live) { client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func aMetricsPortTakesMetricsOffTheMainPort() async throws {
        let port = try FreePort.find()
        let app = try await TestEnvironment.app(["METRICS_PORT": "\(port)"])
        try await app.test(.live) { client in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            let (status, body) = try await FreePort.get("http://127.0.0.1:\(port)/metrics")
            #expect(status == 200)
            let text = try PrometheusText(body)
            // The main port's requests are counted; the metrics port's scrapes are not requests of the service.
            #expect(text.value("social_http_requests_total", ["route": "/healthz", "method": "GET", "status": "200"]) == 1)
            #expect(text.samples("social_http_requests_total", ["route": "/metrics"]).isEmpty)
        }
    }
}
