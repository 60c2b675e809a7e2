import Foundation
import Sandbox
import Testing

@testable import Platforms

/// Apps, demo ids and connect helpers shared by the Facebook, Instagram and Threads tests.
enum MetaTestSupport {
    static let facebookApp = MetaAppCredentials(appID: "1100000000000001", appSecret: "fb-app-secret-for-tests")
    static let threadsApp = MetaAppCredentials(appID: "2600000000000001", appSecret: "threads-app-secret-for-tests")
    static let facebookRedirect = SandboxHarness.redirectBase + "/social/callback/facebook/"
    static let instagramRedirect = SandboxHarness.redirectBase + "/social/callback/instagram/"
    static let threadsRedirect = SandboxHarness.redirectBase + "/social/callback/threads/"

    static let ada = "10000000000000001"
    static let grace = "10000000000000002"
    static let adaEnginesPage = "200000000000001"
    static let adaNotesPage = "200000000000002"
    static let graceCompilersPage = "200000000000003"
    static let enginesInstagram = "17841400000000001"
    static let compilersInstagram = "17841400000000003"
    static let adaThreads = "26000000000000001"

    /// The Facebook app (which also serves Instagram via Facebook Login) and the Threads app.
    static var apps: [RegisteredApp] {
        [
            RegisteredApp(
                platform: .facebook, clientID: facebookApp.appID, clientSecret: facebookApp.appSecret,
                redirectURIs: [facebookRedirect, instagramRedirect], name: "Rose Ash"),
            RegisteredApp(
                platform: .threads, clientID: threadsApp.appID, clientSecret: threadsApp.appSecret,
                redirectURIs: [threadsRedirect], name: "Rose Ash"),
        ]
    }

    static func request(_ redirect: String) -> ConnectRequest { ConnectRequest(redirectURI: redirect, state: "state-\(UUID().uuidString)") }

    /// Consents as `account` in the sandbox and exchanges the code.
    static func connect(
        _ client: some SocialPlatform, redirect: String, account: String, in sandbox: SandboxHarness
    ) async throws -> [OAuthResult] {
        let request = request(redirect)
        let url = try await client.authorizeURL(for: request)
        let callback = try await sandbox.consent(at: url, account: account)
        #expect(callback["state"] == request.state)
        let code = try #require(callback["code"])
        return try await client.exchangeCode(code, for: request)
    }

    /// Stored credentials as the service would keep them for `result`.
    static func credentials(_ result: OAuthResult, issuedAt: Date? = Date()) -> StoredCredentials {
        StoredCredentials(
            platformUserID: result.platformUserID, username: result.username, accessToken: result.accessToken,
            refreshToken: result.refreshToken, expiresAt: result.expiresAt, issuedAt: issuedAt, extraData: result.extraData)
    }

    /// `authorizeURL` with its `scope` replaced, as if the person unticked permissions in the dialog.
    static func replacingScope(in url: URL, with scope: String) -> URL {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        components.queryItems = components.queryItems!.map { $0.name == "scope" ? URLQueryItem(name: "scope", value: scope) : $0 }
        return components.url!
    }

    /// Number of API calls the sandbox recorded for `platform`.
    static func requestCount(_ platform: String, in sandbox: SandboxHarness) async throws -> Int {
        let reply = try await sandbox.request(.GET, "_sandbox/requests?platform=\(platform)")
        return ((try JSONSerialization.jsonObject(with: Data(reply.body.utf8))) as? [Any])?.count ?? -1
    }

    /// A failure rule limited to paths containing `path`.
    static func fail(_ platform: String, mode: String, pathContains path: String, latency: Double = 3, in sandbox: SandboxHarness) async throws {
        // POSTs only: a path like `threads_publish` is also the start of `threads_publishing_limit`.
        let json = #"{"platform":"\#(platform)","mode":"\#(mode)","count":1,"latency":\#(latency),"path_contains":"\#(path)","method":"POST"}"#
        _ = try await sandbox.request(.POST, "_sandbox/failures", headers: [("Content-Type", "application/json")], body: json)
    }

    static func content(_ message: String? = "Worth a read", image: String? = nil) -> ShareContent {
        ShareContent(
            url: "https://rose-ash.example/articles/\(UUID().uuidString.prefix(8))", title: "Notes on the Engine",
            imageURL: image, message: message, idempotencyKey: UUID().uuidString)
    }
}
