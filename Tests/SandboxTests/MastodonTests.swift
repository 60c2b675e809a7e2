import Foundation
import Testing
@testable import Sandbox

@Suite("Mastodon instance emulation")
struct MastodonTests {
    static let verifier = String(repeating: "v", count: 50)
    static let redirect = "https://rose.example/social/callback/mastodon/"

    /// Registers an app on `host` and returns (client_id, client_secret).
    static func register(_ sandbox: SandboxClient, host: String = "mastodon.social") async throws -> (String, String) {
        let reply = try await sandbox.postForm(
            "\(host)/api/v1/apps",
            [
                ("client_name", "Rose Ash"), ("redirect_uris", redirect), ("scopes", "write:statuses read:accounts"),
            ])
        #expect(reply.status == 200)
        return (try #require(reply.json["client_id"] as? String), try #require(reply.json["client_secret"] as? String))
    }

    /// Runs consent and returns the code.
    static func code(
        _ sandbox: SandboxClient, host: String, clientID: String, account: String = "109000000000000001",
        pkce: Bool = true
    ) async throws -> String {
        var q = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirect),
            ("scope", "write:statuses read:accounts"), ("state", "s1"),
        ]
        if pkce { q += [("code_challenge", PKCE.s256(verifier)), ("code_challenge_method", "S256")] }
        let page = try await sandbox.get("\(host)/oauth/authorize" + sandbox.query(q))
        #expect(page.status == 200)
        #expect(page.body.contains("<select"))
        let redirectReply = try await sandbox.consent(page, account: account)
        #expect(redirectReply.status == 302)
        #expect(redirectReply.locationQuery["state"] == "s1")
        return try #require(redirectReply.locationQuery["code"])
    }

    static func token(
        _ sandbox: SandboxClient, host: String, app: (String, String), code: String, verifier: String = verifier
    ) async throws -> SandboxClient.Reply {
        try await sandbox.postForm(
            "\(host)/oauth/token",
            [
                ("grant_type", "authorization_code"), ("code", code), ("client_id", app.0), ("client_secret", app.1),
                ("redirect_uri", redirect), ("code_verifier", verifier),
            ])
    }

    @Test("full flow: register, consent, token without expiry, identity, post, view, revoke")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            let app = try await Self.register(sandbox)
            let code = try await Self.code(sandbox, host: "mastodon.social", clientID: app.0)
            let token = try await Self.token(sandbox, host: "mastodon.social", app: app, code: code)
            #expect(token.status == 200)
            #expect(token.json["expires_in"] == nil)
            #expect(token.json["refresh_token"] == nil)
            let bearer = [("Authorization", "Bearer \(try #require(token.json["access_token"] as? String))")]

            let me = try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: bearer)
            #expect(me.json["username"] as? String == "ada")
            #expect(me.header("X-RateLimit-Reset")?.hasSuffix("Z") == true)

            let status = try await sandbox.postForm(
                "mastodon.social/api/v1/statuses",
                [("status", "Hello https://rose.example/a"), ("visibility", "public")], headers: bearer)
            #expect(status.status == 200)
            let url = try #require(status.json["url"] as? String)
            #expect(url.hasPrefix("https://mastodon.social/@ada/"))

            let posts = try await sandbox.posts("mastodon")
            #expect(posts.count == 1)
            #expect(posts.first?["text"] as? String == "Hello https://rose.example/a")
            #expect(posts.first?["link"] as? String == "https://rose.example/a")

            let view = try await sandbox.get(String(url.dropFirst("https://".count)))
            #expect(view.status == 200)
            #expect(view.body.contains("Hello https://rose.example/a"))

            let revoke = try await sandbox.postForm(
                "mastodon.social/oauth/revoke",
                [
                    ("client_id", app.0), ("client_secret", app.1), ("token", String(bearer[0].1.dropFirst(7))),
                ])
            #expect(revoke.status == 200)
            let after = try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: bearer)
            #expect(after.status == 401)
        }
    }

    @Test("every unknown host is its own instance: apps and tokens do not cross instances")
    func instancesAreIsolated() async throws {
        try await withSandbox { sandbox in
            let app = try await Self.register(sandbox, host: "one.example")
            let other = try await sandbox.get(
                "two.example/oauth/authorize"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", app.0), ("redirect_uri", Self.redirect),
                    ]))
            #expect(other.status == 401)
            let code = try await Self.code(sandbox, host: "one.example", clientID: app.0)
            let token = try await Self.token(sandbox, host: "one.example", app: app, code: code)
            let bearer = [("Authorization", "Bearer \(token.json["access_token"] as? String ?? "")")]
            let elsewhere = try await sandbox.get("two.example/api/v1/accounts/verify_credentials", headers: bearer)
            #expect(elsewhere.status == 401)
            #expect(elsewhere.json["error"] as? String == "The access token is invalid")
        }
    }

    @Test("wrong PKCE verifier, reused code, expired code and redirect mismatch give invalid_grant")
    func codeChecks() async throws {
        try await withSandbox { sandbox in
            let host = "mastodon.social"
            let app = try await Self.register(sandbox)
            let c1 = try await Self.code(sandbox, host: host, clientID: app.0)
            let wrong = try await Self.token(sandbox, host: host, app: app, code: c1, verifier: String(repeating: "w", count: 50))
            #expect(wrong.status == 400)
            #expect(wrong.json["error"] as? String == "invalid_grant")

            let c2 = try await Self.code(sandbox, host: host, clientID: app.0)
            #expect(try await Self.token(sandbox, host: host, app: app, code: c2).status == 200)
            #expect(try await Self.token(sandbox, host: host, app: app, code: c2).json["error"] as? String == "invalid_grant")

            let c3 = try await Self.code(sandbox, host: host, clientID: app.0)
            try await sandbox.advanceClock(601)
            #expect(try await Self.token(sandbox, host: host, app: app, code: c3).status == 400)

            let c4 = try await Self.code(sandbox, host: host, clientID: app.0)
            let mismatch = try await sandbox.postForm(
                "\(host)/oauth/token",
                [
                    ("grant_type", "authorization_code"), ("code", c4), ("client_id", app.0), ("client_secret", app.1),
                    ("redirect_uri", "https://rose.example/other/"), ("code_verifier", Self.verifier),
                ])
            #expect(mismatch.json["error"] as? String == "invalid_grant")

            let badSecret = try await Self.token(sandbox, host: host, app: (app.0, "nope"), code: c4)
            #expect(badSecret.status == 401)
            #expect(badSecret.json["error"] as? String == "invalid_client")
        }
    }

    @Test("deny redirects with access_denied and the state")
    func deny() async throws {
        try await withSandbox { sandbox in
            let app = try await Self.register(sandbox)
            let page = try await sandbox.get(
                "mastodon.social/oauth/authorize"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", app.0), ("redirect_uri", Self.redirect), ("scope", "write:statuses"), ("state", "z"),
                    ]))
            let reply = try await sandbox.consent(page, account: "109000000000000001", decision: "deny")
            #expect(reply.locationQuery["error"] == "access_denied")
            #expect(reply.locationQuery["state"] == "z")
        }
    }
}
