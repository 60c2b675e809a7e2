import Foundation
import Testing
@testable import Sandbox

@Suite("Instagram via Facebook Login: container, status, media_publish")
struct InstagramTests {
    static let scopes = "instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement"

    /// Connects Ada through the Facebook dialog with the Instagram callback; returns (user token, IG user id).
    static func connect(_ sandbox: SandboxClient) async throws -> (String, String) {
        let token = try await FacebookTests.longLived(sandbox, scopes: scopes, redirect: TestApps.callback("instagram"))
        let accounts = try await sandbox.get("graph.facebook.com/v26.0/me/accounts?fields=id,name,instagram_business_account&access_token=\(token)")
        let pages = try #require(accounts.json["data"] as? [[String: Any]])
        let linked = pages.compactMap { ($0["instagram_business_account"] as? [String: Any])?["id"] as? String }
        #expect(linked == ["17841400000000001"])  // the personal account is never exposed
        return (token, linked[0])
    }

    static func error(_ reply: SandboxClient.Reply) -> [String: Any] { reply.json["error"] as? [String: Any] ?? [:] }

    @Test("full flow: business account via Page, container, wait for FINISHED, publish once, permalink, revoke")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            let (token, ig) = try await Self.connect(sandbox)
            let profile = try await sandbox.get("graph.facebook.com/v26.0/\(ig)?fields=username,name&access_token=\(token)")
            #expect(profile.json["username"] as? String == "analytical.engines")

            let noImage = try await sandbox.postForm("graph.facebook.com/v26.0/\(ig)/media", [("caption", "text only"), ("access_token", token)])
            #expect(Self.error(noImage)["code"] as? Int == 100)

            let create = try await sandbox.postForm(
                "graph.facebook.com/v26.0/\(ig)/media",
                [
                    ("image_url", "https://rose.example/img/1.jpg"), ("caption", "New post https://rose.example/p/1"), ("access_token", token),
                ])
            let container = try #require(create.json["id"] as? String)
            let early = try await sandbox.postForm(
                "graph.facebook.com/v26.0/\(ig)/media_publish", [("creation_id", container), ("access_token", token)])
            #expect(Self.error(early)["error_subcode"] as? Int == 2_207_027)
            try await sandbox.advanceClock(2)
            let status = try await sandbox.get("graph.facebook.com/v26.0/\(container)?fields=status_code,status&access_token=\(token)")
            #expect(status.json["status_code"] as? String == "FINISHED")

            let publish = try await sandbox.postForm(
                "graph.facebook.com/v26.0/\(ig)/media_publish", [("creation_id", container), ("access_token", token)])
            let media = try #require(publish.json["id"] as? String)
            let twice = try await sandbox.postForm(
                "graph.facebook.com/v26.0/\(ig)/media_publish", [("creation_id", container), ("access_token", token)])
            #expect(twice.status == 400)
            #expect(try await sandbox.posts("instagram").count == 1)

            let permalink = try await sandbox.get("graph.facebook.com/v26.0/\(media)?fields=permalink&access_token=\(token)")
            let url = try #require(permalink.json["permalink"] as? String)
            #expect(url.hasPrefix("https://www.instagram.com/p/"))
            #expect(try await sandbox.get(String(url.dropFirst(8))).body.contains("New post https://rose.example/p/1"))
            let stored = try await sandbox.posts("instagram")
            #expect(stored.first?["image_url"] as? String == "https://rose.example/img/1.jpg")

            _ = try await sandbox.send(.DELETE, "graph.facebook.com/v26.0/me/permissions?access_token=\(token)")
            let after = try await sandbox.get("graph.facebook.com/v26.0/\(ig)?fields=username&access_token=\(token)")
            #expect(Self.error(after)["code"] as? Int == 190)
        }
    }

    @Test("PNG images, captions over 2,200 characters and more than 30 hashtags are refused")
    func captionAndImageRules() async throws {
        try await withSandbox { sandbox in
            let (token, ig) = try await Self.connect(sandbox)
            let path = "graph.facebook.com/v26.0/\(ig)/media"
            let png = try await sandbox.postForm(path, [("image_url", "https://rose.example/a.png"), ("access_token", token)])
            #expect(Self.error(png)["error_subcode"] as? Int == 2_207_005)
            let long = try await sandbox.postForm(
                path,
                [
                    ("image_url", "https://rose.example/a.jpg"),
                    ("caption", String(repeating: "c", count: 2201)), ("access_token", token),
                ])
            #expect(Self.error(long)["code"] as? Int == 100)
            let tags = (1...31).map { "#t\($0)" }.joined(separator: " ")
            let hashtags = try await sandbox.postForm(
                path, [("image_url", "https://rose.example/a.jpg"), ("caption", tags), ("access_token", token)])
            #expect(hashtags.status == 400)
        }
    }

    @Test("Instagram failure modes apply to Graph calls addressing the Instagram account")
    func failureModes() async throws {
        try await withSandbox { sandbox in
            let (token, ig) = try await Self.connect(sandbox)
            try await sandbox.fail("instagram", "rate_limit")
            let limited = try await sandbox.get("graph.facebook.com/v26.0/\(ig)?fields=username&access_token=\(token)")
            #expect(Self.error(limited)["code"] as? Int == 4)
            #expect(try await sandbox.get("graph.facebook.com/v26.0/me?access_token=\(token)").status == 200)
            let dup = try await sandbox.postJSON("_sandbox/failures", #"{"platform":"instagram","mode":"duplicate"}"#)
            #expect(dup.status == 400)
        }
    }
}
