import Foundation
import Sandbox
import Testing

@testable import Platforms

/// App-password sessions (docs/platforms/bluesky.md, "App-password sessions"), over HTTP against the sandbox.
@Suite struct BlueskyAppPasswordTests {
    typealias T = BlueskyTest

    @Test(arguments: [
        ("ada.bsky.social", BlueskyTest.ada, BlueskyTest.adaAppPassword), ("grace.example", BlueskyTest.grace, BlueskyTest.graceAppPassword),
    ])
    func connectShareRefreshAndSignOut(handle: String, did: String, password: String) async throws {
        try await SandboxHarness.with { sandbox in
            let platform = T.platform(sandbox, images: T.Images(bytes: T.png()))
            let result = try await platform.connectWithAppPassword(identifier: handle, password: password)
            #expect(result.platformUserID == did)
            #expect(result.username == handle)
            #expect(result.extraData["auth"] == "app_password")
            #expect(result.extraData["issuer"] == nil)
            #expect(result.accessToken.hasPrefix("bsky1 bearer "))
            // The password is never kept.
            #expect(!result.accessToken.contains(password) && result.refreshToken?.contains(password) == false)
            #expect(!result.extraData.values.contains { $0.contains(password) })

            let credentials = T.credentials(result)
            let shared = await platform.share(T.content(image: "https://rose-ash.example/card.png"), using: credentials)
            #expect(shared.outcome == .published, "\(shared)")
            #expect(try await sandbox.posts(platform: "bluesky").first?["thumbnail_bytes"] as? Int == 2048)

            let refreshed = try await platform.refresh(credentials)
            #expect(refreshed.refreshToken != credentials.refreshToken)
            var fresh = credentials
            fresh.accessToken = refreshed.accessToken
            fresh.refreshToken = refreshed.refreshToken
            #expect(try await platform.verify(fresh))

            try await platform.revoke(fresh)
            #expect(try await platform.verify(fresh) == false)
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutEchoingIt() async throws {
        try await SandboxHarness.with { sandbox in
            do {
                _ = try await T.platform(sandbox).connectWithAppPassword(identifier: "ada.bsky.social", password: "zzzz-zzzz-zzzz-zzzz")
                Issue.record("a wrong app password was accepted")
            } catch let error as PlatformError {
                #expect(error.code == .permissionMissing)
                #expect(!error.description.contains("zzzz"))
            }
        }
    }

    @Test(arguments: [
        "", "hunter2", "my-real-main-password", "abcd-efgh-ijkl", "abcd-efgh-ijkl-mnop-qrst", "abcd efgh ijkl mnop", "äbcd-efgh-ijkl-mnop",
    ])
    func somethingThatIsNotAnAppPasswordIsNeverSent(password: String) async throws {
        let transport = MastodonScriptedTransport()
        let platform = BlueskyPlatform(client: T.client(), transport: transport)
        do {
            _ = try await platform.connectWithAppPassword(identifier: "ada.bsky.social", password: password)
            Issue.record("\(password) was taken for an app password")
        } catch {
            #expect(error.code == .permissionMissing)
        }
        #expect(transport.requests.isEmpty)
    }
}
