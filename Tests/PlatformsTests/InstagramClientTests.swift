import Foundation
import Testing

@testable import Platforms

@Suite struct InstagramClientTests {
    typealias S = MetaTestSupport
    static let image = "https://rose-ash.example/images/engine.jpg"

    func client(_ sandbox: SandboxHarness, timeout: Duration = .seconds(10)) -> InstagramClient {
        InstagramClient(
            app: S.facebookApp, transport: sandbox.transport, timeout: timeout,
            polling: MetaContainerPolling(attempts: 15, interval: .milliseconds(300)))
    }

    func connectAda(_ sandbox: SandboxHarness) async throws -> StoredCredentials {
        let results = try await S.connect(client(sandbox), redirect: S.instagramRedirect, account: S.ada, in: sandbox)
        return S.credentials(try #require(results.first))
    }

    @Test func authorizeURLAsksForInstagramAndPageScopesOnTheFacebookDialog() async throws {
        let client = InstagramClient(app: S.facebookApp, transport: NoCallTransport())
        let url = try await client.authorizeURL(for: ConnectRequest(redirectURI: S.instagramRedirect, state: "s"))
        #expect(url.absoluteString.hasPrefix("https://www.facebook.com/v26.0/dialog/oauth?"))
        let scope = URLComponents(url: url, resolvingAgainstBaseURL: false)!.queryItems!.first { $0.name == "scope" }?.value
        #expect(scope == "instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement")
    }

    @Test func connectingFindsTheProfessionalAccountLinkedToAPage() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let ada = try await S.connect(client(sandbox), redirect: S.instagramRedirect, account: S.ada, in: sandbox)
            #expect(ada.map(\.platformUserID) == [S.enginesInstagram])
            #expect(ada.first?.username == "analytical.engines")
            #expect(ada.first?.extraData["ig_user_id"] == S.enginesInstagram)
            #expect(ada.first?.extraData["page_id"] == S.adaEnginesPage)
            #expect(ada.first?.expiresAt != nil)
            let grace = try await S.connect(client(sandbox), redirect: S.instagramRedirect, account: S.grace, in: sandbox)
            #expect(grace.map(\.platformUserID) == [S.compilersInstagram])
        }
    }

    @Test func pagesWithoutALinkedProfessionalAccountAreNotEligible() throws {
        let pages = [InstagramPageList.Page(id: S.adaNotesPage, name: "Ada's Notes", instagramBusinessAccount: nil)]
        let error = #expect(throws: PlatformError.self) { try InstagramPageList.linkedAccounts(in: pages) }
        #expect(error?.code == .accountNotEligible)
        #expect(error?.description.contains("professional") == true)
        #expect(error?.description.contains("Page") == true)
    }

    @Test func connectingWithoutInstagramPermissionsIsPermissionMissing() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = client(sandbox)
            let request = S.request(S.instagramRedirect)
            let url = S.replacingScope(in: try await client.authorizeURL(for: request), with: "pages_show_list,pages_read_engagement")
            let code = try #require(try await sandbox.consent(at: url, account: S.ada)["code"])
            let error = await #expect(throws: PlatformError.self) { try await client.exchangeCode(code, for: request) }
            #expect(error?.code == .permissionMissing)
        }
    }

    @Test func shareWithoutAnImageIsRefusedWithoutACall() async {
        let client = InstagramClient(app: S.facebookApp, transport: NoCallTransport())
        let result = await client.share(S.content(), using: StoredCredentials(platformUserID: S.enginesInstagram, accessToken: "t"))
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .rejectedContent)
    }

    @Test func captionOverTheLimitIsRefusedWithoutACall() async {
        let client = InstagramClient(app: S.facebookApp, transport: NoCallTransport())
        let result = await client.share(
            S.content(String(repeating: "a", count: 2200), image: Self.image),
            using: StoredCredentials(platformUserID: S.enginesInstagram, accessToken: "t"))
        #expect(result.errorKind == .rejectedContent)
    }

    @Test func captionCarriesMessageTitleAndPlainTextURL() {
        let client = InstagramClient(app: S.facebookApp, transport: NoCallTransport())
        let content = S.content("Look", image: Self.image)
        #expect(client.postText(for: content) == "Look\n\nNotes on the Engine\n\n\(content.url)")
    }

    @Test func sharingWithAnImageCreatesAContainerPublishesItAndReturnsThePermalink() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let credentials = try await connectAda(sandbox)
            let content = S.content("From the engine room", image: Self.image)
            let result = await client(sandbox).share(content, using: credentials)
            #expect(result.outcome == .published)
            #expect(result.platformPostURL?.hasPrefix("https://www.instagram.com/p/") == true)
            let posts = try await sandbox.posts(platform: "instagram")
            #expect(posts.count == 1)
            #expect(posts.first?["image_url"] as? String == Self.image)
            #expect((posts.first?["text"] as? String)?.contains(content.url) == true)
            #expect(posts.first?["id"] as? String == result.platformPostID)
        }
    }

    @Test func theImageDescriptionIsSentAsAltText() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let credentials = try await connectAda(sandbox)
            var content = S.content("From the engine room", image: Self.image)
            content.imageAlt = "  A brass steam engine in a workshop  "
            #expect(await client(sandbox).share(content, using: credentials).outcome == .published)
            var long = S.content("Another", image: Self.image)
            long.imageAlt = String(repeating: "é", count: 1200)
            #expect(await client(sandbox).share(long, using: credentials).outcome == .published)
            let posts = try await sandbox.posts(platform: "instagram")
            #expect(posts.first?["image_alt"] as? String == "A brass steam engine in a workshop")
            // Over 1,000 characters is cut, not refused (the sandbox refuses more, as Instagram does).
            #expect((posts.last?["image_alt"] as? String)?.count == 1000)
        }
    }

    @Test func refreshIsNotSupportedForFacebookLoginTokens() async {
        let client = InstagramClient(app: S.facebookApp, transport: NoCallTransport())
        let error = await #expect(throws: PlatformError.self) {
            try await client.refresh(StoredCredentials(platformUserID: S.enginesInstagram, accessToken: "t"))
        }
        #expect(error?.code == .refreshNotSupported)
    }
}
