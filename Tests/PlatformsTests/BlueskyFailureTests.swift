import Foundation
import Sandbox
import Testing

@testable import Platforms

/// How the Bluesky client reports what went wrong (docs/platforms/bluesky.md, "Errors" and
/// "Safe retries"), against the sandbox's failure switches.
@Suite struct BlueskyFailureTests {
    typealias T = BlueskyTest

    static func connected(_ sandbox: SandboxHarness) async throws -> (BlueskyPlatform, StoredCredentials) {
        let platform = T.platform(sandbox, timeout: .seconds(2))
        return (platform, T.credentials(try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox)))
    }

    @Test func aServerErrorOnThePostIsUnconfirmedWithItsRecordKey() async throws {
        try await T.with { sandbox in
            let (platform, credentials) = try await Self.connected(sandbox)
            try await T.fail(sandbox, mode: "server_error", path: "createRecord")
            let shared = await platform.share(T.content(), using: credentials)
            #expect(shared.outcome == .unconfirmed)
            #expect(shared.platformPostID?.hasPrefix("at://\(T.ada)/app.bsky.feed.post/") == true)
            #expect(try await sandbox.posts(platform: "bluesky").isEmpty)
        }
    }

    @Test func aLostAnswerIsConfirmedThroughGetRecord() async throws {
        try await T.with { sandbox in
            let (platform, credentials) = try await Self.connected(sandbox)
            try await T.fail(sandbox, mode: "lost_response", path: "createRecord")
            let shared = await platform.share(T.content(), using: credentials)
            #expect(shared.outcome == .published, "\(shared)")
            let post = try #require(try await sandbox.posts(platform: "bluesky").first)
            #expect(post["url"] as? String == shared.platformPostURL)
        }
    }

    @Test func aGatewayErrorAfterTheWriteIsConfirmedThroughGetRecord() async throws {
        try await T.with { sandbox in
            let (platform, credentials) = try await Self.connected(sandbox)
            try await T.fail(sandbox, mode: "lost_response_502", path: "createRecord")
            let shared = await platform.share(T.content(), using: credentials)
            #expect(shared.outcome == .published, "\(shared)")
        }
    }

    @Test func aTimeoutIsUnconfirmed() async throws {
        try await T.with { sandbox in
            let (platform, credentials) = try await Self.connected(sandbox)
            try await T.fail(sandbox, mode: "timeout", path: "createRecord", latency: 4)
            let shared = await platform.share(T.content(), using: credentials)
            #expect(shared.outcome == .unconfirmed)
        }
    }

    @Test func aRateLimitCarriesTheResetDate() async throws {
        try await T.with { sandbox in
            let (platform, credentials) = try await Self.connected(sandbox)
            try await T.fail(sandbox, mode: "rate_limit", path: "createRecord")
            let shared = await platform.share(T.content(), using: credentials)
            #expect(shared.outcome == .failed && shared.errorKind == .rateLimited)
            let reset = try #require(shared.retryAfter)
            #expect(reset > Date().addingTimeInterval(3000) && reset < Date().addingTimeInterval(4000))
        }
    }

    @Test(arguments: ["expired_token", "revoked_token"])
    func aDeadTokenAsksForReconnectOrRefresh(mode: String) async throws {
        try await T.with { sandbox in
            let (platform, credentials) = try await Self.connected(sandbox)
            try await T.fail(sandbox, mode: mode, path: "createRecord")
            let shared = await platform.share(T.content(), using: credentials)
            #expect(shared.outcome == .failed && shared.errorKind == .needsReconnect)
            #expect(shared.message.map { !$0.contains(credentials.accessToken) } ?? true)
        }
    }

    @Test func aThumbnailUploadRefusalStillPosts() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox, images: T.Images(bytes: T.png()))
            let credentials = T.credentials(try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox))
            try await T.fail(sandbox, mode: "server_error", path: "uploadBlob")
            let shared = await platform.share(T.content(image: "https://rose-ash.example/card.png"), using: credentials)
            #expect(shared.outcome == .published)
            #expect(shared.message?.contains("without a card image") == true)
        }
    }

    @Test func aCallbackFromAnotherIssuerIsRefused() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox)
            let issuer = try await platform.prepareAuthorization(hint: "ada.bsky.social")
            var request = ConnectRequest(
                redirectURI: T.redirect, state: "st-iss", codeVerifier: BlueskyPlatform.makeCodeVerifier(), instanceURL: issuer,
                accountHint: "ada.bsky.social")
            let callback = try await sandbox.consent(at: try await platform.authorizeURL(for: request), account: T.ada)
            let code = try #require(callback["code"])
            for wrong in [nil, "https://pds.grace.example", "https://evil.example"] {
                request.callbackIssuer = wrong
                do {
                    _ = try await platform.exchangeCode(code, for: request)
                    Issue.record("iss \(wrong ?? "none") was accepted")
                } catch let error as PlatformError {
                    #expect(error.code == .invalidGrant)
                }
            }
            // The code was never sent: with the right issuer it still works.
            request.callbackIssuer = callback["iss"]
            #expect(try await platform.exchangeCode(code, for: request).first?.platformUserID == T.ada)
        }
    }

    @Test func anotherAccountThanTheOneTypedIsRefused() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox)
            do {
                // Typed Grace's DID but the authorization server is Ada's: Ada signs in instead.
                let issuer = try await platform.prepareAuthorization(hint: "ada.bsky.social")
                var request = ConnectRequest(
                    redirectURI: T.redirect, state: "st-x", codeVerifier: BlueskyPlatform.makeCodeVerifier(), instanceURL: issuer,
                    accountHint: "ada.bsky.social")
                let callback = try await sandbox.consent(at: try await platform.authorizeURL(for: request), account: T.ada)
                request.callbackIssuer = callback["iss"]
                request.accountHint = T.grace
                _ = try await platform.exchangeCode(try #require(callback["code"]), for: request)
                Issue.record("a different account was accepted")
            } catch let error as PlatformError {
                #expect(error.code == .invalidGrant)
            }
        }
    }

    @Test func aWrongClientKeyIsRefusedAsMisconfigured() async throws {
        // The documents publish one key; the client signs with another.
        try await T.with { sandbox in
            let platform = T.platform(sandbox, key: BlueskyClientKey.generate())
            let issuer = try await platform.prepareAuthorization(hint: "ada.bsky.social")
            let request = ConnectRequest(
                redirectURI: T.redirect, state: "st-k", codeVerifier: BlueskyPlatform.makeCodeVerifier(), instanceURL: issuer)
            do {
                _ = try await platform.authorizeURL(for: request)
                Issue.record("PAR with a key outside the JWKS was accepted")
            } catch let error as PlatformError {
                #expect(error.code == .misconfigured)
            }
        }
    }
}
