import Foundation
import Testing
@testable import Sandbox

@Suite("Facebook Login, Page tokens and Page posts")
struct FacebookTests {
    static let redirect = TestApps.callback("facebook")
    static let scopes = "pages_show_list,pages_manage_posts,pages_read_engagement"

    static func code(
        _ sandbox: SandboxClient, account: String = "10000000000000001", scopes: String = scopes,
        redirect: String = redirect
    ) async throws -> String {
        let page = try await sandbox.get(
            "www.facebook.com/v26.0/dialog/oauth"
                + sandbox.query([
                    ("client_id", "1111"), ("redirect_uri", redirect), ("state", "fs"), ("response_type", "code"), ("scope", scopes),
                ]))
        #expect(page.status == 200)
        #expect(page.body.contains("Ada Lovelace"))
        let reply = try await sandbox.consent(page, account: account)
        #expect(reply.status == 302)
        #expect(reply.header("Location")?.hasSuffix("#_=_") == true)
        #expect(reply.locationQuery["state"] == "fs")
        return try #require(reply.locationQuery["code"])
    }

    static func exchange(
        _ sandbox: SandboxClient, code: String, secret: String = "fb-secret", redirect: String = redirect
    ) async throws -> SandboxClient.Reply {
        try await sandbox.get(
            "graph.facebook.com/v26.0/oauth/access_token"
                + sandbox.query([
                    ("client_id", "1111"), ("redirect_uri", redirect), ("client_secret", secret), ("code", code),
                ]))
    }

    /// Short-lived → long-lived user token.
    static func longLived(_ sandbox: SandboxClient, scopes: String = scopes, redirect: String = redirect) async throws -> String {
        let short = try await exchange(sandbox, code: try await code(sandbox, scopes: scopes, redirect: redirect), redirect: redirect)
        #expect(short.json["expires_in"] as? Int == 3600)
        let long = try await sandbox.get(
            "graph.facebook.com/v26.0/oauth/access_token"
                + sandbox.query([
                    ("grant_type", "fb_exchange_token"), ("client_id", "1111"), ("client_secret", "fb-secret"),
                    ("fb_exchange_token", try #require(short.json["access_token"] as? String)),
                ]))
        #expect(long.json["expires_in"] as? Int == 5_183_944)
        return try #require(long.json["access_token"] as? String)
    }

    @Test("full flow: dialog, code, short → long-lived, Page tokens that survive 60 days, feed post, permalink, revoke")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            let user = try await Self.longLived(sandbox)
            let me = try await sandbox.get("graph.facebook.com/v26.0/me?fields=id,name&access_token=\(user)")
            #expect(me.json["name"] as? String == "Ada Lovelace")
            let accounts = try await sandbox.get("graph.facebook.com/v26.0/me/accounts?access_token=\(user)")
            let pages = try #require(accounts.json["data"] as? [[String: Any]])
            #expect(pages.count == 2)
            let page = try #require(pages.first { $0["id"] as? String == "200000000000001" })
            let pageToken = try #require(page["access_token"] as? String)

            try await sandbox.advanceClock(61 * 86400)
            #expect(try await sandbox.get("graph.facebook.com/v26.0/me?access_token=\(user)").json["error"] != nil)
            let post = try await sandbox.postForm(
                "graph.facebook.com/v26.0/200000000000001/feed",
                [
                    ("message", "New on the blog"), ("link", "https://rose.example/p/1"), ("access_token", pageToken),
                ])
            #expect(post.status == 200)
            let id = try #require(post.json["id"] as? String)
            #expect(id.hasPrefix("200000000000001_"))
            #expect(post.header("X-Business-Use-Case-Usage") != nil)
            let stored = try await sandbox.posts("facebook")
            #expect(stored.first?["text"] as? String == "New on the blog")
            #expect(stored.first?["link"] as? String == "https://rose.example/p/1")

            let permalink = try await sandbox.get(
                "graph.facebook.com/v26.0/\(id)?fields=permalink_url",
                headers: [("Authorization", "Bearer \(pageToken)")])
            let url = try #require(permalink.json["permalink_url"] as? String)
            #expect(url == "https://www.facebook.com/200000000000001/posts/\(id.split(separator: "_")[1])")
            #expect(try await sandbox.get(String(url.dropFirst(8))).body.contains("New on the blog"))

            let revoke = try await sandbox.send(.DELETE, "graph.facebook.com/v26.0/me/permissions?access_token=\(pageToken)")
            #expect(revoke.json["success"] as? Bool == true)
            let after = try await sandbox.postForm("graph.facebook.com/v26.0/200000000000001/feed", [("message", "x"), ("access_token", pageToken)])
            let error = try #require(after.json["error"] as? [String: Any])
            #expect(error["code"] as? Int == 190)
        }
    }

    @Test("short-lived user token expires after an hour and cannot be exchanged then")
    func shortLivedExpires() async throws {
        try await withSandbox { sandbox in
            let short = try await Self.exchange(sandbox, code: try await Self.code(sandbox))
            let token = try #require(short.json["access_token"] as? String)
            try await sandbox.advanceClock(3601)
            let me = try await sandbox.get("graph.facebook.com/v26.0/me?access_token=\(token)")
            #expect((me.json["error"] as? [String: Any])?["error_subcode"] as? Int == 463)
            let exchange = try await sandbox.get(
                "graph.facebook.com/v26.0/oauth/access_token"
                    + sandbox.query([
                        ("grant_type", "fb_exchange_token"), ("client_id", "1111"), ("client_secret", "fb-secret"), ("fb_exchange_token", token),
                    ]))
            #expect((exchange.json["error"] as? [String: Any])?["code"] as? Int == 190)
        }
    }

    @Test("code checks: wrong secret, redirect mismatch, reused and expired codes")
    func codeChecks() async throws {
        try await withSandbox { sandbox in
            func error(_ reply: SandboxClient.Reply) -> [String: Any] { reply.json["error"] as? [String: Any] ?? [:] }
            #expect(error(try await Self.exchange(sandbox, code: try await Self.code(sandbox), secret: "nope"))["code"] as? Int == 1)
            let mismatch = try await Self.exchange(sandbox, code: try await Self.code(sandbox), redirect: TestApps.callback("instagram"))
            #expect(error(mismatch)["error_subcode"] as? Int == 36008)
            let code = try await Self.code(sandbox)
            #expect(try await Self.exchange(sandbox, code: code).status == 200)
            #expect(error(try await Self.exchange(sandbox, code: code))["error_subcode"] as? Int == 36009)
            let late = try await Self.code(sandbox)
            try await sandbox.advanceClock(601)
            #expect(error(try await Self.exchange(sandbox, code: late))["error_subcode"] as? Int == 36007)
        }
    }

    @Test("deny redirects with Facebook's error parameters")
    func deny() async throws {
        try await withSandbox { sandbox in
            let page = try await sandbox.get(
                "www.facebook.com/v26.0/dialog/oauth"
                    + sandbox.query([
                        ("client_id", "1111"), ("redirect_uri", Self.redirect), ("state", "d"), ("scope", Self.scopes),
                    ]))
            let reply = try await sandbox.consent(page, account: "10000000000000002", decision: "deny")
            #expect(reply.locationQuery["error"] == "access_denied")
            #expect(reply.locationQuery["error_reason"] == "user_denied")
            #expect(reply.locationQuery["error_code"] == "200")
        }
    }

    @Test("user token cannot post to a Page, identical consecutive posts get 506, failures use Graph codes")
    func postingRules() async throws {
        try await withSandbox { sandbox in
            let user = try await Self.longLived(sandbox)
            let asUser = try await sandbox.postForm("graph.facebook.com/v26.0/200000000000001/feed", [("message", "m"), ("access_token", user)])
            #expect((asUser.json["error"] as? [String: Any])?["code"] as? Int == 200)
            let pages = try await sandbox.get("graph.facebook.com/v26.0/me/accounts?access_token=\(user)").json["data"] as? [[String: Any]]
            let pageToken = try #require(pages?.first?["access_token"] as? String)
            let feed = "graph.facebook.com/v26.0/200000000000001/feed"
            #expect(try await sandbox.postForm(feed, [("message", "same"), ("access_token", pageToken)]).status == 200)
            let dup = try await sandbox.postForm(feed, [("message", "same"), ("access_token", pageToken)])
            #expect((dup.json["error"] as? [String: Any])?["code"] as? Int == 506)
            try await sandbox.fail("facebook", "rate_limit")
            let limited = try await sandbox.postForm(feed, [("message", "other"), ("access_token", pageToken)])
            #expect((limited.json["error"] as? [String: Any])?["code"] as? Int == 4)
            #expect(limited.header("X-App-Usage") != nil)
            try await sandbox.fail("facebook", "expired_token")
            let expired = try await sandbox.postForm(feed, [("message", "other"), ("access_token", pageToken)])
            #expect((expired.json["error"] as? [String: Any])?["error_subcode"] as? Int == 463)
            try await sandbox.fail("facebook", "server_error")
            #expect(try await sandbox.postForm(feed, [("message", "other"), ("access_token", pageToken)]).status == 500)
            #expect(try await sandbox.posts("facebook").count == 1)
        }
    }
}
