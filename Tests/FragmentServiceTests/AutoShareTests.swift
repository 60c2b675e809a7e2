import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platforms
import PostgresNIO
import SocialCore
import Testing

@testable import FragmentService

@Suite struct AutoShareTests {
    /// POSTs JSON with a Bearer token; returns status and body.
    static func api(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, json: String? = nil
    ) async throws -> (HTTPResponse.Status, String) {
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
                json:
                    #"{"connection_id":\#(connection),"mode":"auto","content_types":["blog_post"],"tags":["pottery"],"message_template":"New: {title} {hashtags}"}"#
            )
            #expect(created == .created)
            let rule = try JSONDecoder.api.decode(ShareRule.self, from: Data(body.utf8))
            #expect(rule.tagsMatch == .any && rule.enabled)

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
                json: #"{"connection_id":999,"mode":"sometimes","content_types":["podcast"],"delay_seconds":-1,"message_template":"{nope} "#
                    + String(repeating: "x", count: 10) + #""}"#)
            #expect(invalid == .unprocessableContent)
            for field in ["connection_id", "mode", "content_types", "delay_seconds", "message_template"] {
                #expect(problems.contains(#""\#(field)""#))
            }
            // Another person's connection is refused as if it did not exist.
            let (foreign, foreignBody) = try await Self.api(
                client, .post, "/api/v1/rules", token: other, json: #"{"connection_id":\#(connection),"mode":"auto"}"#)
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
            _ = try await Self.api(
                client, .post, "/api/v1/rules", token: token,
                json: #"{"connection_id":\#(mastodon),"mode":"auto","tags":["pottery"],"message_template":"{title} {hashtags}"}"#)
            // Matches nothing: the X rule wants events.
            _ = try await Self.api(
                client, .post, "/api/v1/rules", token: token, json: #"{"connection_id":\#(x),"mode":"auto","content_types":["event"]}"#)

            let body = PublishWebhookTests.body()
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
                ) {
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
            let (_, mastodon, token) = try await AutoShareTests.mastodonWithAutoRule(flow, deps, client)
            try await deps.connections.markNeedsReconnect(id: mastodon, reason: "The access token was revoked")
            let body = PublishWebhookTests.body(eventID: "evt-9")
            _ = try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
            ) { $0.status }
            try await Self.runWorkers(deps)
            let (_, jobs) = try await Self.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains(#""state":"waiting_reconnect""#))
            #expect(jobs.contains("reconnect Mastodon"))
            #expect(try await flow.posts("mastodon").isEmpty)
        }
    }

    /// One pass of the background work a running service does after a webhook.
    /// `user-1` signed in, Mastodon connected through the pages, and an auto rule for it.
    static func mastodonWithAutoRule(
        _ flow: ConnectFlow, _ deps: ConnectFlow.Dependencies, _ client: some TestClientProtocol
    ) async throws -> (session: BrowserSession, connection: Int64, token: String) {
        let session = try await BrowserSession.signedIn(client, as: "user-1")
        try await SharePageTests.connectMastodon(flow, client, session)
        let mastodon = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
        let token = try await TestEnvironment.token(sub: "user-1")
        _ = try await api(client, .post, "/api/v1/rules", token: token, json: #"{"connection_id":\#(mastodon),"mode":"auto"}"#)
        return (session, mastodon, token)
    }

    static func runWorkers(_ deps: ConnectFlow.Dependencies) async throws {
        // The workers `serve` runs, built by the same composition root.
        let configuration = try TestEnvironment.configuration()
        await deps.resolver(configuration: configuration, logger: TestEnvironment.logger).drain()
        await deps.autoSharer(configuration: configuration, logger: TestEnvironment.logger).drain()
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
            let (_, post, _) = try await ConnectFlowTests.get(
                client, "/social/share/?url=https%3A%2F%2Fb.example%2F1&title=Post&type=blog_post", session)
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
            let (bad, badBody, _) = try await post(
                "/social/rules/", [("connection_id", "\(id)"), ("mode", "auto"), ("message_template", "{nope} <b>")], as: session)
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
            let (session, mastodon, token) = try await AutoShareTests.mastodonWithAutoRule(flow, deps, client)
            let body = PublishWebhookTests.body(eventID: "evt-crash")
            _ = try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
            ) { $0.status }

            // Resolve and plan, then "crash" mid-attempt: the job is claimed and its share is
            // recorded as pending, but the process dies before the platform answer is stored.
            await deps.resolver(configuration: try TestEnvironment.configuration(), logger: TestEnvironment.logger).drain()
            let job = try #require(try await deps.jobs.claimDue(limit: 1).first)
            guard
                case .started = try await deps.shares.start(
                    connectionID: mastodon, userID: "user-1", url: "https://blog.rose-ash.example/posts/kiln", title: "Kiln diaries", message: nil,
                    idempotencyKey: "auto-e\(job.eventID)-\(job.attempts)", shareAgain: false, origin: .auto)
            else { Issue.record("the interrupted attempt was not recorded"); return }

            // After the restart the job's lease has lapsed and it runs again, but the attempt is
            // still within its pending lease: the job waits for it and posts nothing.
            try await deps.jobs.park(id: job.id, reason: "lease lapsed", retryAt: Date().addingTimeInterval(-1), attempted: true)
            try await AutoShareTests.runWorkers(deps)
            var (_, jobs) = try await AutoShareTests.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains("still in progress"))
            #expect(try await flow.posts("mastodon").isEmpty)

            // Once the pending lease has passed the attempt counts as lost: unconfirmed, never re-posted.
            let memory = deps.shares
            let pending = try #require(try await memory.liveShares(userID: "user-1", url: "https://blog.rose-ash.example/posts/kiln")[mastodon])
            await memory.backdate(id: pending.id, by: memory.pendingLease + 1)
            try await deps.jobs.park(id: job.id, reason: "wait over", retryAt: Date().addingTimeInterval(-1), attempted: false)
            try await AutoShareTests.runWorkers(deps)
            (_, jobs) = try await AutoShareTests.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains(#""outcome":"unconfirmed""#))
            #expect(try await flow.posts("mastodon").isEmpty)
            let (_, history, _) = try await ConnectFlowTests.get(client, "/social/history/", session)
            #expect(history.contains("unconfirmed"))
        }
    }
}

/// A pending share whose process died is made unconfirmed after its
/// lease, whoever owned it; the auto-share worker never settles an attempt that is not its own.
@Suite struct DurableShareStateTests {
    static let kiln = "https://blog.rose-ash.example/posts/kiln"

    @Test func aManualShareInFlightIsNotSettledByTheAutoShareWorker() async throws {
        try await ConnectFlow.with(apps: [PublishWebhookTests.blog]) { flow, deps, client in
            let (_, mastodon, token) = try await AutoShareTests.mastodonWithAutoRule(flow, deps, client)
            // A manual share of the same URL is being posted right now (recorded, not yet answered).
            guard
                case .started(let manual) = try await deps.shares.start(
                    connectionID: mastodon, userID: "user-1", url: Self.kiln, title: "Kiln diaries", message: nil, idempotencyKey: "manual-form-1",
                    shareAgain: false, origin: .manual)
            else { Issue.record("the manual share did not start"); return }
            let body = PublishWebhookTests.body(eventID: "evt-during-manual")
            _ = try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
            ) { $0.status }
            try await AutoShareTests.runWorkers(deps)

            // The manual share is still pending (not made unconfirmed by the worker), nothing was posted twice.
            let live = try await deps.shares.liveShares(userID: "user-1", url: Self.kiln)
            #expect(live[mastodon]?.id == manual.id)
            #expect(live[mastodon]?.status == .pending)
            var (_, jobs) = try await AutoShareTests.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains("still in progress"))

            // The manual share then publishes; the job, run again, finds it already shared.
            _ = try await deps.shares.finish(id: manual.id, result: .published(id: "109", url: "https://mastodon.social/@ada/109"))
            let job = try #require(try await deps.jobs.jobs(userID: "user-1", limit: 1).first)
            try await deps.jobs.park(id: job.id, reason: "again", retryAt: Date().addingTimeInterval(-1), attempted: false)
            try await AutoShareTests.runWorkers(deps)
            (_, jobs) = try await AutoShareTests.api(client, .get, "/api/v1/auto-shares", token: token)
            #expect(jobs.contains(#""outcome":"already_shared""#))
            #expect(try await flow.posts("mastodon").isEmpty)
        }
    }

    @Test func aPendingShareOlderThanItsLeaseIsShownUnconfirmedNotForeverInProgress() async throws {
        try await ConnectFlow.with(apps: [PublishWebhookTests.blog]) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let mastodon = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            guard
                case .started(let lost) = try await deps.shares.start(
                    connectionID: mastodon, userID: "user-1", url: Self.kiln, title: "Kiln diaries", message: nil, idempotencyKey: "died-mid-post",
                    shareAgain: false, origin: .manual)
            else { Issue.record("the attempt did not start"); return }
            let memory = deps.shares
            await memory.backdate(id: lost.id, by: memory.pendingLease + 1)

            // Sharing again from the page: the lost attempt is described as unconfirmed, not
            // "already being posted", and nothing is posted without an explicit "share again".
            let order = ShareOrder(
                userID: "user-1",
                content: ShareContent(url: Self.kiln, title: "Kiln diaries", description: nil, imageURL: nil, message: nil, idempotencyKey: "form-2"),
                connectionIDs: [mastodon], origin: .manual)
            let service = ShareService(connections: deps.connections, shares: deps.shares, registry: deps.registry, logger: TestEnvironment.logger)
            let outcome = try #require(await service.share(order).first)
            #expect(outcome.kind == .unconfirmed)
            #expect(outcome.message?.contains("check the account") == true)
            #expect(try await flow.posts("mastodon").isEmpty)
        }
    }

    @Test func thePostgresLeaseMakesEveryStalePendingShareUnconfirmed() async throws {
        guard TestDatabase.isAvailable else { return }
        try await TestDatabase.withDatabase { client in
            let c = try await TestDatabase.userWithConnection(client)
            let fresh = PostgresShareRepository(client: client, logger: TestDatabase.logger)
            guard
                case .started(let first) = try await fresh.start(
                    connectionID: c.id, userID: "u1", url: "https://a.example/", title: "A", message: nil, idempotencyKey: "k1", shareAgain: false,
                    origin: .manual)
            else { Issue.record("did not start"); return }
            // Within the lease nothing changes.
            #expect(try await fresh.expireStalePending() == 0)
            // A lease of zero makes the attempt stale at once: the sweep, and a new start, settle it.
            let expired = PostgresShareRepository(client: client, logger: TestDatabase.logger, pendingLease: 0)
            #expect(try await expired.expireStalePending() == 1)
            let live = try await expired.liveShares(userID: "u1", url: "https://a.example/")
            #expect(live[c.id]?.id == first.id)
            #expect(live[c.id]?.status == .unconfirmed)
            #expect(live[c.id]?.errorMessage == ShareRecord.lostAttemptMessage)
            guard
                case .alreadyShared(let earlier) = try await expired.start(
                    connectionID: c.id, userID: "u1", url: "https://a.example/", title: "A", message: nil, idempotencyKey: "k2", shareAgain: false,
                    origin: .manual)
            else { Issue.record("an unconfirmed attempt did not block a second post"); return }
            #expect(earlier.status == .unconfirmed)
        }
    }

    @Test func anAutoShareJobThatKeepsKillingItsWorkerIsGivenUpWithAReason() async throws {
        try await Self.exhaust(MemoryAutoShareRepository())
        guard TestDatabase.isAvailable else { return }
        try await TestDatabase.withDatabase { client in
            let c = try await TestDatabase.userWithConnection(client)
            let rules = PostgresRuleRepository(client: client, logger: TestDatabase.logger)
            let input = try JSONDecoder().decode(ShareRuleInput.self, from: Data(#"{"connection_id":\#(c.id),"mode":"auto"}"#.utf8))
            let rule = try #require(try await rules.save(input, id: nil, userID: "u1"))
            try await PostgresContentAppRepository(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: TestDatabase.logger)
                .save(PublishWebhookTests.blog)
            let event = try await PostgresPublishEventRepository(client: client, logger: TestDatabase.logger).record(
                NewPublishEvent(appID: "blog", eventID: "e1", contentType: "blog_post", url: "https://blog.rose-ash.example/a", title: "A")
            ).event
            try await Self.exhaust(
                PostgresAutoShareRepository(client: client, logger: TestDatabase.logger, lease: 0), eventID: event.id, ruleID: rule.id,
                connectionID: c.id)
        }
    }

    /// Claims a job `maxAttempts` times without settling it (as a worker that dies would), then
    /// checks the next claim gives it up with its reason instead of running it.
    private static func exhaust(
        _ jobs: some AutoShareRepository, eventID: Int64 = 1, ruleID: Int64 = 1, connectionID: Int64 = 1
    ) async throws {
        _ = try await jobs.enqueue(
            eventID: eventID, ruleID: ruleID, connectionID: connectionID, userID: "u1", message: nil, runAfter: Date().addingTimeInterval(-1))
        for _ in 0..<AutoShareJob.maxAttempts {
            let claimed = try await jobs.claimDue(limit: 1)
            #expect(claimed.count == 1)
            try await jobs.park(id: try #require(claimed.first).id, reason: "lease lapsed", retryAt: Date().addingTimeInterval(-1), attempted: true)
        }
        #expect(try await jobs.claimDue(limit: 1).isEmpty)
        let job = try #require(try await jobs.jobs(userID: "u1", limit: 1).first)
        #expect(job.state == .done)
        #expect(job.outcome == .failed)
        #expect(job.detail == AutoShareJob.exhaustedDetail)
    }

    @Test func waitingForAReconnectDoesNotUseUpAttempts() async throws {
        let jobs = MemoryAutoShareRepository()
        _ = try await jobs.enqueue(eventID: 1, ruleID: 1, connectionID: 1, userID: "u1", message: nil, runAfter: Date().addingTimeInterval(-1))
        for _ in 0..<(AutoShareJob.maxAttempts * 2) {
            let claimed = try #require(try await jobs.claimDue(limit: 1).first)
            try await jobs.park(id: claimed.id, reason: "Waiting: reconnect", retryAt: Date().addingTimeInterval(-1), attempted: false)
        }
        let job = try #require(try await jobs.jobs(userID: "u1", limit: 1).first)
        #expect(job.state == .waitingReconnect)
        #expect(job.attempts == 0)
    }
}

extension TestDatabase {
    /// User `u1` with one X connection, in a test database.
    static func userWithConnection(_ client: PostgresClient) async throws -> SocialConnection {
        try await client.query("INSERT INTO users (id) VALUES ('u1')")
        let connections = PostgresConnectionRepository(client: client, fernet: try Fernet(keyList: FernetKey.generate()), logger: logger)
        guard
            case .created(let connection) = try await connections.connect(
                userID: "u1", platform: .twitter, result: ConnectionRepositoryTests.result("x1"))
        else { throw HarnessFailure("the connection was not created") }
        return connection
    }
}
