import Foundation
import Sandbox
import Testing

@testable import Platforms

/// The Bluesky client against the sandbox over HTTP: OAuth connect by handle (the entryway's
/// authorization server and a self-hosted PDS that is its own), posting with facets and a card,
/// refresh with rotation, revocation (docs/platforms/bluesky.md).
@Suite struct BlueskyPlatformTests {
    typealias T = BlueskyTest

    @Test func adaConnectsByHandleSharesWithACardRefreshesAndRevokes() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox, images: T.Images(bytes: T.png()))
            let result = try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox)
            #expect(result.platformUserID == T.ada)
            #expect(result.username == "ada.bsky.social")
            #expect(result.displayName == "Ada Lovelace")
            #expect(result.extraData["issuer"] == "https://bsky.social")
            #expect(result.extraData["pds_url"] == "https://morel.us-east.host.bsky.network")
            #expect(result.extraData["auth"] == "oauth")
            // No secret in the plain JSON, and the stored tokens are this client's encoding.
            #expect(!result.extraData.values.contains { $0.contains("bsky1") })
            #expect(result.accessToken.hasPrefix("bsky1 dpop "))
            #expect(result.scopes.contains("repo:app.bsky.feed.post?action=create"))

            let credentials = T.credentials(result)
            let shared = await platform.share(T.content(image: "https://rose-ash.example/card.png"), using: credentials)
            #expect(shared.outcome == .published, "\(shared)")
            #expect(shared.message == nil)
            let url = try #require(shared.platformPostURL)
            #expect(url.hasPrefix("https://bsky.app/profile/\(T.ada)/post/"))
            let post = try #require(try await sandbox.posts(platform: "bluesky").first)
            #expect(post["url"] as? String == url)
            #expect(post["text"] as? String == "Read this https://rose-ash.example/blog/post-1")
            #expect(post["card_title"] as? String == "Post title")
            #expect(post["thumbnail_bytes"] as? Int == 2048)
            let facet = try #require((post["facets"] as? [[String: Any]])?.first)
            #expect(facet["byte_start"] as? Int == 10)
            #expect(facet["byte_end"] as? Int == 10 + "https://rose-ash.example/blog/post-1".utf8.count)
            #expect(facet["uri"] as? String == "https://rose-ash.example/blog/post-1")

            let refreshed = try await platform.refresh(credentials)
            #expect(refreshed.refreshToken != credentials.refreshToken)
            #expect(refreshed.accessToken != credentials.accessToken)
            #expect(refreshed.extraData == credentials.extraData)
            var fresh = credentials
            fresh.accessToken = refreshed.accessToken
            fresh.refreshToken = refreshed.refreshToken
            #expect(try await platform.verify(fresh))
            // Rotation: the earlier access token stopped working with the refresh.
            #expect(try await platform.verify(credentials) == false)

            try await platform.revoke(fresh)
            #expect(try await platform.verify(fresh) == false)
            let after = await platform.share(T.content(), using: fresh)
            #expect(after.outcome == .failed && after.errorKind == .needsReconnect)
            do {
                _ = try await platform.refresh(fresh)
                Issue.record("a revoked session was refreshed")
            } catch let error as PlatformError {
                #expect(error.code == .invalidGrant)
            }
        }
    }

    @Test func aReusedRefreshTokenIsRefused() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox)
            let credentials = T.credentials(try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox))
            _ = try await platform.refresh(credentials)
            do {
                _ = try await platform.refresh(credentials)
                Issue.record("the old refresh token was accepted again")
            } catch let error as PlatformError {
                #expect(error.code == .invalidGrant)
            }
        }
    }

    @Test func graceConnectsThroughHerSelfHostedServerAndPosts() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox)
            let issuer = try await platform.prepareAuthorization(hint: "@grace.example")
            #expect(issuer.absoluteString == "https://pds.grace.example")
            let result = try await T.connect(platform, hint: "grace.example", account: T.grace, in: sandbox)
            #expect(result.platformUserID == T.grace)
            #expect(result.username == "grace.example")
            #expect(result.displayName == "grace.example")
            #expect(result.extraData["issuer"] == "https://pds.grace.example")
            let shared = await platform.share(T.content(message: nil), using: T.credentials(result))
            #expect(shared.outcome == .published, "\(shared)")
            #expect(shared.platformPostURL?.hasPrefix("https://bsky.app/profile/did:web:grace.example/post/") == true)
        }
    }

    @Test func connectingByDIDWorksToo() async throws {
        try await T.with { sandbox in
            let result = try await T.connect(T.platform(sandbox), hint: T.ada, account: T.ada, in: sandbox)
            #expect(result.platformUserID == T.ada)
        }
    }

    @Test func emojiAndCJKBeforeTheLinkGetUTF8ByteOffsets() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox)
            let credentials = T.credentials(try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox))
            let message = "新しい記事 👩‍💻🎉 café"
            let shared = await platform.share(T.content(message: message), using: credentials)
            #expect(shared.outcome == .published, "\(shared)")
            let post = try #require(try await sandbox.posts(platform: "bluesky").first)
            let facet = try #require((post["facets"] as? [[String: Any]])?.first)
            let start = (message + " ").utf8.count
            #expect(facet["byte_start"] as? Int == start)
            #expect(facet["byte_end"] as? Int == start + T.content().url.utf8.count)
            #expect(facet["text"] as? String == T.content().url)
        }
    }

    @Test func thePagesLanguageLabelsThePostAndAnythingElseIsLeftOut() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox)
            let credentials = T.credentials(try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox))
            var japanese = T.content(message: "新しい記事")
            japanese.language = "ja"
            var unreadable = T.content(message: "Another one")
            unreadable.url += "?2"
            unreadable.language = "<script>"
            #expect(await platform.share(japanese, using: credentials).outcome == .published)
            #expect(await platform.share(unreadable, using: credentials).outcome == .published)
            let posts = try await sandbox.posts(platform: "bluesky")
            let labelled = try #require(posts.first { ($0["text"] as? String)?.hasPrefix("新しい記事") == true })
            #expect(labelled["langs"] as? [String] == ["ja"])
            let other = try #require(posts.first { ($0["text"] as? String)?.hasPrefix("Another one") == true })
            #expect((other["langs"] as? [String] ?? []).isEmpty)
        }
    }

    @Test func anImageOverTheThumbLimitIsLeftOutWithANote() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox, images: T.Images(bytes: T.png(size: 1_000_001)))
            let credentials = T.credentials(try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox))
            let shared = await platform.share(T.content(image: "https://rose-ash.example/big.png"), using: credentials)
            #expect(shared.outcome == .published)
            #expect(shared.message?.contains("without a card image") == true)
            let post = try #require(try await sandbox.posts(platform: "bluesky").first)
            #expect(post["thumbnail"] == nil || post["thumbnail"] is NSNull)
            #expect(post["card_title"] as? String == "Post title")
        }
    }

    @Test func overLongTextIsRefusedBeforeAnythingIsSent() async throws {
        try await T.with { sandbox in
            let platform = T.platform(sandbox)
            let credentials = T.credentials(try await T.connect(platform, hint: "ada.bsky.social", account: T.ada, in: sandbox))
            let long = String(repeating: "a", count: 270)
            let check = await platform.check(T.content(message: long), for: credentials)
            #expect(check.refusal != nil)
            // 300 graphemes fit, but not 3,000 bytes: each family emoji is 25 bytes.
            let heavy = String(repeating: "👨‍👩‍👧‍👦", count: 121)
            #expect(await platform.check(T.content(message: heavy), for: credentials).refusal?.contains("bytes") == true)
            let before = try await Self.createRecordCount(sandbox)
            let shared = await platform.share(T.content(message: long), using: credentials)
            #expect(shared.outcome == .failed && shared.errorKind == .rejectedContent)
            #expect(try await Self.createRecordCount(sandbox) == before)
        }
    }

    @Test func aFreshClientWithoutANonceRetriesOnceWithTheServersNonce() async throws {
        try await T.with { sandbox in
            let credentials = T.credentials(try await T.connect(T.platform(sandbox), hint: "ada.bsky.social", account: T.ada, in: sandbox))
            let before = try await Self.createRecordCount(sandbox)
            // A new client has no nonce for the PDS yet: the first try is refused with use_dpop_nonce.
            let shared = await T.platform(sandbox).share(T.content(), using: credentials)
            #expect(shared.outcome == .published, "\(shared)")
            #expect(try await Self.createRecordCount(sandbox) == before + 2)
            #expect(try await sandbox.posts(platform: "bluesky").count == 1)
        }
    }

    static func createRecordCount(_ sandbox: SandboxHarness) async throws -> Int {
        let reply = try await sandbox.request(.GET, "_sandbox/requests?platform=bluesky")
        let requests = (try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]]) ?? []
        return requests.filter { ($0["path"] as? String)?.contains("createRecord") == true }.count
    }
}
