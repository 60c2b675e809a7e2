import Foundation
import Testing
@testable import Sandbox

@Suite("Client variants: X public clients, Mastodon JSON/out-of-band/app tokens, Facebook debug_token, LinkedIn refresh")
struct ExtraFlowTests {
    @Test("X public client: client_id in the body, no Basic; Basic with a secret-less app is refused")
    func twitterPublicClient() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.postJSON(
                "_sandbox/apps",
                #"{"platform":"twitter","client_id":"spa","redirect_uris":["\#(TwitterTests.redirect)"]}"#)
            let page = try await sandbox.get(
                "x.com/i/oauth2/authorize"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", "spa"), ("redirect_uri", TwitterTests.redirect), ("scope", "tweet.read users.read"),
                        ("state", "s"), ("code_challenge", PKCE.s256(TwitterTests.verifier)), ("code_challenge_method", "S256"),
                    ]))
            let code = try #require(try await sandbox.consent(page, account: "1500000000000000002").locationQuery["code"])
            let token = try await sandbox.postForm(
                "api.x.com/2/oauth2/token",
                [
                    ("code", code), ("grant_type", "authorization_code"), ("redirect_uri", TwitterTests.redirect),
                    ("code_verifier", TwitterTests.verifier), ("client_id", "spa"),
                ])
            #expect(token.status == 200)
            #expect(token.json["refresh_token"] == nil)  // no offline.access
            let me = try await sandbox.get(
                "api.x.com/2/users/me", headers: [("Authorization", "Bearer \(token.json["access_token"] as? String ?? "")")])
            #expect((me.json["data"] as? [String: Any])?["username"] as? String == "grace_x")
            let tweet = try await sandbox.postJSON(
                "api.x.com/2/tweets", #"{"text":"no write scope"}"#,
                headers: [("Authorization", "Bearer \(token.json["access_token"] as? String ?? "")")])
            #expect(tweet.status == 403)
        }
    }

    @Test("Mastodon accepts JSON app registration, shows the code out-of-band, and app tokens cannot post")
    func mastodonVariants() async throws {
        try await withSandbox { sandbox in
            let app = try await sandbox.postJSON(
                "social.example/api/v1/apps",
                #"{"client_name":"Rose Ash","redirect_uris":["urn:ietf:wg:oauth:2.0:oob"],"scopes":"read write:statuses"}"#)
            let id = try #require(app.json["client_id"] as? String), secret = try #require(app.json["client_secret"] as? String)
            #expect(app.json["redirect_uris"] as? [String] == ["urn:ietf:wg:oauth:2.0:oob"])
            let page = try await sandbox.get(
                "social.example/oauth/authorize"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", id), ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"), ("scope", "read write:statuses"),
                    ]))
            let shown = try await sandbox.consent(page, account: "109000000000000002")
            #expect(shown.status == 200)
            #expect(SandboxClient.firstMatch(#"<code id="code">([^<]+)</code>"#, in: shown.body) != nil)
            let appToken = try await sandbox.postForm(
                "social.example/oauth/token",
                [
                    ("grant_type", "client_credentials"), ("scope", "write:statuses"),
                ], headers: [SandboxClient.basic(id, secret)])
            let bearer = [("Authorization", "Bearer \(appToken.json["access_token"] as? String ?? "")")]
            let post = try await sandbox.postForm("social.example/api/v1/statuses", [("status", "hi")], headers: bearer)
            #expect(post.status == 422)
            let bad = try await sandbox.postJSON("social.example/api/v1/apps", #"{"client_name":"x","redirect_uris":"not a uri"}"#)
            #expect(bad.json["error"] as? String == "Validation failed: Redirect URI must be an absolute URI.")
        }
    }

    @Test("debug_token reports Page tokens from a long-lived user token as never expiring")
    func facebookDebugToken() async throws {
        try await withSandbox { sandbox in
            let user = try await FacebookTests.longLived(sandbox)
            let pages = try await sandbox.get("graph.facebook.com/v26.0/me/accounts?access_token=\(user)").json["data"] as? [[String: Any]]
            let pageToken = try #require(pages?.first?["access_token"] as? String)
            let debug = try await sandbox.get(
                "graph.facebook.com/v26.0/debug_token"
                    + sandbox.query([
                        ("input_token", pageToken), ("access_token", "1111|fb-secret"),
                    ]))
            let data = try #require(debug.json["data"] as? [String: Any])
            #expect(data["expires_at"] as? Int == 0)
            #expect(data["type"] as? String == "PAGE")
            #expect(data["is_valid"] as? Bool == true)
        }
    }

    @Test("LinkedIn refresh tokens only when switched on, with a fixed 365-day lifetime")
    func linkedinRefresh() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.postJSON("_sandbox/switches", #"{"linkedin_refresh_tokens": true}"#)
            let code = try #require(try await LinkedInTests.code(sandbox).locationQuery["code"])
            let token = try await LinkedInTests.exchange(sandbox, code: code)
            let refresh = try #require(token.json["refresh_token"] as? String)
            try await sandbox.advanceClock(59 * 86400)
            let renewed = try await sandbox.postForm(
                "www.linkedin.com/oauth/v2/accessToken",
                [
                    ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "li-client"), ("client_secret", "li-secret"),
                ])
            #expect(renewed.json["refresh_token"] as? String == refresh)
            let left = try #require(renewed.json["refresh_token_expires_in"] as? Int)
            #expect(abs(left - 306 * 86400) < 5)
        }
    }
}
