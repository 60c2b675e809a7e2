import Foundation
import Testing

@testable import Platforms

/// Sandbox failure modes on Instagram shares; a container is never published twice.
@Suite struct InstagramClientFailureTests {
    typealias S = MetaTestSupport

    func sharing(after mode: String, on path: String? = nil, timeout: Duration = .seconds(10)) async throws -> (ShareResult, posts: Int) {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = InstagramClient(
                app: S.facebookApp, transport: sandbox.transport, timeout: timeout,
                polling: MetaContainerPolling(attempts: 15, interval: .milliseconds(300)))
            let results = try await S.connect(client, redirect: S.instagramRedirect, account: S.ada, in: sandbox)
            let credentials = S.credentials(try #require(results.first))
            if let path {
                try await S.fail("instagram", mode: mode, pathContains: path, in: sandbox)
            } else {
                try await sandbox.fail("instagram", mode: mode, latency: 3)
            }
            let result = await client.share(S.content(image: InstagramClientTests.image), using: credentials)
            #expect(result.message?.contains(credentials.accessToken) != true)
            return (result, try await sandbox.posts(platform: "instagram").count)
        }
    }

    @Test func expiredTokenAsksForReconnect() async throws {
        let (result, posts) = try await sharing(after: "expired_token")
        #expect(result.errorKind == .needsReconnect)
        #expect(posts == 0)
    }

    @Test func rateLimitIsRateLimited() async throws {
        let (result, _) = try await sharing(after: "rate_limit")
        #expect(result.errorKind == .rateLimited)
    }

    @Test func serverErrorFailsAsTransient() async throws {
        let (result, _) = try await sharing(after: "server_error")
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .transient)
    }

    @Test func lostPublishAnswerIsCheckedAgainstTheContainerAndNotPublishedTwice() async throws {
        let (result, posts) = try await sharing(after: "lost_response", on: "media_publish")
        #expect(result.outcome == .published)
        #expect(result.platformPostURL == "https://www.instagram.com/analytical.engines/")
        #expect(posts == 1)
    }

    @Test func malformedPublishAnswerIsCheckedAgainstTheContainer() async throws {
        let (result, posts) = try await sharing(after: "malformed", on: "media_publish")
        #expect(result.outcome == .published)
        #expect(posts == 1)
    }

    @Test func publishTimeoutBeforeItRanIsRetriedOnceWithTheSameContainer() async throws {
        // Room for the status check and the retry on a machine busy with the whole suite.
        let (result, posts) = try await sharing(after: "timeout", on: "media_publish", timeout: .seconds(3))
        #expect(result.outcome == .published)
        #expect(result.platformPostID != nil)
        #expect(posts == 1)
    }

    @Test func lostContainerCreationFailsWithoutPublishing() async throws {
        let (result, posts) = try await sharing(after: "lost_response", on: "/media")
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .transient)
        #expect(posts == 0)
    }
}
