import Foundation
import Logging
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// The share service against the sandbox over real HTTP, with memory repositories.
@Suite struct ShareServiceTests {
    typealias Service = ShareService<MemoryConnectionRepository, MemoryShareRepository>

    /// Connects `account` on `platform` for `user` through the real client and consent page.
    static func connect(
        _ flow: ConnectFlow, _ registry: PlatformRegistry, _ connections: MemoryConnectionRepository, platform: PlatformName, account: String,
        user: String = "demo-ada", instance: String? = nil, expiresIn: TimeInterval? = nil
    ) async throws -> Int64 {
        let client = try #require(registry.platform(platform))
        let request = ConnectRequest(
            redirectURI: ConnectFlow.publicBase + "/social/callback/\(platform.rawValue)/", state: RandomToken.make(),
            codeVerifier: client.usesPKCE ? RandomToken.make(bytes: 48) : nil, instanceURL: instance.map { URL(string: $0)! })
        let authorize = SandboxRoute(sandboxURL: URL(string: "http://127.0.0.1:\(flow.sandboxPort)")).rewrite(
            try await client.authorizeURL(for: request))
        let callback = try await flow.consent(at: authorize.absoluteString, account: account)
        let code = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "code" }?.value)
        var result = try #require(try await client.exchangeCode(code, for: request).first)
        if let expiresIn { result.expiresAt = Date().addingTimeInterval(expiresIn) }
        guard case .created(let connection) = try await connections.connect(userID: user, platform: platform, result: result) else {
            throw HarnessFailure("connect did not create")
        }
        return connection.id
    }

    static func withService(_ body: @Sendable (ConnectFlow, Service, MemoryConnectionRepository, PlatformRegistry) async throws -> Void) async throws
    {
        try await ConnectFlow.with { flow, deps, _ in
            let connections = MemoryConnectionRepository()
            let service = ShareService(
                connections: connections, shares: MemoryShareRepository(), registry: deps.registry, logger: TestEnvironment.logger)
            try await body(flow, service, connections, deps.registry)
        }
    }

    static func order(
        _ ids: [Int64], url: String = "https://blog.rose-ash.example/posts/kiln", key: String = RandomToken.make(), again: Set<Int64> = []
    )
        -> ShareOrder
    {
        ShareOrder(
            userID: "demo-ada",
            content: ShareContent(
                url: url, title: "Kiln diaries", description: "Firing the anagama", message: "New on the blog", idempotencyKey: key),
            connectionIDs: ids, shareAgain: again)
    }

    @Test func sharesToSeveralPlatformsAtOnceAndNeverTwiceUnlessAskedTo() async throws {
        try await Self.withService { flow, service, connections, registry in
            let mastodon = try await Self.connect(
                flow, registry, connections, platform: .mastodon, account: "109000000000000001", instance: "https://mastodon.social")
            let x = try await Self.connect(flow, registry, connections, platform: .twitter, account: "1500000000000000001")
            let outcomes = await service.share(Self.order([mastodon, x]))
            #expect(outcomes.map(\.kind) == [.published, .published])
            #expect(outcomes.allSatisfy { $0.postURL?.hasPrefix("https://") == true })
            #expect(try await flow.posts("mastodon").count == 1)
            #expect(try await flow.posts("twitter").count == 1)
            #expect((try await flow.posts("twitter").first?["text"] as? String)?.contains("https://blog.rose-ash.example/posts/kiln") == true)

            // The same URL again: nothing posted, the earlier post linked.
            let again = await service.share(Self.order([mastodon, x]))
            #expect(again.map(\.kind) == [.alreadyShared, .alreadyShared])
            #expect(again[0].postURL == outcomes[0].postURL)
            #expect(try await flow.posts("mastodon").count == 1)

            // "Share again" on purpose posts once more.
            let repeated = await service.share(Self.order([mastodon], again: [mastodon]))
            #expect(repeated.map(\.kind) == [.published])
            #expect(try await flow.posts("mastodon").count == 2)
        }
    }

    @Test func aDoubleSubmittedFormPostsOnce() async throws {
        try await Self.withService { flow, service, connections, registry in
            let mastodon = try await Self.connect(
                flow, registry, connections, platform: .mastodon, account: "109000000000000001", instance: "https://mastodon.social")
            let order = Self.order([mastodon], key: "form-123")
            async let first = service.share(order)
            async let second = service.share(order)
            let results = await [first, second].flatMap { $0 }
            #expect(results.filter { $0.kind == .published }.count >= 1)
            #expect(try await flow.posts("mastodon").count == 1)
        }
    }

    @Test func onePlatformFailingDoesNotHideTheOthers() async throws {
        try await Self.withService { flow, service, connections, registry in
            let mastodon = try await Self.connect(
                flow, registry, connections, platform: .mastodon, account: "109000000000000001", instance: "https://mastodon.social")
            let x = try await Self.connect(flow, registry, connections, platform: .twitter, account: "1500000000000000001")
            _ = try await flow.fetch(
                "http://127.0.0.1:\(flow.sandboxPort)/_sandbox/failures", method: .POST,
                body: #"{"platform":"twitter","mode":"server_error","count":5}"#,
                contentType: "application/json")
            let outcomes = await service.share(Self.order([mastodon, x, 9999]))
            #expect(outcomes[0].kind == .published)
            #expect(outcomes[1].kind == .failed || outcomes[1].kind == .unconfirmed)
            #expect(outcomes[1].message?.isEmpty == false)
            #expect(outcomes[2].kind == .notFound)
        }
    }

    @Test func aNearlyExpiredTokenIsRefreshedOnceEvenForConcurrentShares() async throws {
        try await Self.withService { flow, service, connections, registry in
            let x = try await Self.connect(flow, registry, connections, platform: .twitter, account: "1500000000000000001", expiresIn: 60)
            async let a = service.share(Self.order([x], url: "https://blog.rose-ash.example/a"))
            async let b = service.share(Self.order([x], url: "https://events.rose-ash.example/b"))
            let results = await [a, b].flatMap { $0 }
            #expect(results.map(\.kind) == [.published, .published])
            #expect(await connections.refreshCount == 1)
            #expect(try await flow.posts("twitter").count == 2)
        }
    }

    /// Moves the sandbox clock, so a token the sandbox issued is as old as the test pretends.
    static func advanceSandboxClock(_ flow: ConnectFlow, by seconds: Int) async throws {
        _ = try await flow.fetch(
            "http://127.0.0.1:\(flow.sandboxPort)/_sandbox/clock", method: .POST, body: #"{"advance":\#(seconds)}"#, contentType: "application/json")
    }

    @Test func aThreadsTokenInsideItsRenewalWindowIsRenewedBeforePostingAndAYoungOneIsLeftAlone() async throws {
        try await Self.withService { flow, service, connections, registry in
            let threads = try await Self.connect(
                flow, registry, connections, platform: .threads, account: "26000000000000001", expiresIn: 20 * 86_400)
            let before = try #require(try await connections.connection(id: threads, userID: "demo-ada"))
            #expect(before.renewsByItself)

            // Inside the window but issued just now: Threads would refuse, so it is not asked.
            #expect(await service.share(Self.order([threads], url: "https://blog.rose-ash.example/young")).map(\.kind) == [.published])
            #expect(await connections.refreshCount == 0)

            // A day and more later: renewed first (a token good for 60 days from now), then posted.
            await connections.age(id: threads, by: 25 * 3600)
            try await Self.advanceSandboxClock(flow, by: 25 * 3600)
            #expect(await service.share(Self.order([threads], url: "https://blog.rose-ash.example/old")).map(\.kind) == [.published])
            #expect(await connections.refreshCount == 1)
            let after = try #require(try await connections.connection(id: threads, userID: "demo-ada"))
            #expect(after.accessToken != before.accessToken)
            #expect((after.tokenExpiresAt?.timeIntervalSinceNow ?? 0) > 50 * 86_400)
            #expect(try await flow.posts("threads").count == 2)
        }
    }

    @Test func theRenewalSweepRenewsOnlyThreadsTokensThatAreDue() async throws {
        try await Self.withService { flow, service, connections, registry in
            let threads = try await Self.connect(
                flow, registry, connections, platform: .threads, account: "26000000000000001", expiresIn: 10 * 86_400)
            let x = try await Self.connect(flow, registry, connections, platform: .twitter, account: "1500000000000000001", expiresIn: 60)
            let worker = TokenRenewalWorker(connections: connections, registry: registry, logger: TestEnvironment.logger)
            #expect(await worker.sweep() == 0)  // too young to renew

            await connections.age(id: threads, by: 25 * 3600)
            await connections.age(id: x, by: 25 * 3600)
            try await Self.advanceSandboxClock(flow, by: 25 * 3600)
            let xBefore = try await connections.connection(id: x, userID: "demo-ada")?.accessToken
            #expect(await worker.sweep() == 1)
            #expect(await worker.sweep() == 0)  // now fresh: outside the window
            #expect(try await connections.connection(id: x, userID: "demo-ada")?.accessToken == xBefore)
            #expect((try await connections.connection(id: threads, userID: "demo-ada")?.tokenExpiresAt?.timeIntervalSinceNow ?? 0) > 50 * 86_400)
            #expect(await service.share(Self.order([threads])).map(\.kind) == [.published])
        }
    }

    @Test func aThreadsTokenThePlatformNoLongerRenewsNeedsReconnecting() async throws {
        try await Self.withService { flow, service, connections, registry in
            let threads = try await Self.connect(
                flow, registry, connections, platform: .threads, account: "26000000000000001", expiresIn: 10 * 86_400)
            await connections.age(id: threads, by: 25 * 3600)
            // The sandbox's token dies (61 days on): the renewal is refused and the account must be reconnected.
            try await Self.advanceSandboxClock(flow, by: 61 * 86_400)
            let outcome = try #require(await service.share(Self.order([threads])).first)
            #expect(outcome.kind == .failed)
            #expect(outcome.errorKind == .needsReconnect)
            #expect(try await connections.connection(id: threads, userID: "demo-ada")?.status == .needsReconnect)
            #expect(try await flow.posts("threads").isEmpty)
        }
    }

    @Test func aDeadRefreshTokenMarksTheConnectionNeedsReconnect() async throws {
        try await Self.withService { flow, service, connections, registry in
            let x = try await Self.connect(flow, registry, connections, platform: .twitter, account: "1500000000000000001", expiresIn: 60)
            // Spend the refresh token elsewhere: X rotates it, so the stored one is now dead.
            let stored = try #require(try await connections.connection(id: x, userID: "demo-ada")?.credentials)
            _ = try await registry.platform(.twitter)!.refresh(stored)
            let outcome = try #require(await service.share(Self.order([x])).first)
            #expect(outcome.kind == .failed)
            #expect(outcome.errorKind == .needsReconnect)
            #expect(try await connections.connection(id: x, userID: "demo-ada")?.status == .needsReconnect)
            #expect(try await flow.posts("twitter").isEmpty)
        }
    }

    @Test func anAccountKnownToNeedReconnectingIsNeitherAttemptedNorRecorded() async throws {
        try await Self.withService { flow, service, connections, registry in
            let x = try await Self.connect(flow, registry, connections, platform: .twitter, account: "1500000000000000001")
            try await connections.markNeedsReconnect(id: x, reason: "The access token was revoked")
            let outcome = try #require(await service.share(Self.order([x])).first)
            #expect(outcome.kind == .failed && outcome.errorKind == .needsReconnect && outcome.shareID == nil)
            #expect(outcome.message?.contains("The access token was revoked") == true)
            #expect(try await service.shares.history(userID: "demo-ada", limit: 10, offset: 0).isEmpty)
            #expect(try await flow.posts("twitter").isEmpty)
        }
    }

    @Test func anotherPersonsConnectionCannotBeUsed() async throws {
        try await Self.withService { flow, service, connections, registry in
            let graceX = try await Self.connect(flow, registry, connections, platform: .twitter, account: "1500000000000000002", user: "demo-grace")
            let outcome = try #require(await service.share(Self.order([graceX])).first)
            #expect(outcome.kind == .notFound)
            #expect(try await flow.posts("twitter").isEmpty)
        }
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
