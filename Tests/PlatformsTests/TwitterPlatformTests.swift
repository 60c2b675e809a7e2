import Foundation
import Sandbox
import Testing

@testable import Platforms

@Suite struct TwitterPlatformTests {
    static let redirect = SandboxHarness.redirectBase + "/social/callback/twitter/"
    static let app = RegisteredApp(platform: .twitter, clientID: "x-client-id", clientSecret: "x-client-secret", redirectURIs: [redirect])
    static let ada = "1500000000000000001"

    static func client(_ sandbox: SandboxHarness, timeout: Duration = .seconds(10)) -> TwitterPlatform {
        TwitterPlatform(clientID: app.clientID, clientSecret: app.clientSecret, transport: sandbox.transport, timeout: timeout)
    }

    static func request(state: String = "x-state") -> ConnectRequest {
        ConnectRequest(redirectURI: redirect, state: state, codeVerifier: TwitterPlatform.makeCodeVerifier())
    }

    static func stored(_ result: OAuthResult) -> StoredCredentials {
        StoredCredentials(
            platformUserID: result.platformUserID, username: result.username, accessToken: result.accessToken,
            refreshToken: result.refreshToken, expiresAt: result.expiresAt, extraData: result.extraData)
    }

    static func connect(_ client: TwitterPlatform, _ sandbox: SandboxHarness) async throws -> StoredCredentials {
        let request = request()
        let query = try await sandbox.consent(at: try await client.authorizeURL(for: request), account: ada)
        return stored(try #require(try await client.exchangeCode(try Self.code(query), for: request).first))
    }

    /// The callback's `code`, or a failure naming what came back instead.
    static func code(_ query: [String: String]) throws -> String {
        guard let code = query["code"] else { throw HarnessError("no code in the callback: \(query)") }
        return code
    }

    static func content(_ message: String? = "Worth a read") -> ShareContent {
        ShareContent(url: "https://blog.example/posts/1", title: "Engines and looms", message: message, idempotencyKey: UUID().uuidString)
    }

    static func tweetCalls(_ sandbox: SandboxHarness) async throws -> Int {
        let body = try await sandbox.request(.GET, "_sandbox/requests?platform=twitter").body
        return body.components(separatedBy: "\"/2/tweets\"").count - 1
    }

    @Test func connectShareRefreshRevokeRoundTripRotatesTheRefreshToken() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            let client = Self.client(sandbox)
            let request = Self.request(state: "s-42")
            let authorize = try await client.authorizeURL(for: request)
            let items = URLComponents(url: authorize, resolvingAgainstBaseURL: false)?.queryItems ?? []
            let query = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
            #expect(authorize.host == "x.com" && authorize.path == "/i/oauth2/authorize")
            #expect(query["scope"] == "tweet.read tweet.write users.read offline.access")
            #expect(query["code_challenge"] == PKCE.challenge(for: request.codeVerifier!) && query["code_challenge_method"] == "S256")
            #expect(authorize.absoluteString.contains("scope=tweet.read%20tweet.write"))

            let callback = try await sandbox.consent(at: authorize, account: Self.ada)
            #expect(callback["state"] == "s-42")
            let result = try #require(try await client.exchangeCode(try Self.code(callback), for: request).first)
            #expect(result.platformUserID == Self.ada && result.username == "ada_x" && result.displayName == "Ada Lovelace")
            #expect(result.refreshToken != nil)
            let lifetime = (result.expiresAt ?? .distantPast).timeIntervalSinceNow
            #expect(lifetime > 7000 && lifetime <= 7200)
            let credentials = Self.stored(result)

            let share = await client.share(Self.content(), using: credentials)
            #expect(share.outcome == .published)
            #expect(share.platformPostURL == "https://x.com/ada_x/status/\(share.platformPostID ?? "")")
            let posts = try await sandbox.posts(platform: "twitter")
            #expect(posts.count == 1)
            #expect(posts.first?["text"] as? String == "Worth a read https://blog.example/posts/1")
            #expect(posts.first?["link"] as? String == "https://blog.example/posts/1")

            let refreshed = try await client.refresh(credentials)
            #expect(refreshed.refreshToken != nil && refreshed.refreshToken != credentials.refreshToken)
            #expect(refreshed.platformUserID == Self.ada)
            do {
                _ = try await client.refresh(credentials)
                Issue.record("the rotated-out refresh token still worked")
            } catch let error as PlatformError { #expect(error.code == .invalidGrant) }

            let current = Self.stored(refreshed)
            #expect(try await client.verify(current))
            try await client.revoke(current)
            #expect(try await client.verify(current) == false)
        }
    }

    @Test func expiredAccessTokenFailsVerifyAndRefreshRestoresIt() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            let client = Self.client(sandbox)
            let credentials = try await Self.connect(client, sandbox)
            try await sandbox.advanceClock(seconds: 7300)
            #expect(try await client.verify(credentials) == false)
            #expect(try await client.verify(Self.stored(try await client.refresh(credentials))))
        }
    }

    @Test func wrongPKCEVerifierIsInvalidGrant() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            let client = Self.client(sandbox)
            let request = Self.request()
            let code = try #require(try await sandbox.consent(at: try await client.authorizeURL(for: request), account: Self.ada)["code"])
            var wrong = request
            wrong.codeVerifier = PKCE.makeVerifier()
            do {
                _ = try await client.exchangeCode(code, for: wrong)
                Issue.record("a wrong verifier was accepted")
            } catch let error as PlatformError { #expect(error.code == .invalidGrant) }
        }
    }

    @Test func reusedCodeAndRedirectMismatchAreInvalidGrant() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            let client = Self.client(sandbox)
            let request = Self.request()
            let code = try #require(try await sandbox.consent(at: try await client.authorizeURL(for: request), account: Self.ada)["code"])
            var other = request
            other.redirectURI = SandboxHarness.redirectBase + "/elsewhere/"
            await #expect(throws: PlatformError.self) { try await client.exchangeCode(code, for: other) }
            let second = try #require(try await sandbox.consent(at: try await client.authorizeURL(for: request), account: Self.ada)["code"])
            _ = try await client.exchangeCode(second, for: request)
            do {
                _ = try await client.exchangeCode(second, for: request)
                Issue.record("a reused code was accepted")
            } catch let error as PlatformError { #expect(error.code == .invalidGrant) }
        }
    }

    @Test func textOverTheWeightedLimitIsRefusedWithoutCallingX() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            let client = Self.client(sandbox)
            let credentials = try await Self.connect(client, sandbox)
            let result = await client.share(Self.content(String(repeating: "é", count: 260)), using: credentials)
            #expect(result.outcome == .failed && result.errorKind == .rejectedContent)
            #expect(try await Self.tweetCalls(sandbox) == 0)
            let posts = try await sandbox.posts(platform: "twitter")
            #expect(posts.isEmpty)
        }
    }

    @Test func withoutAMessageTheTitleLeadsTheTweet() {
        let client = TwitterPlatform(clientID: "c", clientSecret: "s", transport: NoTransport())
        #expect(client.postText(for: Self.content(nil)) == "Engines and looms https://blog.example/posts/1")
        #expect(client.postText(for: Self.content("  ")) == "Engines and looms https://blog.example/posts/1")
    }
}
