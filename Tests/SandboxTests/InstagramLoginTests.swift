import Foundation
import Testing
@testable import Sandbox

@Suite("Instagram Login (variant A): wrapped token, ig_exchange_token, ig_refresh_token, publishing")
struct InstagramLoginTests {
    static let redirect = TestApps.callback("instagram")

    static func register(_ sandbox: SandboxClient) async throws {
        let reply = try await sandbox.postJSON(
            "_sandbox/apps",
            #"{"platform":"instagram","client_id":"3333","client_secret":"ig-secret","redirect_uris":["\#(redirect)"]}"#)
        #expect(reply.status == 200)
    }

    static func consent(_ sandbox: SandboxClient, account: String = "17841400000000001") async throws -> SandboxClient.Reply {
        let page = try await sandbox.get(
            "www.instagram.com/oauth/authorize"
                + sandbox.query([
                    ("client_id", "3333"), ("redirect_uri", redirect), ("response_type", "code"),
                    ("scope", "instagram_business_basic,instagram_business_content_publish"), ("state", "is"),
                ]))
        #expect(page.status == 200)
        return try await sandbox.consent(page, account: account)
    }

    @Test("full flow: wrapped short token, long-lived exchange, /me, publish, refresh only after 24 h")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            try await Self.register(sandbox)
            let redirect = try await Self.consent(sandbox)
            #expect(redirect.header("Location")?.hasSuffix("#_") == true)
            let code = try #require(redirect.locationQuery["code"])
            let short = try await sandbox.postForm(
                "api.instagram.com/oauth/access_token",
                [
                    ("client_id", "3333"), ("client_secret", "ig-secret"), ("grant_type", "authorization_code"),
                    ("redirect_uri", Self.redirect), ("code", code),
                ])
            let entry = try #require((short.json["data"] as? [[String: Any]])?.first)
            #expect(entry["user_id"] as? String == "17841400000000001")
            let shortToken = try #require(entry["access_token"] as? String)
            let long = try await sandbox.get(
                "graph.instagram.com/access_token"
                    + sandbox.query([
                        ("grant_type", "ig_exchange_token"), ("client_secret", "ig-secret"), ("access_token", shortToken),
                    ]))
            #expect(long.json["expires_in"] as? Int == 5_183_944)
            let token = try #require(long.json["access_token"] as? String)

            let me = try await sandbox.get("graph.instagram.com/v26.0/me?fields=user_id,username,account_type&access_token=\(token)")
            #expect(me.json["user_id"] as? String == "17841400000000001")
            #expect(me.json["account_type"] as? String == "BUSINESS")

            let container = try await sandbox.postForm(
                "graph.instagram.com/v26.0/17841400000000001/media",
                [
                    ("image_url", "https://rose.example/i.jpg"), ("caption", "Caption https://rose.example/p/2"), ("access_token", token),
                ])
            let containerID = try #require(container.json["id"] as? String)
            try await sandbox.advanceClock(2)
            let published = try await sandbox.postForm(
                "graph.instagram.com/v26.0/17841400000000001/media_publish",
                [("creation_id", containerID), ("access_token", token)])
            #expect(published.json["id"] != nil)
            #expect(try await sandbox.posts("instagram").first?["text"] as? String == "Caption https://rose.example/p/2")
            let other = try await sandbox.postForm(
                "graph.instagram.com/v26.0/17841400000000003/media",
                [
                    ("image_url", "https://rose.example/i.jpg"), ("access_token", token),
                ])
            #expect(other.status == 400)  // another account's id

            let young = try await sandbox.get("graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=\(token)")
            #expect(young.status == 400)
            try await sandbox.advanceClock(86_401)
            let refreshed = try await sandbox.get("graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=\(token)")
            #expect(refreshed.json["expires_in"] as? Int == 5_183_944)
        }
    }

    @Test("personal accounts cannot consent, old scope names are refused, flat token shape behind a switch")
    func restrictions() async throws {
        try await withSandbox { sandbox in
            try await Self.register(sandbox)
            #expect(try await Self.consent(sandbox, account: "17841400000000002").status == 403)
            let old = try await sandbox.get(
                "www.instagram.com/oauth/authorize"
                    + sandbox.query([
                        ("client_id", "3333"), ("redirect_uri", Self.redirect), ("response_type", "code"), ("scope", "business_basic"),
                    ]))
            #expect(old.status == 400)
            _ = try await sandbox.postJSON("_sandbox/switches", #"{"instagram_flat_token_response": true}"#)
            let code = try #require(try await Self.consent(sandbox).locationQuery["code"])
            let flat = try await sandbox.postForm(
                "api.instagram.com/oauth/access_token",
                [
                    ("client_id", "3333"), ("client_secret", "ig-secret"), ("grant_type", "authorization_code"),
                    ("redirect_uri", Self.redirect), ("code", code),
                ])
            #expect(flat.json["access_token"] is String)
            #expect(flat.json["permissions"] as? String == "instagram_business_basic,instagram_business_content_publish")
        }
    }
}
