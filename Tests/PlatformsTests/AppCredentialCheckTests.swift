import Foundation
import Sandbox
import Testing

@testable import Platforms

/// Each platform's app-credential check against the sandbox over HTTP, and its requested scopes
/// against what its authorize URL asks for.
@Suite struct AppCredentialCheckTests {
    typealias Meta = MetaTestSupport

    /// The platforms with app credentials to check.
    static let checked: [PlatformName] = [.facebook, .instagram, .threads, .twitter, .linkedin]

    static var apps: [RegisteredApp] { Meta.apps + [TwitterPlatformTests.app, LinkedInPlatformTests.app] }

    /// The registered id and secret of `platform`'s app (Instagram uses the Facebook app).
    static func registered(_ platform: PlatformName) -> (id: String, secret: String) {
        switch platform {
        case .facebook, .instagram: (Meta.facebookApp.appID, Meta.facebookApp.appSecret)
        case .threads: (Meta.threadsApp.appID, Meta.threadsApp.appSecret)
        case .twitter: (TwitterPlatformTests.app.clientID, TwitterPlatformTests.app.clientSecret ?? "")
        case .linkedin: (LinkedInPlatformTests.app.clientID, LinkedInPlatformTests.app.clientSecret ?? "")
        case .mastodon, .bluesky: ("", "")
        }
    }

    /// `platform`'s client with the registered credentials, or with `id`/`secret` in their place.
    static func client(
        _ platform: PlatformName, _ transport: any PlatformTransport, id: String? = nil, secret: String? = nil, timeout: Duration = .seconds(10)
    ) -> any SocialPlatform {
        let app = registered(platform)
        let meta = MetaAppCredentials(appID: id ?? app.id, appSecret: secret ?? app.secret)
        switch platform {
        case .facebook: return FacebookPagesClient(app: meta, transport: transport, timeout: timeout)
        case .instagram: return InstagramClient(app: meta, transport: transport, timeout: timeout)
        case .threads: return ThreadsClient(app: meta, transport: transport, timeout: timeout)
        case .twitter: return TwitterPlatform(clientID: id ?? app.id, clientSecret: secret ?? app.secret, transport: transport, timeout: timeout)
        case .linkedin:
            return LinkedInPlatform(clientID: id ?? app.id, clientSecret: secret ?? app.secret, transport: transport, timeout: timeout)
        case .mastodon: return MastodonPlatform(appStore: MemoryMastodonAppStore(), transport: transport)
        case .bluesky: return BlueskyPlatform(client: BlueskyTest.client(), transport: transport, timeout: timeout)
        }
    }

    /// The sandbox platform whose failure switches the check obeys: Instagram's check asks the
    /// Facebook Graph about the Facebook app.
    static func sandboxPlatform(_ platform: PlatformName) -> String { platform == .instagram ? "facebook" : platform.rawValue }

    @Test(arguments: checked)
    func theRegisteredCredentialsAreAccepted(platform: PlatformName) async throws {
        try await SandboxHarness.with(apps: Self.apps) { sandbox in
            #expect(await Self.client(platform, sandbox.transport).checkAppCredentials() == .accepted)
        }
    }

    @Test(arguments: checked)
    func aWrongSecretIsRefusedNamingTheSettingsAndNoSecret(platform: PlatformName) async throws {
        try await SandboxHarness.with(apps: Self.apps) { sandbox in
            let wrong = "wrong-secret-\(UUID().uuidString)"
            let check = await Self.client(platform, sandbox.transport, secret: wrong).checkAppCredentials()
            guard case .refused(let message) = check else {
                Issue.record("a wrong secret was not refused: \(check)")
                return
            }
            #expect(message.contains(AppCredentialCheck.settings(for: platform)))
            #expect(message.contains(platform == .twitter ? "SOCIAL_TWITTER_CLIENT_SECRET" : "_SECRET"))
            #expect(!message.contains(wrong) && !message.contains(Self.registered(platform).secret))
        }
    }

    @Test(arguments: checked)
    func anUnknownAppIDIsRefused(platform: PlatformName) async throws {
        try await SandboxHarness.with(apps: Self.apps) { sandbox in
            let check = await Self.client(platform, sandbox.transport, id: "9999999999999999").checkAppCredentials()
            guard case .refused(let message) = check else {
                Issue.record("an unknown app id was not refused: \(check)")
                return
            }
            #expect(!message.contains(Self.registered(platform).secret))
        }
    }

    @Test(arguments: checked)
    func noAnswerIsUnknown(platform: PlatformName) async throws {
        // Nothing listens on port 1: the sandbox is down.
        let transport = SandboxTestTransport(port: 1)
        let check = await Self.client(platform, transport).checkAppCredentials()
        try await transport.outbound.shutdown()
        guard case .unknown(let message) = check else {
            Issue.record("no answer was not unknown: \(check)")
            return
        }
        #expect(!message.contains(Self.registered(platform).secret))
    }

    @Test(arguments: checked, ["server_error", "malformed"])
    func aServerErrorOrAnUnreadableAnswerIsUnknown(platform: PlatformName, mode: String) async throws {
        try await SandboxHarness.with(apps: Self.apps) { sandbox in
            try await sandbox.fail(Self.sandboxPlatform(platform), mode: mode)
            let check = await Self.client(platform, sandbox.transport).checkAppCredentials()
            guard case .unknown = check else {
                Issue.record("\(mode) was not unknown: \(check)")
                return
            }
            // The switched-on failure answered the check (it is used up), rather than something else.
            #expect(try await sandbox.request(.GET, "_sandbox/failures").body.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        }
    }

    @Test(arguments: checked)
    func aPlatformThatDoesNotAnswerInTimeIsUnknown(platform: PlatformName) async throws {
        try await SandboxHarness.with(apps: Self.apps) { sandbox in
            try await sandbox.fail(Self.sandboxPlatform(platform), mode: "timeout", latency: 4)
            let check = await Self.client(platform, sandbox.transport, timeout: .seconds(1)).checkAppCredentials()
            guard case .unknown = check else {
                Issue.record("a hanging platform was not unknown: \(check)")
                return
            }
        }
    }

    @Test(arguments: checked)
    func requestedScopesAreWhatTheAuthorizeURLAsksFor(platform: PlatformName) async throws {
        let client = Self.client(platform, NoCallTransport())
        let request = ConnectRequest(
            redirectURI: SandboxHarness.redirectBase + "/social/callback/\(platform.rawValue)/", state: "scopes",
            codeVerifier: client.usesPKCE ? PKCE.makeVerifier() : nil)
        let scope = try #require(Self.query(try await client.authorizeURL(for: request))["scope"])
        #expect(Self.scopes(scope) == client.requestedScopes)
        #expect(!client.requestedScopes.isEmpty)
    }

    @Test func mastodonNeedsNoCheckAndRequestsTheScopesItsAuthorizeURLAsksFor() async throws {
        try await SandboxHarness.with { sandbox in
            let client = Self.client(.mastodon, sandbox.transport)
            let before = try await Meta.requestCount("mastodon", in: sandbox)
            guard case .notNeeded = await client.checkAppCredentials() else {
                Issue.record("Mastodon's check was not 'not needed'")
                return
            }
            #expect(try await Meta.requestCount("mastodon", in: sandbox) == before, "the check must not call anything")
            let request = MastodonPlatformTests.request()
            let scope = try #require(Self.query(try await client.authorizeURL(for: request))["scope"])
            #expect(Self.scopes(scope) == client.requestedScopes)
        }
    }

    @Test func blueskyNeedsNoCheckAndItsPARAsksForTheRequestedScopes() async throws {
        try await BlueskyTest.with { sandbox in
            let client = Self.client(.bluesky, sandbox.transport)
            let before = try await Meta.requestCount("bluesky", in: sandbox)
            guard case .notNeeded = await client.checkAppCredentials() else {
                Issue.record("Bluesky's check was not 'not needed'")
                return
            }
            #expect(try await Meta.requestCount("bluesky", in: sandbox) == before, "the check must not call anything")
            let request = ConnectRequest(
                redirectURI: BlueskyTest.redirect, state: "scopes", codeVerifier: PKCE.makeVerifier(), accountHint: "ada.bsky.social")
            let authorize = try await client.authorizeURL(for: request)
            let page = try await sandbox.request(.GET, sandbox.sandboxURL(authorize).absoluteString)
            // The consent page lists the scopes the pushed request asked for.
            for scope in client.requestedScopes { #expect(page.body.contains(scope), "\(scope)") }
            #expect(client.requestedScopes == BlueskyClient.scopes)
        }
    }

    static func query(_ url: URL) -> [String: String] {
        (URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []).reduce(into: [:]) { $0[$1.name] = $1.value ?? "" }
    }

    /// A `scope` parameter split the way platforms join it: commas (Meta) or spaces.
    static func scopes(_ scope: String) -> [String] {
        scope.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }
}
