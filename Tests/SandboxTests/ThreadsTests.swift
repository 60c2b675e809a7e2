import Foundation
import Testing
@testable import Sandbox

@Suite("Threads: authorize, short → long-lived, th_refresh_token, container → threads_publish")
struct ThreadsTests {
    static let redirect = TestApps.callback("threads")

    static func code(_ sandbox: SandboxClient, host: String = "threads.com") async throws -> String {
        let page = try await sandbox.get(
            "\(host)/oauth/authorize"
                + sandbox.query([
                    ("client_id", "2222"), ("redirect_uri", redirect), ("scope", "threads_basic,threads_content_publish"),
                    ("response_type", "code"), ("state", "ts"),
                ]))
        #expect(page.status == 200)
        let reply = try await sandbox.consent(page, account: "26000000000000001")
        #expect(reply.header("Location")?.hasSuffix("#_") == true)
        return try #require(reply.locationQuery["code"])
    }

    static func exchange(_ sandbox: SandboxClient, code: String, secret: String = "th-secret") async throws -> SandboxClient.Reply {
        try await sandbox.postForm(
            "graph.threads.net/oauth/access_token",
            [
                ("client_id", "2222"), ("client_secret", secret), ("code", code), ("grant_type", "authorization_code"), ("redirect_uri", redirect),
            ])
    }

    static func longLived(_ sandbox: SandboxClient) async throws -> String {
        let short = try await exchange(sandbox, code: try await code(sandbox))
        #expect(short.json["user_id"] as? Int == 26_000_000_000_000_001)
        let long = try await sandbox.get(
            "graph.threads.net/access_token"
                + sandbox.query([
                    ("grant_type", "th_exchange_token"), ("client_secret", "th-secret"),
                    ("access_token", try #require(short.json["access_token"] as? String)),
                ]))
        #expect(long.json["expires_in"] as? Int == 5_183_944)
        return try #require(long.json["access_token"] as? String)
    }

    @Test("full flow: consent on threads.net, tokens, identity, text post with link, permalink, refresh after 24 h")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            let token = try await Self.longLived(sandbox)
            let me = try await sandbox.get("graph.threads.net/v1.0/me?fields=id,username,name&access_token=\(token)")
            #expect(me.json["username"] as? String == "ada.threads")
            let create = try await sandbox.postForm(
                "graph.threads.net/v1.0/me/threads",
                [
                    ("media_type", "TEXT"), ("text", "New on the blog"), ("link_attachment", "https://rose.example/p/1"), ("access_token", token),
                ])
            let container = try #require(create.json["id"] as? String)
            let publish = try await sandbox.postForm(
                "graph.threads.net/v1.0/26000000000000001/threads_publish"
                    + sandbox.query([
                        ("creation_id", container), ("access_token", token),
                    ]), [])
            let media = try #require(publish.json["id"] as? String)
            let again = try await sandbox.postForm(
                "graph.threads.net/v1.0/me/threads_publish", [("creation_id", container), ("access_token", token)])
            #expect(again.status == 400)
            let permalink = try await sandbox.get("graph.threads.net/v1.0/\(media)?fields=id,permalink&access_token=\(token)")
            let url = try #require(permalink.json["permalink"] as? String)
            #expect(url.hasPrefix("https://www.threads.com/@ada.threads/post/"))
            #expect(try await sandbox.get(String(url.dropFirst(8))).body.contains("https://rose.example/p/1"))
            let stored = try await sandbox.posts("threads")
            #expect(stored.first?["text"] as? String == "New on the blog")
            #expect(stored.first?["link"] as? String == "https://rose.example/p/1")

            let tooYoung = try await sandbox.get("graph.threads.net/refresh_access_token?grant_type=th_refresh_token&access_token=\(token)")
            #expect((tooYoung.json["error"] as? [String: Any])?["code"] as? Int == 190)
            try await sandbox.advanceClock(86_401)
            let refreshed = try await sandbox.get("graph.threads.net/refresh_access_token?grant_type=th_refresh_token&access_token=\(token)")
            #expect(refreshed.json["expires_in"] as? Int == 5_183_944)
            try await sandbox.advanceClock(61 * 86_400)
            let dead = try await sandbox.get("graph.threads.net/refresh_access_token?grant_type=th_refresh_token&access_token=\(token)")
            #expect((dead.json["error"] as? [String: Any])?["error_subcode"] as? Int == 463)
        }
    }

    @Test("text over 500 (emoji counted as UTF-8 bytes), six links, and link_attachment on IMAGE are refused")
    func containerRules() async throws {
        try await withSandbox { sandbox in
            let token = try await Self.longLived(sandbox)
            let path = "graph.threads.net/v1.0/me/threads"
            let emoji = String(repeating: "😀", count: 126)  // 126 × 4 bytes = 504
            #expect(try await sandbox.postForm(path, [("media_type", "TEXT"), ("text", emoji), ("access_token", token)]).status == 400)
            let links = (1...6).map { "https://rose.example/\($0)" }.joined(separator: " ")
            let six = try await sandbox.postForm(path, [("media_type", "TEXT"), ("text", links), ("access_token", token)])
            #expect(((six.json["error"] as? [String: Any])?["message"] as? String)?.contains("THREADS_API__LINK_LIMIT_EXCEEDED") == true)
            let image = try await sandbox.postForm(
                path,
                [
                    ("media_type", "IMAGE"), ("image_url", "https://rose.example/a.jpg"),
                    ("link_attachment", "https://rose.example/"), ("access_token", token),
                ])
            #expect(image.status == 400)
        }
    }

    @Test("reused code and wrong secret are refused; expired-token failure mode answers code 190")
    func negatives() async throws {
        try await withSandbox { sandbox in
            let code = try await Self.code(sandbox, host: "www.threads.net")
            #expect((try await Self.exchange(sandbox, code: code, secret: "bad").json["error"] as? [String: Any])?["code"] as? Int == 1)
            #expect(try await Self.exchange(sandbox, code: code).status == 200)
            #expect(try await Self.exchange(sandbox, code: code).status == 400)
            let token = try await Self.longLived(sandbox)
            try await sandbox.fail("threads", "expired_token")
            let expired = try await sandbox.get("graph.threads.net/v1.0/me?access_token=\(token)")
            #expect((expired.json["error"] as? [String: Any])?["code"] as? Int == 190)
        }
    }
}
