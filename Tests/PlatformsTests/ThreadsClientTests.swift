import Foundation
import Testing

@testable import Platforms

@Suite struct ThreadsClientTests {
    typealias S = MetaTestSupport

    func client(_ sandbox: SandboxHarness, timeout: Duration = .seconds(10), now: @escaping @Sendable () -> Date = { Date() }) -> ThreadsClient {
        ThreadsClient(
            app: S.threadsApp, transport: sandbox.transport, timeout: timeout,
            polling: MetaContainerPolling(attempts: 5, interval: .milliseconds(300)), now: now)
    }

    func connectAda(_ sandbox: SandboxHarness) async throws -> StoredCredentials {
        let results = try await S.connect(client(sandbox), redirect: S.threadsRedirect, account: S.adaThreads, in: sandbox)
        return S.credentials(try #require(results.first))
    }

    @Test func authorizeURLUsesThreadsComWindowAndCommaSeparatedScopes() async throws {
        let client = ThreadsClient(app: S.threadsApp, transport: NoCallTransport())
        let url = try await client.authorizeURL(for: ConnectRequest(redirectURI: S.threadsRedirect, state: "s"))
        #expect(url.absoluteString.hasPrefix("https://threads.com/oauth/authorize?"))
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)!.queryItems!
        #expect(items.first { $0.name == "scope" }?.value == "threads_basic,threads_content_publish")
        #expect(items.first { $0.name == "client_id" }?.value == S.threadsApp.appID)
    }

    @Test func connectingGivesTheLongLivedTokenAndIdentity() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let results = try await S.connect(client(sandbox), redirect: S.threadsRedirect, account: S.adaThreads, in: sandbox)
            let ada = try #require(results.first)
            #expect(results.count == 1)
            #expect(ada.platformUserID == S.adaThreads)
            #expect(ada.username == "ada.threads")
            let lifetime = try #require(ada.expiresAt).timeIntervalSinceNow
            #expect(lifetime > 59 * 86400 && lifetime < 61 * 86400)
        }
    }

    @Test func sharingPublishesTextWithLinkAttachmentAndReturnsPermalink() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let credentials = try await connectAda(sandbox)
            let content = S.content("Threads should see this")
            let result = await client(sandbox).share(content, using: credentials)
            #expect(result.outcome == .published)
            #expect(result.platformPostURL?.hasPrefix("https://www.threads.com/@ada.threads/post/") == true)
            let posts = try await sandbox.posts(platform: "threads")
            #expect(posts.count == 1)
            #expect(posts.first?["text"] as? String == "Threads should see this")
            #expect(posts.first?["link"] as? String == content.url)
            #expect(posts.first?["id"] as? String == result.platformPostID)
            // The API is reached on its current host, graph.threads.com (https://developers.facebook.com/docs/threads).
            let recorded = try await sandbox.request(.GET, "_sandbox/requests?platform=threads")
            let hosts = Set(
                ((try JSONSerialization.jsonObject(with: Data(recorded.body.utf8)) as? [[String: Any]]) ?? []).compactMap { $0["host"] as? String })
            #expect(hosts.contains("graph.threads.com") && !hosts.contains("graph.threads.net"))
        }
    }

    @Test func refreshOfATokenYoungerThan24HoursIsRefusedWithoutACall() async {
        let client = ThreadsClient(app: S.threadsApp, transport: NoCallTransport())
        let young = StoredCredentials(
            platformUserID: S.adaThreads, accessToken: "t", expiresAt: Date().addingTimeInterval(86400 * 59),
            issuedAt: Date().addingTimeInterval(-3600))
        let error = await #expect(throws: PlatformError.self) { try await client.refresh(young) }
        #expect(error?.code == .refreshNotSupported)
    }

    @Test func refreshWorksOnceTheTokenIsOlderThan24Hours() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let credentials = try await connectAda(sandbox)
            try await sandbox.advanceClock(seconds: 25 * 3600)
            let later = client(sandbox, now: { Date().addingTimeInterval(25 * 3600) })
            let refreshed = try await later.refresh(credentials)
            #expect(refreshed.accessToken != credentials.accessToken)
            #expect(refreshed.platformUserID == S.adaThreads)
            var renewed = credentials
            renewed.accessToken = refreshed.accessToken
            #expect(try await later.verify(renewed))
        }
    }

    @Test func textOverTheLimitOrWithTooManyLinksIsRefusedBeforeAnyCall() async {
        let client = ThreadsClient(app: S.threadsApp, transport: NoCallTransport())
        let credentials = StoredCredentials(platformUserID: S.adaThreads, accessToken: "t")
        let long = await client.share(S.content(String(repeating: "x", count: 501)), using: credentials)
        #expect(long.errorKind == .rejectedContent)
        let links = (1...5).map { "https://e\($0).example/" }.joined(separator: " ")
        let many = await client.share(S.content(links), using: credentials)
        #expect(many.errorKind == .rejectedContent)
    }

    @Test func reusedCodeIsInvalidGrantAndRedirectMismatchIsMisconfigured() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = client(sandbox)
            let request = S.request(S.threadsRedirect)
            let code = try #require(try await sandbox.consent(at: try await client.authorizeURL(for: request), account: S.adaThreads)["code"])
            let mismatch = await #expect(throws: PlatformError.self) {
                try await client.exchangeCode(code, for: ConnectRequest(redirectURI: S.facebookRedirect, state: request.state))
            }
            #expect(mismatch?.code == .misconfigured)
            _ = try await client.exchangeCode(code, for: request)
            let reused = await #expect(throws: PlatformError.self) { try await client.exchangeCode(code, for: request) }
            #expect(reused?.code == .invalidGrant)
        }
    }
}
