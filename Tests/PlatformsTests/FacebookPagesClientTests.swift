import Foundation
import Testing

@testable import Platforms

@Suite struct FacebookPagesClientTests {
    typealias S = MetaTestSupport

    func client(_ sandbox: SandboxHarness, timeout: Duration = .seconds(10)) -> FacebookPagesClient {
        FacebookPagesClient(app: S.facebookApp, transport: sandbox.transport, timeout: timeout)
    }

    func adaPage(_ sandbox: SandboxHarness, _ id: String = S.adaEnginesPage) async throws -> StoredCredentials {
        let pages = try await S.connect(client(sandbox), redirect: S.facebookRedirect, account: S.ada, in: sandbox)
        return S.credentials(try #require(pages.first { $0.platformUserID == id }))
    }

    @Test func authorizeURLUsesVersionedDialogAndCommaSeparatedScopes() async throws {
        let client = FacebookPagesClient(app: S.facebookApp, transport: NoCallTransport(), graphVersion: "v26.0")
        let url = try await client.authorizeURL(for: ConnectRequest(redirectURI: S.facebookRedirect, state: "s1"))
        #expect(url.absoluteString.hasPrefix("https://www.facebook.com/v26.0/dialog/oauth?"))
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)!.queryItems!
        #expect(items.first { $0.name == "scope" }?.value == "pages_show_list,pages_manage_posts,pages_read_engagement")
        #expect(items.first { $0.name == "response_type" }?.value == "code")
        #expect(client.usesPKCE == false)
    }

    @Test func connectingAdaReturnsOneNonExpiringResultPerPage() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let pages = try await S.connect(client(sandbox), redirect: S.facebookRedirect, account: S.ada, in: sandbox)
            #expect(Set(pages.map(\.platformUserID)) == [S.adaEnginesPage, S.adaNotesPage])
            #expect(Set(pages.compactMap(\.displayName)) == ["Analytical Engines", "Ada's Notes"])
            for page in pages {
                #expect(page.expiresAt == nil)
                #expect(page.extraData["page_id"] == page.platformUserID)
                #expect(page.extraData["user_id"] == S.ada)
                #expect(page.scopes.contains("pages_manage_posts"))
                #expect(!page.accessToken.isEmpty)
            }
        }
    }

    @Test func sharingPostsMessageAndLinkToThePageAndReturnsThePermalink() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let credentials = try await adaPage(sandbox)
            let content = S.content("Babbage would approve")
            let result = await client(sandbox).share(content, using: credentials)
            #expect(result.outcome == .published)
            let id = try #require(result.platformPostID)
            #expect(id.hasPrefix(S.adaEnginesPage + "_"))
            #expect(result.platformPostURL == "https://www.facebook.com/\(S.adaEnginesPage)/posts/\(id.split(separator: "_")[1])")
            let posts = try await sandbox.posts(platform: "facebook")
            let post = try #require(posts.first { $0["id"] as? String == id })
            #expect(post["text"] as? String == "Babbage would approve")
            #expect(post["link"] as? String == content.url)
            #expect(post["account"] as? String == S.adaEnginesPage)
        }
    }

    @Test func revokingRemovesTheAppSoThePageTokenStopsWorking() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = client(sandbox)
            let credentials = try await adaPage(sandbox)
            #expect(try await client.verify(credentials) == true)
            try await client.revoke(credentials)
            #expect(try await client.verify(credentials) == false)
            let result = await client.share(S.content(), using: credentials)
            #expect(result.outcome == .failed)
            #expect(result.errorKind == .needsReconnect)
        }
    }

    @Test func declinedManagePostsPermissionFailsTheConnectWithPermissionMissing() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = client(sandbox)
            let request = S.request(S.facebookRedirect)
            let url = S.replacingScope(in: try await client.authorizeURL(for: request), with: "pages_show_list,pages_read_engagement")
            let code = try #require(try await sandbox.consent(at: url, account: S.ada)["code"])
            let error = await #expect(throws: PlatformError.self) { try await client.exchangeCode(code, for: request) }
            #expect(error?.code == .permissionMissing)
            #expect(error?.description.contains("pages_manage_posts") == true)
        }
    }

    @Test func reusedCodeIsRefusedAsInvalidGrant() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = client(sandbox)
            let request = S.request(S.facebookRedirect)
            let code = try #require(try await sandbox.consent(at: try await client.authorizeURL(for: request), account: S.ada)["code"])
            _ = try await client.exchangeCode(code, for: request)
            let error = await #expect(throws: PlatformError.self) { try await client.exchangeCode(code, for: request) }
            #expect(error?.code == .invalidGrant)
            #expect(error?.description.contains(code) == false)
        }
    }

    @Test func redirectURIMismatchIsReportedAsMisconfiguration() async throws {
        try await SandboxHarness.with(apps: S.apps) { sandbox in
            let client = client(sandbox)
            let request = S.request(S.facebookRedirect)
            let code = try #require(try await sandbox.consent(at: try await client.authorizeURL(for: request), account: S.ada)["code"])
            let other = ConnectRequest(redirectURI: S.instagramRedirect, state: request.state)
            let error = await #expect(throws: PlatformError.self) { try await client.exchangeCode(code, for: other) }
            #expect(error?.code == .misconfigured)
            #expect(error?.description.contains(S.facebookApp.appSecret) == false)
        }
    }

    @Test func messageOverTheLimitIsRefusedBeforeAnyCall() async {
        let client = FacebookPagesClient(app: S.facebookApp, transport: NoCallTransport())
        let credentials = StoredCredentials(platformUserID: S.adaEnginesPage, accessToken: "page-token")
        let result = await client.share(S.content(String(repeating: "a", count: 63_207)), using: credentials)
        #expect(result.outcome == .failed)
        #expect(result.errorKind == .rejectedContent)
    }

    @Test func refreshIsNotSupportedBecausePageTokensDoNotExpire() async {
        let client = FacebookPagesClient(app: S.facebookApp, transport: NoCallTransport())
        let error = await #expect(throws: PlatformError.self) {
            try await client.refresh(StoredCredentials(platformUserID: S.adaEnginesPage, accessToken: "t"))
        }
        #expect(error?.code == .refreshNotSupported)
    }
}
