import Foundation
import Testing

@testable import Platforms

/// Each sandbox failure mode on `POST /2/tweets`, mapped to an outcome and error kind; a tweet is never retried.
@Suite struct TwitterFailureTests {
    typealias T = TwitterPlatformTests

    static func shareUnder(
        _ mode: String, latency: Double? = nil, timeout: Duration = .seconds(10),
        _ check: @Sendable (ShareResult, SandboxHarness) async throws -> Void
    ) async throws {
        try await SandboxHarness.with(apps: [T.app]) { sandbox in
            let client = T.client(sandbox, timeout: timeout)
            let credentials = try await T.connect(client, sandbox)
            try await sandbox.fail("twitter", mode: mode, latency: latency)
            let result = await client.share(T.content(), using: credentials)
            #expect(!(result.message ?? "").contains(credentials.accessToken), "a share message must never carry the token")
            try await check(result, sandbox)
            #expect(try await T.tweetCalls(sandbox) == 1)
        }
    }

    @Test(arguments: ["credits_depleted", "usage_capped"])
    func aBillingAnswerIsAServiceSetupProblemNotARetryableLimit(mode: String) async throws {
        try await Self.shareUnder(mode) { result, _ in
            #expect(result.outcome == .failed && result.errorKind == .serviceSetup)
            #expect(result.message?.contains("operator") == true || result.message?.contains("cycle") == true)
        }
    }

    @Test func expiredTokenAsksForReconnect() async throws {
        try await Self.shareUnder("expired_token") { result, _ in #expect(result.outcome == .failed && result.errorKind == .needsReconnect) }
    }

    @Test func revokedTokenAsksForReconnect() async throws {
        try await Self.shareUnder("revoked_token") { result, _ in #expect(result.errorKind == .needsReconnect) }
    }

    @Test func rateLimitUsesTheEpochResetHeader() async throws {
        try await Self.shareUnder("rate_limit") { result, _ in
            #expect(result.outcome == .failed && result.errorKind == .rateLimited)
            #expect((result.retryAfter ?? .distantPast) > Date())
        }
    }

    @Test func aServerErrorIsUnconfirmedBecauseTheTweetMayExist() async throws {
        try await Self.shareUnder("server_error") { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func duplicateContentIsReportedAsDuplicate() async throws {
        try await Self.shareUnder("duplicate") { result, _ in #expect(result.outcome == .failed && result.errorKind == .duplicate) }
    }

    @Test func malformedSuccessIsUnconfirmed() async throws {
        try await Self.shareUnder("malformed") { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func lostResponseIsUnconfirmedAndNotRetried() async throws {
        try await Self.shareUnder("lost_response") { result, sandbox in
            #expect(result.outcome == .unconfirmed)
            let posts = try await sandbox.posts(platform: "twitter")
            #expect(posts.count == 1)
        }
    }

    @Test func lostResponseWith502IsUnconfirmed() async throws {
        try await Self.shareUnder("lost_response_502") { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func timeoutAfterSendingIsUnconfirmed() async throws {
        try await Self.shareUnder("timeout", latency: 15, timeout: .seconds(5)) { result, _ in #expect(result.outcome == .unconfirmed) }
    }
}
