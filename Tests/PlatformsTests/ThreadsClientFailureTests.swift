import Foundation
import Testing

@testable import Platforms

/// Sandbox failure modes on Threads shares: where they hit (container or publish) decides the outcome.
@Suite struct ThreadsClientFailureTests {
    typealias S = MetaTestSupport

    func sharing(
        after mode: String, on path: String? = nil, latency: Double? = nil, timeout: Duration = .seconds(10)
    ) async throws -> (ShareResult, posts: Int) {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = ThreadsClient(
                app: S.threadsApp, transport: sandbox.transport, timeout: timeout,
                polling: MetaContainerPolling(attempts: 5, interval: .milliseconds(300)))
            let results = try await S.connect(client, redirect: S.threadsRedirect, account: S.adaThreads, in: sandbox)
            let credentials = S.credentials(try #require(results.first))
            if let path {
                try await S.fail("threads", mode: mode, pathContains: path, in: sandbox)
            } else {
                try await sandbox.fail("threads", mode: mode, latency: latency)
            }
            let result = await client.share(S.content(), using: credentials)
            #expect(result.message?.contains(credentials.accessToken) != true)
            return (result, try await sandbox.posts(platform: "threads").count)
        }
    }

    @Test func expiredTokenAsksForReconnect() async throws {
        let (result, posts) = try await sharing(after: "expired_token")
        #expect(result.errorKind == .needsReconnect)
        #expect(posts == 0)
    }

    @Test func revokedTokenAsksForReconnect() async throws {
        let (result, _) = try await sharing(after: "revoked_token")
        #expect(result.errorKind == .needsReconnect)
    }

    @Test func rateLimitIsRateLimited() async throws {
        let (result, _) = try await sharing(after: "rate_limit")
        #expect(result.errorKind == .rateLimited)
    }

    @Test func serverErrorAtContainerCreationFailsAsTransient() async throws {
        let (result, posts) = try await sharing(after: "server_error")
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .transient)
        #expect(posts == 0)
    }

    @Test func malformedContainerAnswerFailsSafelyBecauseNothingWasPublished() async throws {
        let (result, posts) = try await sharing(after: "malformed", on: "/threads")
        #expect(result.outcome == .failed)
        #expect(posts == 0)
    }

    @Test func clientTimeoutAtContainerCreationFailsAsTransient() async throws {
        let (result, posts) = try await sharing(after: "timeout", latency: 15, timeout: .seconds(5))
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .transient)
        #expect(posts == 0)
    }

    @Test func lostPublishAnswerIsResolvedFromContainerStatusAndNeverPublishedTwice() async throws {
        let (result, posts) = try await sharing(after: "lost_response", on: "threads_publish")
        #expect(result.outcome == .published)
        #expect(result.platformPostURL == "https://www.threads.com/@ada.threads")
        #expect(posts == 1)
    }

    @Test func publishTimeoutBeforeItRanIsRetriedOnceWithTheSameContainer() async throws {
        // The publish call hangs until the client's timeout; the status check and the retry that
        // follow must fit in it too, so it leaves room for a machine busy with the whole suite.
        let (result, posts) = try await sharing(after: "timeout", on: "threads_publish", timeout: .seconds(3))
        #expect(result.outcome == .published)
        #expect(result.platformPostID != nil)
        #expect(posts == 1)
    }
}
