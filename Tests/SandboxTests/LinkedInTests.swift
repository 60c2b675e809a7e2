import Foundation
import Testing
@testable import Sandbox

@Suite("LinkedIn: OIDC sign-in, 60-day tokens, versioned /rest/posts")
struct LinkedInTests {
    static let redirect = TestApps.callback("linkedin")
    static let headers = [("LinkedIn-Version", "202601"), ("X-Restli-Protocol-Version", "2.0.0")]

    static func code(_ sandbox: SandboxClient, scope: String = "openid profile w_member_social") async throws -> SandboxClient.Reply {
        let page = try await sandbox.get(
            "www.linkedin.com/oauth/v2/authorization"
                + sandbox.query([
                    ("response_type", "code"), ("client_id", "li-client"), ("redirect_uri", redirect), ("state", "ls"), ("scope", scope),
                ]))
        #expect(page.status == 200)
        return try await sandbox.consent(page, account: "ada7Lv3xQ")
    }

    static func exchange(_ sandbox: SandboxClient, code: String, secret: String = "li-secret") async throws -> SandboxClient.Reply {
        try await sandbox.postForm(
            "www.linkedin.com/oauth/v2/accessToken",
            [
                ("grant_type", "authorization_code"), ("code", code), ("client_id", "li-client"), ("client_secret", secret),
                ("redirect_uri", redirect),
            ])
    }

    static func connect(_ sandbox: SandboxClient) async throws -> String {
        let code = try #require(try await code(sandbox).locationQuery["code"])
        return try #require(try await exchange(sandbox, code: code).json["access_token"] as? String)
    }

    static func article(_ text: String, author: String = "urn:li:person:ada7Lv3xQ") -> String {
        #"{"author":"\#(author)","commentary":"\#(text)","visibility":"PUBLIC","distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},"content":{"article":{"source":"https://rose.example/p/1","title":"Post title"}},"lifecycleState":"PUBLISHED","isReshareDisabledByAuthor":false}"#
    }

    @Test("full flow: consent, 60-day token without refresh, userinfo, 201 + x-restli-id, post page, revoke")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            let redirect = try await Self.code(sandbox)
            #expect(redirect.locationQuery["state"] == "ls")
            let token = try await Self.exchange(sandbox, code: try #require(redirect.locationQuery["code"]))
            #expect(token.json["expires_in"] as? Int == 5_184_000)
            #expect(token.json["refresh_token"] == nil)
            #expect(token.json["id_token"] != nil)
            #expect(token.json["scope"] as? String == "openid,profile,w_member_social")
            let bearer = [("Authorization", "Bearer \(try #require(token.json["access_token"] as? String))")]
            let me = try await sandbox.get("api.linkedin.com/v2/userinfo", headers: bearer)
            #expect(me.json["sub"] as? String == "ada7Lv3xQ")

            let post = try await sandbox.postJSON(
                "api.linkedin.com/rest/posts", Self.article(#"New \\(escaped\\) post"#), headers: bearer + Self.headers)
            #expect(post.status == 201)
            #expect(post.body.isEmpty)
            let urn = try #require(post.header("x-restli-id"))
            #expect(urn.hasPrefix("urn:li:share:"))
            let stored = try await sandbox.posts("linkedin")
            #expect(stored.first?["text"] as? String == "New (escaped) post")
            #expect(stored.first?["link"] as? String == "https://rose.example/p/1")
            #expect(stored.first?["url"] as? String == "https://www.linkedin.com/feed/update/\(urn)/")
            #expect(try await sandbox.get("www.linkedin.com/feed/update/\(urn)/").body.contains("New (escaped) post"))

            let revoke = try await sandbox.postForm(
                "www.linkedin.com/oauth/v2/revoke",
                [
                    ("client_id", "li-client"), ("client_secret", "li-secret"), ("token", String(bearer[0].1.dropFirst(7))),
                ])
            #expect(revoke.status == 200)
            let after = try await sandbox.get("api.linkedin.com/v2/userinfo", headers: bearer)
            #expect(after.status == 401)
            #expect(after.json["code"] as? String == "REVOKED_ACCESS_TOKEN")
        }
    }

    @Test("posts need both headers, an active version, the token's own author, and are rejected as duplicates naming the URN")
    func postRules() async throws {
        try await withSandbox { sandbox in
            let bearer = [("Authorization", "Bearer \(try await Self.connect(sandbox))")]
            let path = "api.linkedin.com/rest/posts"
            let noVersion = try await sandbox.postJSON(path, Self.article("a"), headers: bearer + [("X-Restli-Protocol-Version", "2.0.0")])
            #expect(noVersion.status == 400)
            #expect(noVersion.json["code"] as? String == "VERSION_MISSING")
            let sunset = try await sandbox.postJSON(
                path, Self.article("a"), headers: bearer + [("LinkedIn-Version", "202401"), ("X-Restli-Protocol-Version", "2.0.0")])
            #expect(sunset.status == 426)
            let noRestli = try await sandbox.postJSON(path, Self.article("a"), headers: bearer + [("LinkedIn-Version", "202601")])
            #expect(noRestli.status == 400)
            let other = try await sandbox.postJSON(path, Self.article("a", author: "urn:li:person:grc9Hpr2W"), headers: bearer + Self.headers)
            #expect(other.status == 403)
            let first = try await sandbox.postJSON(path, Self.article("same"), headers: bearer + Self.headers)
            let dup = try await sandbox.postJSON(path, Self.article("same"), headers: bearer + Self.headers)
            #expect(dup.status == 422)
            #expect(dup.json["message"] as? String == "Content is a duplicate of \(first.header("x-restli-id") ?? "")")
            let long = try await sandbox.postJSON(path, Self.article(String(repeating: "l", count: 3001)), headers: bearer + Self.headers)
            #expect(long.status == 422)
        }
    }

    @Test("token endpoint refuses Basic auth, wrong secret, reused codes; token expires after 60 days")
    func tokenRules() async throws {
        try await withSandbox { sandbox in
            let code = try #require(try await Self.code(sandbox).locationQuery["code"])
            let basic = try await sandbox.postForm(
                "www.linkedin.com/oauth/v2/accessToken",
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect),
                ],
                headers: [SandboxClient.basic("li-client", "li-secret")])
            #expect(basic.status == 401)
            #expect(try await Self.exchange(sandbox, code: code, secret: "bad").status == 401)
            let token = try #require(try await Self.exchange(sandbox, code: code).json["access_token"] as? String)
            #expect(try await Self.exchange(sandbox, code: code).status == 400)
            try await sandbox.advanceClock(5_184_001)
            let expired = try await sandbox.get("api.linkedin.com/v2/userinfo", headers: [("Authorization", "Bearer \(token)")])
            #expect(expired.json["code"] as? String == "EXPIRED_ACCESS_TOKEN")
        }
    }

    @Test("deny redirects with user_cancelled_authorize; unapproved scopes are refused")
    func denyAndScopes() async throws {
        try await withSandbox { sandbox in
            let page = try await sandbox.get(
                "www.linkedin.com/oauth/v2/authorization"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", "li-client"), ("redirect_uri", Self.redirect), ("state", "d"),
                        ("scope", "openid profile"),
                    ]))
            let denied = try await sandbox.consent(page, account: "grc9Hpr2W", decision: "deny")
            #expect(denied.locationQuery["error"] == "user_cancelled_authorize")
            let scope = try await sandbox.get(
                "www.linkedin.com/oauth/v2/authorization"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", "li-client"), ("redirect_uri", Self.redirect), ("scope", "w_organization_social"),
                    ]))
            #expect(scope.locationQuery["error"] == "unauthorized_scope_error")
        }
    }

    @Test("failure modes: 429 without headers, 401 expired, 422 duplicate naming the last URN, lost response still posts")
    func failureModes() async throws {
        try await withSandbox { sandbox in
            let bearer = [("Authorization", "Bearer \(try await Self.connect(sandbox))")]
            let path = "api.linkedin.com/rest/posts"
            try await sandbox.fail("linkedin", "rate_limit")
            let limited = try await sandbox.postJSON(path, Self.article("a"), headers: bearer + Self.headers)
            #expect(limited.status == 429)
            #expect(limited.header("x-rate-limit-remaining") == nil)
            try await sandbox.fail("linkedin", "lost_response_502")
            #expect(try await sandbox.postJSON(path, Self.article("lost"), headers: bearer + Self.headers).status == 502)
            let retry = try await sandbox.postJSON(path, Self.article("lost"), headers: bearer + Self.headers)
            #expect(retry.status == 422)
            let urn = try #require(try await sandbox.posts("linkedin").first?["id"] as? String)
            #expect(retry.json["message"] as? String == "Content is a duplicate of \(urn)")
            try await sandbox.fail("linkedin", "expired_token")
            #expect(try await sandbox.get("api.linkedin.com/v2/userinfo", headers: bearer).json["code"] as? String == "EXPIRED_ACCESS_TOKEN")
        }
    }
}

@Suite("LinkedIn Images API: thumbnails are uploaded images of the author")
struct LinkedInImagesTests {
    static func article(thumbnail: String) -> String {
        LinkedInTests.article("With a picture").replacingOccurrences(
            of: #""title":"Post title""#, with: #""title":"Post title","thumbnail":"\#(thumbnail)""#)
    }

    @Test func initializeUploadPutAndPostWithTheThumbnail() async throws {
        try await withSandbox { sandbox in
            let token = try await LinkedInTests.connect(sandbox)
            let headers = LinkedInTests.headers + [("Authorization", "Bearer \(token)")]
            let owner = #"{"initializeUploadRequest":{"owner":"urn:li:person:ada7Lv3xQ"}}"#
            #expect(try await sandbox.postJSON("api.linkedin.com/rest/images", owner, headers: headers).status == 400)
            let someoneElse = #"{"initializeUploadRequest":{"owner":"urn:li:person:someone"}}"#
            #expect(try await sandbox.postJSON("api.linkedin.com/rest/images?action=initializeUpload", someoneElse, headers: headers).status == 403)
            let started = try await sandbox.postJSON("api.linkedin.com/rest/images?action=initializeUpload", owner, headers: headers)
            let value = try #require(started.json["value"] as? [String: Any])
            let urn = try #require(value["image"] as? String)
            let upload = try #require(value["uploadUrl"] as? String)
            #expect(urn.hasPrefix("urn:li:image:") && upload.hasPrefix("https://www.linkedin.com/dms-uploads/"))

            #expect(try await sandbox.postJSON("api.linkedin.com/rest/posts", Self.article(thumbnail: urn), headers: headers).status == 422)
            #expect(
                try await sandbox.postJSON("api.linkedin.com/rest/posts", Self.article(thumbnail: "https://rose.example/card.png"), headers: headers)
                    .status == 422)

            let path = String(upload.dropFirst("https://".count))
            #expect(try await sandbox.send(.PUT, path, headers: [("Authorization", "Bearer \(token)")], body: "<svg/>").status == 400)
            #expect(try await sandbox.send(.PUT, path, body: "GIF89a\u{3}\u{0}\u{2}\u{0}").status == 401)
            #expect(
                try await sandbox.send(.PUT, path, headers: [("Authorization", "Bearer \(token)")], body: "GIF89a\u{3}\u{0}\u{2}\u{0}").status == 201)
            let status = try await sandbox.get("api.linkedin.com/rest/images/\(urn)", headers: headers)
            #expect(status.json["status"] as? String == "AVAILABLE")

            let posted = try await sandbox.postJSON("api.linkedin.com/rest/posts", Self.article(thumbnail: urn), headers: headers)
            #expect(posted.status == 201)
            let posts = try #require(
                try JSONSerialization.jsonObject(with: Data(try await sandbox.get("_sandbox/posts").body.utf8)) as? [[String: Any]])
            #expect(posts.last?["thumbnail"] as? String == urn && posts.last?["thumbnail_bytes"] as? Int == 10)
        }
    }
}
