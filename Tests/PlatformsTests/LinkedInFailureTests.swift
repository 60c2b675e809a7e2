import Foundation
import Testing

@testable import Platforms

/// Each sandbox failure mode on `POST /rest/posts`, mapped to an outcome and error kind.
@Suite struct LinkedInFailureTests {
    typealias T = LinkedInPlatformTests

    static func shareUnder(
        _ mode: String, latency: Double? = nil, timeout: Duration = .seconds(10), version: String = "202601",
        _ check: @Sendable (ShareResult, SandboxHarness) async throws -> Void
    ) async throws {
        try await SandboxHarness.with(apps: [T.app]) { sandbox in
            let client = T.client(sandbox, version: version, timeout: timeout)
            let credentials = try await T.connect(client, sandbox)
            if !mode.isEmpty { try await sandbox.fail("linkedin", mode: mode, latency: latency) }
            let result = await client.share(T.content(), using: credentials)
            #expect(!(result.message ?? "").contains(credentials.accessToken), "a share message must never carry the token")
            try await check(result, sandbox)
            #expect(try await T.postCalls(sandbox) == 1)
        }
    }

    @Test func expiredTokenAsksForReconnect() async throws {
        try await Self.shareUnder("expired_token") { result, _ in
            #expect(result.outcome == .failed && result.errorKind == .needsReconnect)
            #expect(result.message?.contains("EXPIRED_ACCESS_TOKEN") == true)
        }
    }

    @Test func revokedTokenAsksForReconnect() async throws {
        try await Self.shareUnder("revoked_token") { result, _ in #expect(result.errorKind == .needsReconnect) }
    }

    @Test func throttlingIsRateLimitedUntilMidnightUTC() async throws {
        try await Self.shareUnder("rate_limit") { result, _ in
            #expect(result.errorKind == .rateLimited)
            #expect((result.retryAfter ?? .distantPast) > Date())
        }
    }

    @Test func aServerErrorIsUnconfirmedBecauseThePostMayExist() async throws {
        try await Self.shareUnder("server_error") { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func duplicateNamesTheExistingPost() async throws {
        try await Self.shareUnder("duplicate") { result, _ in
            #expect(result.outcome == .failed && result.errorKind == .duplicate)
            #expect(result.platformPostID?.hasPrefix("urn:li:share:") == true)
        }
    }

    @Test func malformedSuccessWithoutAnIdIsUnconfirmed() async throws {
        try await Self.shareUnder("malformed") { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func lostResponseIsUnconfirmedAndNotRetried() async throws {
        try await Self.shareUnder("lost_response") { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func timeoutAfterSendingIsUnconfirmed() async throws {
        try await Self.shareUnder("timeout", latency: 15, timeout: .seconds(5)) { result, _ in #expect(result.outcome == .unconfirmed) }
    }

    @Test func sunsetVersionIsReportedWithoutPosting() async throws {
        try await Self.shareUnder("", version: "202001") { result, sandbox in
            #expect(result.outcome == .failed && result.message?.contains("202001") == true)
            let posts = try await sandbox.posts(platform: "linkedin")
            #expect(posts.isEmpty)
        }
    }

    @Test func realDuplicateShareIsRefusedAsDuplicateOfTheFirst() async throws {
        try await SandboxHarness.with(apps: [T.app]) { sandbox in
            let client = T.client(sandbox)
            let credentials = try await T.connect(client, sandbox)
            let first = await client.share(T.content("Same words"), using: credentials)
            let second = await client.share(T.content("Same words"), using: credentials)
            #expect(first.outcome == .published)
            #expect(second.errorKind == .duplicate && second.platformPostID == first.platformPostID)
        }
    }
}
