import Foundation
import Testing

@testable import Platforms

/// A connect that gets a token and then fails must not leave the token alive.
@Suite struct MastodonConnectCleanupTests {
    typealias T = MastodonPlatformTests

    @Test func aTokenFromAConnectWhoseIdentityCheckFailsIsRevoked() async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox)
            let request = T.request()
            let query = try await sandbox.consent(at: try await client.authorizeURL(for: request), account: T.ada)
            // The server hands out the token, then fails the account lookup.
            _ = try await sandbox.request(
                .POST, "_sandbox/failures", headers: [("Content-Type", "application/json")],
                body: #"{"platform":"mastodon","mode":"server_error","count":1,"path_contains":"verify_credentials"}"#)
            await #expect(throws: PlatformError.self) { try await client.exchangeCode(try T.code(query), for: request) }
            let recorded = try await sandbox.request(.GET, "_sandbox/requests?platform=mastodon")
            let requests = try #require(try JSONSerialization.jsonObject(with: Data(recorded.body.utf8)) as? [[String: Any]])
            let paths = requests.compactMap { $0["path"] as? String }
            let tokenAt = try #require(paths.firstIndex { $0.hasSuffix("oauth/token") })
            let revokeAt = try #require(paths.lastIndex { $0.hasSuffix("oauth/revoke") }, "the token was not revoked: \(paths)")
            #expect(revokeAt > tokenAt)
        }
    }
}

/// Takahē's way of saying a token is dead reads as "connect again".
@Suite struct MastodonDeadTokenTests {
    static func answer(_ status: Int, _ body: String) -> PlatformHTTPResponse {
        PlatformHTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: Data(body.utf8))
    }

    @Test func takahesPlainTextBadTokenIsADeadToken() {
        #expect(MastodonPlatform.saysTokenIsDead(Self.answer(400, "Invalid Bearer token")))
        #expect(MastodonPlatform.error(for: Self.answer(400, "Invalid Bearer token"), doing: "posting").code == .invalidGrant)
        // Any other 400 is not about the token.
        #expect(!MastodonPlatform.saysTokenIsDead(Self.answer(400, #"{"error":"Validation failed: Text can't be blank"}"#)))
        #expect(MastodonPlatform.error(for: Self.answer(400, "Bad Request"), doing: "posting").code != .invalidGrant)
    }
}
