import Foundation
import Testing

@testable import Platforms

@Suite struct MastodonPlatformTests {
    static let host = "mastodon.social"
    static let instance = URL(string: "https://mastodon.social")!
    static let redirect = SandboxHarness.redirectBase + "/social/callback/mastodon/"
    static let ada = "109000000000000001"
    static let grace = "109000000000000002"

    static func client(
        _ sandbox: SandboxHarness, store: MemoryMastodonAppStore = MemoryMastodonAppStore(), timeout: Duration = .seconds(10)
    ) -> MastodonPlatform {
        MastodonPlatform(appStore: store, transport: sandbox.transport, clientName: "Rose Ash Test", timeout: timeout)
    }

    static func request(state: String = "st-1") -> ConnectRequest {
        ConnectRequest(redirectURI: redirect, state: state, codeVerifier: PKCE.makeVerifier(), instanceURL: instance)
    }

    /// Runs the whole browser dance and returns what a stored connection would hold.
    static func connect(_ client: MastodonPlatform, _ sandbox: SandboxHarness, account: String = ada) async throws -> StoredCredentials {
        let request = request()
        let query = try await sandbox.consent(at: try await client.authorizeURL(for: request), account: account)
        let result = try #require(try await client.exchangeCode(try Self.code(query), for: request).first)
        return StoredCredentials(
            platformUserID: result.platformUserID, username: result.username, accessToken: result.accessToken, extraData: result.extraData)
    }

    /// The callback's `code`, or a failure naming what came back instead.
    static func code(_ query: [String: String]) throws -> String {
        guard let code = query["code"] else { throw HarnessError("no code in the callback: \(query)") }
        return code
    }

    static func content(_ message: String? = "Worth a read", key: String = UUID().uuidString) -> ShareContent {
        ShareContent(url: "https://blog.example/posts/1", title: "Engines and looms", message: message, idempotencyKey: key)
    }

    @Test func connectShareRevokeRoundTripPostsTheLinkAndKillsTheToken() async throws {
        try await SandboxHarness.with { sandbox in
            let client = Self.client(sandbox)
            let request = Self.request(state: "state-123")
            let authorize = try await client.authorizeURL(for: request)
            let components = try #require(URLComponents(url: authorize, resolvingAgainstBaseURL: false))
            let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(authorize.host == Self.host && components.path == "/oauth/authorize")
            #expect(query["scope"] == "write:statuses read:accounts")
            #expect(query["code_challenge_method"] == "S256" && query["code_challenge"] == PKCE.challenge(for: request.codeVerifier!))

            let callback = try await sandbox.consent(at: authorize, account: Self.ada)
            #expect(callback["state"] == "state-123")
            let result = try #require(try await client.exchangeCode(try Self.code(callback), for: request).first)
            #expect(result.platformUserID == "\(Self.ada)@mastodon.social")
            #expect(result.username == "ada" && result.displayName == "Ada Lovelace")
            #expect(result.extraData["instance_url"] == "https://mastodon.social")
            #expect(result.expiresAt == nil && result.refreshToken == nil)

            let credentials = StoredCredentials(
                platformUserID: result.platformUserID, username: result.username, accessToken: result.accessToken, extraData: result.extraData)
            let share = await client.share(Self.content(), using: credentials)
            #expect(share.outcome == .published)
            #expect(share.platformPostURL == "https://mastodon.social/@ada/\(share.platformPostID ?? "")")
            let posts = try await sandbox.posts(platform: "mastodon")
            #expect(posts.count == 1)
            #expect(posts.first?["text"] as? String == "Worth a read\n\nhttps://blog.example/posts/1")
            #expect(posts.first?["link"] as? String == "https://blog.example/posts/1")

            await #expect(throws: PlatformError(.refreshNotSupported, .mastodon, "Mastodon tokens do not expire; nothing to refresh.")) {
                try await client.refresh(credentials)
            }
            #expect(try await client.verify(credentials))
            try await client.revoke(credentials)
            #expect(try await client.verify(credentials) == false)
        }
    }

    @Test func emptyDisplayNameFallsBackToTheUsername() async throws {
        try await SandboxHarness.with { sandbox in
            let credentials = try await Self.connect(Self.client(sandbox), sandbox, account: Self.grace)
            #expect(credentials.username == "grace")
            let result = try await Self.client(sandbox).identity(accessToken: credentials.accessToken, instance: Self.instance)
            #expect(result.displayName == "grace")
        }
    }

    @Test func anAppTheServerForgotIsRegisteredAgainBeforeTheConsentPage() async throws {
        try await SandboxHarness.with { sandbox in
            let store = MemoryMastodonAppStore()
            let client = Self.client(sandbox, store: store)
            let request = ConnectRequest(
                redirectURI: SandboxHarness.redirectBase + "/social/callback/mastodon/", state: "s", codeVerifier: PKCE.makeVerifier(),
                instanceURL: Self.instance)
            // An app this server has never heard of (as after a server deleted it).
            try await store.save(
                MastodonAppCredentials(
                    instanceURL: Self.instance, clientID: "forgotten", clientSecret: "gone", redirectURI: request.redirectURI,
                    scopes: MastodonPlatform.scopes.joined(separator: " ")))
            let url = try await client.authorizeURL(for: request)
            #expect(!url.absoluteString.contains("client_id=forgotten"))
            #expect(await store.saves == 2)
            #expect(try await sandbox.consent(at: url, account: Self.ada)["code"] != nil)
        }
    }

    @Test func secondConnectOnTheSameInstanceReusesTheRegisteredApp() async throws {
        try await SandboxHarness.with { sandbox in
            let store = MemoryMastodonAppStore()
            let client = Self.client(sandbox, store: store)
            _ = try await Self.connect(client, sandbox, account: Self.ada)
            _ = try await Self.connect(client, sandbox, account: Self.grace)
            let requests = try await sandbox.request(.GET, "_sandbox/requests?platform=mastodon")
            #expect(requests.body.components(separatedBy: "\"/api/v1/apps\"").count - 1 == 1)
            #expect(await store.saves == 1)
        }
    }

    @Test func invalidClientAtTheTokenStepForgetsTheAppAndTheNextConnectRegistersAgain() async throws {
        try await SandboxHarness.with { sandbox in
            let store = MemoryMastodonAppStore()
            try await store.save(
                MastodonAppCredentials(
                    instanceURL: Self.instance, clientID: "forgotten", clientSecret: "gone", redirectURI: Self.redirect,
                    scopes: "write:statuses read:accounts"))
            let client = Self.client(sandbox, store: store)
            await #expect(throws: PlatformError.self) { try await client.exchangeCode("any-code", for: Self.request()) }
            #expect(try await store.app(for: Self.instance) == nil)
            let credentials = try await Self.connect(client, sandbox)
            #expect(credentials.platformUserID == "\(Self.ada)@mastodon.social")
        }
    }

    @Test func reusedCodeAndRedirectMismatchAreInvalidGrant() async throws {
        try await SandboxHarness.with { sandbox in
            let client = Self.client(sandbox)
            let request = Self.request()
            let code = try #require(try await sandbox.consent(at: try await client.authorizeURL(for: request), account: Self.ada)["code"])
            var other = request
            other.redirectURI = SandboxHarness.redirectBase + "/elsewhere/"
            await #expect(throws: PlatformError.self) { try await client.exchangeCode(code, for: other) }
            _ = try await client.exchangeCode(code, for: request)
            do {
                _ = try await client.exchangeCode(code, for: request)
                Issue.record("a reused code was accepted")
            } catch let error as PlatformError { #expect(error.code == .invalidGrant) }
        }
    }

    @Test func textOverTheInstanceLimitIsRefusedBeforeAnyPost() async throws {
        try await SandboxHarness.with { sandbox in
            _ = try await sandbox.request(
                .POST, "_sandbox/instances", headers: [("Content-Type", "application/json")],
                body: #"{"host":"mastodon.social","max_characters":40}"#)
            let client = Self.client(sandbox)
            let credentials = try await Self.connect(client, sandbox)
            #expect(await client.textRules(for: credentials).limit == 40)
            let result = await client.share(Self.content(String(repeating: "x", count: 30)), using: credentials)
            #expect(result.outcome == .failed && result.errorKind == .rejectedContent)
            let posts = try await sandbox.posts(platform: "mastodon")
            #expect(posts.isEmpty)
        }
    }

    @Test func textRulesDefaultToTheInstanceAnswer() async throws {
        try await SandboxHarness.with { sandbox in
            let client = Self.client(sandbox)
            let credentials = try await Self.connect(client, sandbox)
            let rules = await client.textRules(for: credentials)
            #expect(rules.limit == 500 && rules.urlWeight == 23)
            #expect(await client.textRules(for: nil) == .mastodon())
        }
    }
}
