import Foundation
import Testing

@testable import Platforms

/// Each sandbox failure mode that applies to a Facebook share, and the outcome it must give.
@Suite struct FacebookPagesClientFailureTests {
    typealias S = MetaTestSupport

    func sharing(after mode: String, latency: Double? = nil, timeout: Duration = .seconds(10)) async throws -> (ShareResult, postsAfter: Int) {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = FacebookPagesClient(app: S.facebookApp, transport: sandbox.transport, timeout: timeout)
            let pages = try await S.connect(client, redirect: S.facebookRedirect, account: S.ada, in: sandbox)
            let credentials = S.credentials(try #require(pages.first { $0.platformUserID == S.adaEnginesPage }))
            try await sandbox.fail("facebook", mode: mode, latency: latency)
            let result = await client.share(S.content(), using: credentials)
            #expect(result.message?.contains(credentials.accessToken) != true)
            return (result, try await sandbox.posts(platform: "facebook").count)
        }
    }

    @Test func expiredTokenAsksForReconnect() async throws {
        let (result, posts) = try await sharing(after: "expired_token")
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .needsReconnect)
        #expect(posts == 0)
    }

    @Test func revokedTokenAsksForReconnect() async throws {
        let (result, _) = try await sharing(after: "revoked_token")
        #expect(result.errorKind == .needsReconnect)
    }

    @Test func throttlingCodeIsRateLimitedWithRetryAfterFromUsageHeader() async throws {
        let (result, _) = try await sharing(after: "rate_limit")
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .rateLimited)
        let retry = try #require(result.retryAfter)
        #expect(retry.timeIntervalSinceNow > 10 * 60)
    }

    @Test func aServerErrorOnThePublishingCallIsUnconfirmedNeverRetried() async throws {
        // /feed has no idempotency key: a 5xx does not prove nothing was posted.
        let (result, posts) = try await sharing(after: "server_error")
        #expect(result.outcome == .unconfirmed)
        #expect(posts == 0)
    }

    @Test func duplicateModeIsReportedAsDuplicate() async throws {
        let (result, _) = try await sharing(after: "duplicate")
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .duplicate)
    }

    @Test func sharingTheSameUpdateTwiceIsRefusedAsDuplicate() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = FacebookPagesClient(app: S.facebookApp, transport: sandbox.transport)
            let pages = try await S.connect(client, redirect: S.facebookRedirect, account: S.ada, in: sandbox)
            let credentials = S.credentials(try #require(pages.first))
            let content = S.content("Same words")
            #expect(await client.share(content, using: credentials).outcome == .published)
            let second = await client.share(content, using: credentials)
            #expect(second.errorKind == .duplicate)
        }
    }

    @Test func malformedSuccessAnswerIsUnconfirmedNotFailed() async throws {
        let (result, _) = try await sharing(after: "malformed")
        #expect(result.outcome == .unconfirmed)
    }

    @Test func lostResponseAfterThePostRanIsUnconfirmed() async throws {
        let (result, posts) = try await sharing(after: "lost_response")
        #expect(result.outcome == .unconfirmed)
        #expect(posts == 1)
    }

    @Test func emptyBadGatewayAfterThePostRanIsUnconfirmed() async throws {
        let (result, posts) = try await sharing(after: "lost_response_502")
        #expect(result.outcome == .unconfirmed)
        #expect(posts == 1)
    }

    @Test func clientTimeoutDuringThePostIsUnconfirmed() async throws {
        let (result, _) = try await sharing(after: "timeout", latency: 15, timeout: .seconds(5))
        #expect(result.outcome == .unconfirmed)
    }
}
