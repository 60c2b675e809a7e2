import Foundation
import Platforms
import SocialCore
import Testing

@testable import FragmentService

/// A Mastodon-API server we do not control answers with the status link we store and render.
private struct ScriptedLinkPlatform: SocialPlatform {
    let link: String
    var name: PlatformName { .mastodon }
    var usesPKCE: Bool { false }
    var requestedScopes: [String] { [] }
    func checkAppCredentials() async -> AppCredentialCheck { .notNeeded("a test platform") }
    func authorizeURL(for request: ConnectRequest) async throws(PlatformError) -> URL { URL(string: "https://mastodon.social/oauth/authorize")! }
    func exchangeCode(_ code: String, for request: ConnectRequest) async throws(PlatformError) -> [OAuthResult] { [] }
    func refresh(_ credentials: StoredCredentials) async throws(PlatformError) -> OAuthResult {
        OAuthResult(platformUserID: credentials.platformUserID, accessToken: credentials.accessToken)
    }
    func share(_ content: ShareContent, using credentials: StoredCredentials) async -> ShareResult { .published(id: "1", url: link) }
    func verify(_ credentials: StoredCredentials) async throws(PlatformError) -> Bool { true }
    func revoke(_ credentials: StoredCredentials) async throws(PlatformError) {}
    func textRules(for credentials: StoredCredentials?) async -> TextRules { .mastodon() }
    func postText(for content: ShareContent) -> String { content.url }
}

/// Only an https link on the platform's (or the instance's) own host is
/// stored and shown as the post's link.
@Suite struct PostLinkTests {
    static func share(answering link: String, allowHTTP: Bool = false) async throws -> (AccountShareOutcome, ShareRecord?) {
        let connections = MemoryConnectionRepository()
        guard
            case .created(let connection) = try await connections.connect(
                userID: "u1", platform: .mastodon, result: ConnectionRepositoryTests.result("1@mastodon.social"))
        else { throw HarnessFailure("connect did not create") }
        let shares = MemoryShareRepository()
        let service = ShareService(
            connections: connections, shares: shares, registry: PlatformRegistry([.mastodon: .available { ScriptedLinkPlatform(link: link) }]),
            logger: TestEnvironment.logger, allowHTTPPostLinks: allowHTTP)
        let order = ShareOrder(
            userID: "u1", content: ShareContent(url: "https://blog.rose-ash.example/a", title: "A", idempotencyKey: RandomToken.make()),
            connectionIDs: [connection.id])
        let outcome = try #require(await service.share(order).first)
        let stored = try await shares.liveShares(userID: "u1", url: "https://blog.rose-ash.example/a")[connection.id]
        return (outcome, stored)
    }

    @Test(arguments: [
        "javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://evil.example/@ada/1",
        "https://mastodon.social.evil.example/@ada/1", "http://mastodon.social/@ada/1", "https://user:pw@mastodon.social/@ada/1",
        "//mastodon.social/@ada/1",
        "not a url at all",
    ])
    func aLinkThatIsNotOnTheInstanceIsNeitherStoredNorShown(link: String) async throws {
        let (outcome, stored) = try await Self.share(answering: link)
        #expect(outcome.kind == .published)
        #expect(outcome.postURL == nil)
        #expect(stored?.postURL == nil)
    }

    @Test(arguments: ["https://mastodon.social/@ada/109", "https://MASTODON.social/@ada/109", "https://web.mastodon.social/@ada/109"])
    func aLinkOnTheInstanceIsKept(link: String) async throws {
        let (outcome, stored) = try await Self.share(answering: link)
        #expect(outcome.postURL != nil)
        #expect(stored?.postURL != nil)
    }

    @Test func sandboxModeAlsoTakesPlainHTTPOnTheInstance() async throws {
        #expect(try await Self.share(answering: "http://mastodon.social/@ada/1", allowHTTP: true).0.postURL == "http://mastodon.social/@ada/1")
        #expect(try await Self.share(answering: "javascript:alert(1)", allowHTTP: true).0.postURL == nil)
    }

    @Test func eachPlatformKeepsLinksOnItsOwnHostsOnly() {
        let credentials = StoredCredentials(platformUserID: "1", accessToken: "t")
        let cases: [(PlatformName, String, Bool)] = [
            (.facebook, "https://www.facebook.com/1/posts/2", true), (.facebook, "https://facebook.com.evil.example/x", false),
            (.instagram, "https://www.instagram.com/ada/", true), (.threads, "https://www.threads.com/@ada", true),
            (.threads, "https://www.threads.net/@ada", true), (.twitter, "https://x.com/ada/status/1", true),
            (.twitter, "https://twitter.com/ada/status/1", true), (.linkedin, "https://www.linkedin.com/feed/update/urn:li:share:1/", true),
            (.linkedin, "https://x.com/ada/status/1", false), (.mastodon, "https://mastodon.social/@ada/1", false),
        ]
        for (platform, link, kept) in cases {
            #expect((PostLink.trusted(link, platform: platform, credentials: credentials, allowHTTP: false) != nil) == kept, "\(platform) \(link)")
        }
    }

    @Test func aStoredLinkThatIsNotHTTPIsNeverRenderedAsALink() async throws {
        try await ConnectFlow.with { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let mastodon = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            // A row written before links were checked.
            guard
                case .started(let record) = try await deps.shares.start(
                    connectionID: mastodon, userID: "user-1", url: "https://blog.rose-ash.example/posts/kiln", title: "Kiln diaries", message: nil,
                    idempotencyKey: "old-row", shareAgain: false, origin: .manual)
            else { Issue.record("did not start"); return }
            _ = try await deps.shares.finish(id: record.id, result: .published(id: "1", url: "javascript:alert(document.cookie)"))
            let (_, history, _) = try await ConnectFlowTests.get(client, "/social/history/", session)
            #expect(history.contains("Kiln diaries"))
            #expect(!history.lowercased().contains("javascript:"))
            let (_, page, _) = try await ConnectFlowTests.get(
                client, "/social/share/?url=https%3A%2F%2Fblog.rose-ash.example%2Fposts%2Fkiln&title=Kiln", session)
            #expect(!page.lowercased().contains("javascript:"))
        }
    }
}
