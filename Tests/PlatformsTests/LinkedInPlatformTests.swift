import Foundation
import Sandbox
import Testing

@testable import Platforms

@Suite struct LinkedInPlatformTests {
    static let redirect = SandboxHarness.redirectBase + "/social/callback/linkedin/"
    static let app = RegisteredApp(platform: .linkedin, clientID: "li-client-id", clientSecret: "li-client-secret", redirectURIs: [redirect])
    static let ada = "ada7Lv3xQ"

    static func client(_ sandbox: SandboxHarness, version: String = "202601", timeout: Duration = .seconds(10)) -> LinkedInPlatform {
        LinkedInPlatform(clientID: app.clientID, clientSecret: app.clientSecret!, transport: sandbox.transport, version: version, timeout: timeout)
    }

    static func request(state: String = "li-state") -> ConnectRequest { ConnectRequest(redirectURI: redirect, state: state) }

    static func stored(_ result: OAuthResult) -> StoredCredentials {
        StoredCredentials(
            platformUserID: result.platformUserID, username: result.username, accessToken: result.accessToken,
            refreshToken: result.refreshToken, expiresAt: result.expiresAt, extraData: result.extraData)
    }

    static func connect(_ client: LinkedInPlatform, _ sandbox: SandboxHarness) async throws -> StoredCredentials {
        let request = request()
        let query = try await sandbox.consent(at: try await client.authorizeURL(for: request), account: ada)
        return stored(try #require(try await client.exchangeCode(try Self.code(query), for: request).first))
    }

    /// The callback's `code`, or a failure naming what came back instead.
    static func code(_ query: [String: String]) throws -> String {
        guard let code = query["code"] else { throw HarnessError("no code in the callback: \(query)") }
        return code
    }

    static func content(_ message: String? = "Engines (and looms) #history [1] <3 a_b ~ @ada") -> ShareContent {
        ShareContent(
            url: "https://blog.example/posts/1", title: "Engines and looms", description: "On the Analytical Engine",
            message: message, idempotencyKey: UUID().uuidString)
    }

    static func postCalls(_ sandbox: SandboxHarness) async throws -> Int {
        let body = try await sandbox.request(.GET, "_sandbox/requests?platform=linkedin").body
        return body.components(separatedBy: "\"/rest/posts\"").count - 1
    }

    @Test func connectShareRevokeRoundTripKeepsReservedCharactersInTheCommentary() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            let client = Self.client(sandbox)
            let authorize = try await client.authorizeURL(for: Self.request(state: "li-7"))
            let items = URLComponents(url: authorize, resolvingAgainstBaseURL: false)?.queryItems ?? []
            let query = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.value ?? "") })
            #expect(authorize.host == "www.linkedin.com" && authorize.path == "/oauth/v2/authorization")
            #expect(query["scope"] == "openid profile w_member_social" && query["code_challenge"] == nil)

            let callback = try await sandbox.consent(at: authorize, account: Self.ada)
            #expect(callback["state"] == "li-7")
            let result = try #require(try await client.exchangeCode(try Self.code(callback), for: Self.request()).first)
            #expect(result.platformUserID == Self.ada && result.displayName == "Ada Lovelace")
            #expect(result.extraData["author_urn"] == "urn:li:person:\(Self.ada)")
            #expect(result.refreshToken == nil)
            let lifetime = (result.expiresAt ?? .distantPast).timeIntervalSinceNow
            #expect(lifetime > 5_183_000 && lifetime <= 5_184_000)
            let credentials = Self.stored(result)

            let share = await client.share(Self.content(), using: credentials)
            #expect(share.outcome == .published)
            let urn = try #require(share.platformPostID)
            #expect(urn.hasPrefix("urn:li:share:"))
            #expect(share.platformPostURL == "https://www.linkedin.com/feed/update/\(urn)/")
            let posts = try await sandbox.posts(platform: "linkedin")
            #expect(posts.count == 1)
            #expect(posts.first?["text"] as? String == "Engines (and looms) #history [1] <3 a_b ~ @ada")
            #expect(posts.first?["link"] as? String == "https://blog.example/posts/1")

            do {
                _ = try await client.refresh(credentials)
                Issue.record("refresh without a refresh token succeeded")
            } catch let error as PlatformError { #expect(error.code == .refreshNotSupported) }
            #expect(try await client.verify(credentials))
            try await client.revoke(credentials)
            #expect(try await client.verify(credentials) == false)
        }
    }

    @Test func approvedAppsGetARefreshTokenThatRefreshes() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            _ = try await sandbox.request(
                .POST, "_sandbox/switches", headers: [("Content-Type", "application/json")],
                body: #"{"linkedin_refresh_tokens": true}"#)
            let client = Self.client(sandbox)
            let credentials = try await Self.connect(client, sandbox)
            #expect(credentials.refreshToken != nil)
            let refreshed = try await client.refresh(credentials)
            #expect(refreshed.accessToken != credentials.accessToken && refreshed.refreshToken != nil)
            #expect(try await client.verify(Self.stored(refreshed)))
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
            _ = try await client.exchangeCode(code, for: request)
            do {
                _ = try await client.exchangeCode(code, for: request)
                Issue.record("a reused code was accepted")
            } catch let error as PlatformError { #expect(error.code == .invalidGrant) }
        }
    }

    @Test func commentaryOverTheLimitIsRefusedWithoutCallingLinkedIn() async throws {
        try await SandboxHarness.with(apps: [Self.app]) { sandbox in
            let client = Self.client(sandbox)
            let credentials = try await Self.connect(client, sandbox)
            let result = await client.share(Self.content(String(repeating: "a", count: 3001)), using: credentials)
            #expect(result.outcome == .failed && result.errorKind == .rejectedContent)
            #expect(try await Self.postCalls(sandbox) == 0)
        }
    }

    @Test func littleTextEscapesEveryReservedCharacter() {
        #expect(LinkedInLittleText.escape(##"a(b)\c#d_e"##) == ##"a\(b\)\\c\#d\_e"##)
    }
}
