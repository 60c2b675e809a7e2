import Foundation
import Testing

@testable import Platforms

/// Each sandbox failure mode on `POST /api/v1/statuses`, mapped to an outcome and error kind.
@Suite struct MastodonFailureTests {
    typealias T = MastodonPlatformTests

    /// Connects, primes the text-rules cache (so the failure hits the post), then switches `mode` on.
    static func shareUnder(
        _ mode: String, count: Int = 1, latency: Double? = nil, timeout: Duration = .seconds(10),
        _ check: @Sendable (ShareResult, SandboxHarness) async throws -> Void
    ) async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox, timeout: timeout)
            let credentials = try await T.connect(client, sandbox)
            _ = await client.textRules(for: credentials)
            _ = await client.server(instance: try MastodonPlatform.instance(of: credentials))
            try await sandbox.fail("mastodon", mode: mode, count: count, latency: latency)
            let result = await client.share(T.content(), using: credentials)
            #expect(!(result.message ?? "").contains(credentials.accessToken), "a share message must never carry the token")
            try await check(result, sandbox)
        }
    }

    @Test func expiredTokenAsksForReconnect() async throws {
        try await Self.shareUnder("expired_token") { result, _ in
            #expect(result.outcome == .failed && result.errorKind == .needsReconnect)
            #expect(result.message?.contains("expired") == true)
        }
    }

    @Test func revokedTokenAsksForReconnect() async throws {
        try await Self.shareUnder("revoked_token") { result, _ in #expect(result.errorKind == .needsReconnect) }
    }

    @Test func rateLimitCarriesTheISOResetAsRetryAfter() async throws {
        try await Self.shareUnder("rate_limit") { result, _ in
            #expect(result.outcome == .failed && result.errorKind == .rateLimited)
            #expect((result.retryAfter ?? .distantPast) > Date())
        }
    }

    @Test func oneServerErrorIsRetriedWithTheSameKeyAndPublishes() async throws {
        try await Self.shareUnder("server_error") { result, sandbox in
            #expect(result.outcome == .published)
            let posts = try await sandbox.posts(platform: "mastodon")
            #expect(posts.count == 1)
        }
    }

    @Test func repeatedServerErrorsAreUnconfirmedNeverFailures() async throws {
        // A 5xx may come from a gateway that lost the answer to a status that exists.
        try await Self.shareUnder("server_error", count: 2) { result, sandbox in
            #expect(result.outcome == .unconfirmed)
            let posts = try await sandbox.posts(platform: "mastodon")
            #expect(posts.isEmpty)
        }
    }

    @Test func malformedSuccessIsUnconfirmed() async throws {
        try await Self.shareUnder("malformed") { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func lostResponseIsRetriedOnceAndTheIdempotencyKeyPreventsADoublePost() async throws {
        try await Self.shareUnder("lost_response") { result, sandbox in
            #expect(result.outcome == .published)
            let posts = try await sandbox.posts(platform: "mastodon")
            #expect(posts.count == 1)
        }
    }

    @Test func lostResponseThen502StillPostsOnce() async throws {
        try await Self.shareUnder("lost_response_502") { result, sandbox in
            #expect(result.outcome == .published)
            let posts = try await sandbox.posts(platform: "mastodon")
            #expect(posts.count == 1)
        }
    }

    @Test func timeoutsOnBothAttemptsAreUnconfirmedAndNothingIsPosted() async throws {
        // The client's timeout covers the set-up calls too: 5 s leaves room for a loaded machine,
        // and the sandbox holds each post well past it.
        try await Self.shareUnder("timeout", count: 2, latency: 15, timeout: .seconds(5)) { result, sandbox in
            #expect(result.outcome == .unconfirmed && result.errorKind == .transient)
            let posts = try await sandbox.posts(platform: "mastodon")
            #expect(posts.isEmpty)
        }
    }

    @Test func verifyAfterRevokedTokenFailureSaysTheTokenIsDead() async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox)
            let credentials = try await T.connect(client, sandbox)
            try await sandbox.fail("mastodon", mode: "revoked_token")
            #expect(try await client.verify(credentials) == false)
        }
    }
}
