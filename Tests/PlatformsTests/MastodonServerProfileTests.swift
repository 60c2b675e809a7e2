import Foundation
import Testing

@testable import Platforms

/// Mastodon-API servers against the sandbox's server profiles (Sources/Sandbox/NOTES.md: an instance whose
/// first DNS label is `takahe`, `gts`/`gotosocial`, `pleroma` or `akkoma` runs that software).
@Suite struct MastodonServerProfileTests {
    typealias T = MastodonPlatformTests

    static func request(_ instance: String) -> ConnectRequest {
        ConnectRequest(redirectURI: T.redirect, state: "st-1", codeVerifier: PKCE.makeVerifier(), instanceURL: URL(string: instance)!)
    }

    static func connect(
        _ client: MastodonPlatform, _ sandbox: SandboxHarness, instance: String, account: String = T.ada
    ) async throws -> StoredCredentials {
        let request = Self.request(instance)
        let authorize = try await client.authorizeURL(for: request)
        let query = try await sandbox.consent(at: authorize, account: account)
        let result = try #require(try await client.exchangeCode(try T.code(query), for: request).first)
        return StoredCredentials(
            platformUserID: result.platformUserID, username: result.username, accessToken: result.accessToken, extraData: result.extraData)
    }

    /// One share order gives every account the same key; Pleroma and Akkoma keep keys for the
    /// whole server, so the account must be part of the key the server sees.
    @Test(arguments: ["https://pleroma.example", "https://akkoma.example", "https://mastodon.example"])
    func twoAccountsOfOneServerInOneOrderAreBothPosted(instance: String) async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox)
            let ada = try await Self.connect(client, sandbox, instance: instance)
            let grace = try await Self.connect(client, sandbox, instance: instance, account: T.grace)
            let content = T.content(key: "one-order-key")
            let first = await client.share(content, using: ada)
            let second = await client.share(content, using: grace)
            #expect(first.outcome == .published && second.outcome == .published)
            #expect(first.platformPostID != second.platformPostID)
            #expect(try await sandbox.posts(platform: "mastodon").count == 2)
        }
        #expect(MastodonPlatform.idempotencyKey("k", account: "a") != MastodonPlatform.idempotencyKey("k", account: "b"))
    }

    @Test func aTakaheServerConnectsWithPlainReadAndShares() async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox)
            let authorize = try await client.authorizeURL(for: Self.request("https://takahe.example"))
            let scope = URLComponents(url: authorize, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "scope" }?.value
            #expect(scope == "read write:statuses")
            let credentials = try await Self.connect(client, sandbox, instance: "https://takahe.example")
            #expect(credentials.platformUserID.hasSuffix("@takahe.example"))
            let result = await client.share(T.content(), using: credentials)
            #expect(result.outcome == .published)
            #expect(try await sandbox.posts(platform: "mastodon").count == 1)
        }
    }

    @Test(arguments: ["https://takahe.example", "https://gts.example", "https://pleroma.example", "https://akkoma.example"])
    func aLostAnswerOnAServerThatIgnoresTheKeyIsUnconfirmedWithExactlyOnePost(instance: String) async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox)
            let credentials = try await Self.connect(client, sandbox, instance: instance)
            let url = try MastodonPlatform.instance(of: credentials)
            _ = await client.textRules(for: credentials)
            #expect(await client.server(instance: url).honoursIdempotencyKey == false)
            try await sandbox.fail("mastodon", mode: "lost_response_502")
            let result = await client.share(T.content(), using: credentials)
            #expect(result.outcome == .unconfirmed)
            #expect(try await sandbox.posts(platform: "mastodon").count == 1)
        }
    }

    @Test func onMastodonTheSameLostAnswerIsRetriedUnderTheKeyAndPublishesOnce() async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox)
            let credentials = try await T.connect(client, sandbox)
            _ = await client.textRules(for: credentials)
            #expect(await client.server(instance: T.instance).software == .mastodon)
            try await sandbox.fail("mastodon", mode: "lost_response_502")
            let result = await client.share(T.content(), using: credentials)
            #expect(result.outcome == .published)
            #expect(try await sandbox.posts(platform: "mastodon").count == 1)
        }
    }

    @Test func aRevokedTokenOnTakaheAsksForAReconnect() async throws {
        try await SandboxHarness.with { sandbox in
            let client = T.client(sandbox)
            let credentials = try await Self.connect(client, sandbox, instance: "https://takahe.example")
            try await client.revoke(credentials)
            let result = await client.share(T.content(), using: credentials)
            #expect(result.outcome == .failed && result.errorKind == .needsReconnect)
            #expect(try await client.verify(credentials) == false)
        }
    }
}
