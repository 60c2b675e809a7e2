import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import Testing

@testable import FragmentService

@Suite struct AutoShareTests {
    /// POSTs JSON with a Bearer token; returns status and body.
    static func api(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, json: String? = nil) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: uri, method: method, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: json.map { ByteBuffer(string: $0) }
        ) { ($0.status, String(buffer: $0.body)) }
    }

    @Test func rulesAPICreatesListsUpdatesDeletesAndValidates() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let connection = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            let token = try await TestEnvironment.token(sub: "user-1")
            let other = try await TestEnvironment.token(sub: "user-2")

            let (created, body) = try await Self.api(
                client, .post, "/api/v1/rules", token: token,
                json: #"{"connection_id":\#(connection),"mode":"auto","content_types":["blog_post"],"tags":["pottery"],"message_template":"New: {title} {hashtags}"}"#)
            #expect(created == .created)
            let rule = try JSONDecoder.api.decode(ShareRule.self, from: Data(body.utf8))
            #expect(rule.tagsMatch == "any" && rule.enabled)

            let (listed, list) = try await Self.api(client, .get, "/api/v1/rules", token: token)
            #expect(listed == .ok && list.contains(#""id":\#(rule.id)"#))
            let (_, otherList) = try await Self.api(client, .get, "/api/v1/rules", token: other)
            #expect(otherList == #"{"rules":[]}"#)
            let (hidden, _) = try await Self.api(client, .get, "/api/v1/rules/\(rule.id)", token: other)
            #expect(hidden == .notFound)

            let (updated, updatedBody) = try await Self.api(
                client, .put, "/api/v1/rules/\(rule.id)", token: token, json: #"{"connection_id":\#(connection),"mode":"one_click","enabled":false}"#)
            #expect(updated == .ok && updatedBody.contains(#""mode":"one_click""#))

            let (invalid, problems) = try await Self.api(
                client, .post, "/api/v1/rules", token: token,
                json: #"{"connection_id":999,"mode":"sometimes","content_types":["podcast"],"delay_seconds":-1,"message_template":"{nope} "# + String(repeating: "x", count: 10) + #""}"#)
            #expect(invalid == .unprocessableContent)
            for field in ["connection_id", "mode", "content_types", "delay_seconds", "message_template"] { #expect(problems.contains(#""\#(field)""#)) }
            // Another person's connection is refused as if it did not exist.
            let (foreign, foreignBody) = try await Self.api(client, .post, "/api/v1/rules", token: other, json: #"{"connection_id":\#(connection),"mode":"auto"}"#)
            #expect(foreign == .unprocessableContent && foreignBody.contains("not one of your connected accounts"))
            // A template that alone exceeds the platform's limit.
            let (long, longBody) = try await Self.api(
                client, .post, "/api/v1/rules", token: token,
                json: #"{"connection_id":\#(connection),"mode":"auto","message_template":"\#(String(repeating: "y", count: 600))"}"#)
            #expect(long == .unprocessableContent && longBody.contains("limit is 500"))

            let (deleted, _) = try await Self.api(client, .delete, "/api/v1/rules/\(rule.id)", token: token)
            #expect(deleted == .noContent)
            let (gone, _) = try await Self.api(client, .delete, "/api/v1/rules/\(rule.id)", token: token)
            #expect(gone == .notFound)
        }
    }

    @Test func aSignedWebhookIsAutoSharedToMatchingRulesOnlyAndNeverTwice() async throws {
        try await ConnectFlow.with(apps: [PublishWebhookTests.blog]) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let (_, _, location) = try await ConnectFlowTests.start(client, "twitter", session)
            _ = try await ConnectFlowTests.get(client, try await flow.consent(at: try #require(location), account: "1500000000000000001"), session)
            let accounts = try await deps.connections.connections(userID: "user-1")
            let mastodon = try #require(accounts.first { $0.platform == .mastodon }?.id)
            let x = try #require(accounts.first { $0.platform == .twitter }?.id)
            let token = try await TestEnvironment.token(sub: "user-1")
            _ = try await Self.api(client, .post, "/api/v1/rules", token: token, json: #"{"connection_id":\#(mastodon),"mode":"auto","tags":["pottery"],"message_template":"{title} {hashtags}"}"#)
            // Matches nothing: the X rule wants events.
            _ = try await Self.api(client, .post, "/api/v1/rules", token: token, json: #"{"connection_id":\#(x),"mode":"auto","content_types":["event"]}"#)

            let body = PublishWebhookTests.body()
            for _ in 0..<2 {
                try await client.execute(uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)) {
                    #expect($0.status == .accepted)
                }
                try await Self.runWorkers(deps)
            }
            let posts = try await flow.posts("mastodon")
            #expect(posts.count == 1)
            #expect((posts.first?["text"] as? String)?.contains("Kiln diaries #pottery") == true)
            #expect(try await flow.posts("twitter").isEmpty)
            let (_, jobs) = try await Self.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains(#""outcome":"published""#))
            let (_, history, _) = try await ConnectFlowTests.get(client, "/social/history/", session)
            #expect(history.contains("published"))
        }
    }

    @Test func aConnectionThatNeedsReconnectingParksItsAutoSharesWithAReason() async throws {
        try await ConnectFlow.with(apps: [PublishWebhookTests.blog]) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let mastodon = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            let token = try await TestEnvironment.token(sub: "user-1")
            _ = try await Self.api(client, .post, "/api/v1/rules", token: token, json: #"{"connection_id":\#(mastodon),"mode":"auto"}"#)
            try await deps.connections.markNeedsReconnect(id: mastodon, reason: "The access token was revoked")
            let body = PublishWebhookTests.body(eventID: "evt-9")
            _ = try await client.execute(uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)) { $0.status }
            try await Self.runWorkers(deps)
            let (_, jobs) = try await Self.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains(#""state":"waiting_reconnect""#))
            #expect(jobs.contains("reconnect Mastodon"))
            #expect(try await flow.posts("mastodon").isEmpty)
        }
    }

    /// One pass of the background work a running service does after a webhook.
    static func runWorkers(_ deps: ConnectFlow.Dependencies) async throws {
        let planner = AutoSharePlanner(rules: deps.rules, connections: deps.connections, jobs: deps.jobs, signal: WakeSignal(), logger: TestEnvironment.logger)
        let resolver = PublishEventWorker(
            apps: deps.apps, events: deps.events, items: deps.items, pages: nil, signal: WakeSignal(), logger: TestEnvironment.logger,
            afterResolve: { try await planner.plan(event: $0, record: $1) })
        await resolver.drain()
        let service = ShareService(connections: deps.connections, shares: deps.shares, registry: deps.registry, logger: TestEnvironment.logger)
        await AutoShareWorker(
            connections: deps.connections, shares: deps.shares, jobs: deps.jobs, events: deps.events, items: deps.items, service: service,
            signal: WakeSignal(), logger: TestEnvironment.logger
        ).drain()
    }
}

extension JSONDecoder {
    /// Decodes the API's JSON (ISO 8601 dates).
    static var api: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

@Suite struct OneClickRuleTests {
    @Test func aOneClickRulePreselectsItsAccountForMatchingContentOnly() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let id = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            let token = try await TestEnvironment.token(sub: "user-1")
            _ = try await AutoShareTests.api(
                client, .post, "/api/v1/rules", token: token, json: #"{"connection_id":\#(id),"mode":"one_click","content_types":["event"]}"#)
            let (_, event, _) = try await ConnectFlowTests.get(client, "/social/share/?url=https%3A%2F%2Fe.example%2F1&title=Gig&type=event", session)
            #expect(event.contains(#"value="\#(id)" aria-describedby="count-\#(id)" checked"#) || event.contains(#"value="\#(id)" checked"#))
            let (_, post, _) = try await ConnectFlowTests.get(client, "/social/share/?url=https%3A%2F%2Fb.example%2F1&title=Post&type=blog_post", session)
            #expect(!post.contains("checked"))
        }
    }
}

@Suite struct RulesPageTests {
    @Test func rulesAreAddedToggledAndDeletedOnTheirPageWithFieldErrors() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let id = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            func post(_ uri: String, _ fields: [(String, String)], as who: BrowserSession) async throws -> (HTTPResponse.Status, String, String?) {
                try await client.execute(
                    uri: uri, method: .post, headers: [.cookie: who.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: FormEncoding.encode([("_csrf", who.csrf)] + fields))
                ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
            }
            let (bad, badBody, _) = try await post("/social/rules/", [("connection_id", "\(id)"), ("mode", "auto"), ("message_template", "{nope} <b>")], as: session)
            #expect(bad == .unprocessableContent)
            #expect(badBody.contains("unknown placeholder {nope}"))
            let (ok, _, location) = try await post(
                "/social/rules/", [("connection_id", "\(id)"), ("mode", "auto"), ("tags", "pottery, kilns"), ("enabled", "on")], as: session)
            #expect(ok == .seeOther && location == "/social/rules/?saved=1")
            let rule = try #require(try await deps.rules.rules(userID: "user-1").first)
            #expect(rule.tags == ["pottery", "kilns"] && rule.enabled)
            let (_, page, _) = try await ConnectFlowTests.get(client, "/social/rules/", session)
            #expect(page.contains("any of #pottery #kilns"))

            _ = try await post("/social/rules/\(rule.id)/toggle/", [], as: session)
            #expect(try await deps.rules.rule(id: rule.id, userID: "user-1")?.enabled == false)
            let other = try await BrowserSession.signedIn(client, as: "user-2")
            let (hidden, _, _) = try await post("/social/rules/\(rule.id)/delete/", [], as: other)
            #expect(hidden == .notFound)
            try await client.execute(uri: "/social/rules/\(rule.id)/delete/", method: .post, headers: [.cookie: session.cookie]) {
                #expect($0.status == .forbidden)
            }
            _ = try await post("/social/rules/\(rule.id)/delete/", [], as: session)
            #expect(try await deps.rules.rules(userID: "user-1").isEmpty)
        }
    }
}

@Suite struct AutoShareRestartTests {
    @Test func anAttemptInterruptedAfterItWasRecordedIsMarkedUnconfirmedNotPostedAgain() async throws {
        try await ConnectFlow.with(apps: [PublishWebhookTests.blog]) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let mastodon = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            let token = try await TestEnvironment.token(sub: "user-1")
            _ = try await AutoShareTests.api(client, .post, "/api/v1/rules", token: token, json: #"{"connection_id":\#(mastodon),"mode":"auto"}"#)
            let body = PublishWebhookTests.body(eventID: "evt-crash")
            _ = try await client.execute(uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)) { $0.status }

            // Resolve and plan, then "crash" mid-attempt: the job is claimed and its share is
            // recorded as pending, but the process dies before the platform answer is stored.
            let planner = AutoSharePlanner(rules: deps.rules, connections: deps.connections, jobs: deps.jobs, signal: WakeSignal(), logger: TestEnvironment.logger)
            await PublishEventWorker(
                apps: deps.apps, events: deps.events, items: deps.items, pages: nil, signal: WakeSignal(), logger: TestEnvironment.logger,
                afterResolve: { try await planner.plan(event: $0, record: $1) }
            ).drain()
            let job = try #require(try await deps.jobs.claimDue(limit: 1).first)
            guard case .started = try await deps.shares.start(
                connectionID: mastodon, userID: "user-1", url: "https://blog.rose-ash.example/posts/kiln", title: "Kiln diaries", message: nil,
                idempotencyKey: "auto-\(job.id)-\(job.attempts)", shareAgain: false, origin: "auto")
            else { Issue.record("the interrupted attempt was not recorded"); return }

            // After the restart the lease has lapsed and the job runs again.
            try await deps.jobs.park(id: job.id, reason: "lease lapsed", retryAt: Date().addingTimeInterval(-1))
            try await AutoShareTests.runWorkers(deps)
            let (_, jobs) = try await AutoShareTests.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains(#""outcome":"unconfirmed""#))
            #expect(try await flow.posts("mastodon").isEmpty)
            let (_, history, _) = try await ConnectFlowTests.get(client, "/social/history/", session)
            #expect(history.contains("unconfirmed"))
        }
    }
}
