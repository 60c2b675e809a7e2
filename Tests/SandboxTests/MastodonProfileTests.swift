import Foundation
import Testing
@testable import Sandbox

/// Server profiles beyond Mastodon (docs/platforms/mastodon-servers.md, "Detecting the software"
/// and "Behaviour").
@Suite("Mastodon-API server profiles")
struct MastodonProfileTests {
    static let ada = "109000000000000001"

    /// Mints a token through the inspection API and returns the bearer header.
    static func bearer(_ sandbox: SandboxClient, host: String, scopes: [String]) async throws -> [(String, String)] {
        let list = scopes.map { "\"\($0)\"" }.joined(separator: ",")
        let reply = try await sandbox.postJSON(
            "_sandbox/tokens",
            #"{"platform": "mastodon", "account": "\#(ada)", "client_id": "c", "scopes": [\#(list)], "instance": "\#(host)"}"#)
        return [("Authorization", "Bearer \(try #require(reply.json["access_token"] as? String))")]
    }

    @Test("the host's first label picks the software; every other host is Mastodon 4.5")
    func hostPattern() {
        #expect(MastodonSoftware.forHost("takahe.example") == .takahe)
        #expect(MastodonSoftware.forHost("gts.example") == .gotosocial)
        #expect(MastodonSoftware.forHost("gotosocial.example") == .gotosocial)
        #expect(MastodonSoftware.forHost("pleroma.example") == .pleroma)
        #expect(MastodonSoftware.forHost("akkoma.example") == .akkoma)
        #expect(MastodonSoftware.forHost("mastodon.social") == .mastodon)
        #expect(MastodonSoftware.forHost("my-takahe.example") == .mastodon)
    }

    @Test("instance version strings, api_versions only on Mastodon, Akkoma has no v2 instance")
    func instanceVersions() async throws {
        try await withSandbox { sandbox in
            let expected = [
                "mastodon.social": "4.5.0", "takahe.example": "0.11.0", "gts.example": "3.5.3+0.20.1",
                "pleroma.example": "2.7.2 (compatible; Pleroma 2.9.1)", "akkoma.example": "2.7.2 (compatible; Akkoma 3.16.0)",
            ]
            for (host, version) in expected {
                let v1 = try await sandbox.get("\(host)/api/v1/instance")
                #expect(v1.status == 200)
                #expect(v1.json["version"] as? String == version)
                #expect(v1.json["uri"] as? String == host)
            }
            let mastodon = try await sandbox.get("mastodon.social/api/v2/instance")
            #expect((mastodon.json["api_versions"] as? [String: Any])?["mastodon"] as? Int == 7)
            let takahe = try await sandbox.get("takahe.example/api/v2/instance")
            #expect(takahe.status == 200)
            #expect(takahe.json["api_versions"] == nil)
            #expect(try await sandbox.get("akkoma.example/api/v2/instance").status == 404)
            let akkoma = try await sandbox.get("akkoma.example/api/v1/instance")
            #expect(akkoma.json["max_toot_chars"] as? Int == 5000)
            #expect((akkoma.json["configuration"] as? [String: Any])?["statuses"] == nil)
            let gts = try await sandbox.get("gts.example/api/v2/instance")
            let statuses = (gts.json["configuration"] as? [String: Any])?["statuses"] as? [String: Any]
            #expect(statuses?["max_characters"] as? Int == 5000)
            #expect(statuses?["characters_reserved_per_url"] as? Int == 25)
        }
    }

    @Test("NodeInfo names the software and its version, linked from /.well-known/nodeinfo")
    func nodeInfo() async throws {
        try await withSandbox { sandbox in
            for (host, name, version) in [
                ("mastodon.social", "mastodon", "4.5.0"), ("takahe.example", "takahe", "0.11.0"),
                ("gts.example", "gotosocial", "0.20.1"), ("pleroma.example", "pleroma", "2.9.1"),
                ("akkoma.example", "akkoma", "3.16.0"),
            ] {
                let links = try await sandbox.get("\(host)/.well-known/nodeinfo")
                let first = try #require((links.json["links"] as? [[String: Any]])?.first)
                let href = try #require(first["href"] as? String)
                #expect(href.hasPrefix(sandbox.base + "/\(host)/nodeinfo/"))
                let document = try await sandbox.get(String(href.dropFirst(sandbox.base.count + 1)))
                #expect(document.status == 200)
                let software = document.json["software"] as? [String: Any]
                #expect(software?["name"] as? String == name)
                #expect(software?["version"] as? String == version)
            }
        }
    }

    @Test("the inspection API chooses the software for any host and reports it")
    func inspectionChoosesSoftware() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.postJSON("_sandbox/instances", #"{"host": "social.example", "software": "takahe"}"#)
            #expect(reply.status == 200)
            #expect(reply.json["software"] as? String == "takahe")
            #expect(reply.json["max_characters"] as? Int == 500)
            #expect(try await sandbox.get("social.example/api/v1/instance").json["version"] as? String == "0.11.0")
            let unknown = try await sandbox.postJSON("_sandbox/instances", #"{"host": "x.example", "software": "misskey"}"#)
            #expect(unknown.status == 400)
            #expect(try await sandbox.get("social.example/.well-known/oauth-authorization-server").status == 404)
        }
    }

    @Test("Takahē needs read for verify_credentials: read:accounts alone is out of scope")
    func takaheScope() async throws {
        try await withSandbox { sandbox in
            let narrow = try await Self.bearer(sandbox, host: "takahe.example", scopes: ["read:accounts", "write:statuses"])
            let refused = try await sandbox.get("takahe.example/api/v1/accounts/verify_credentials", headers: narrow)
            #expect(refused.status == 403)
            #expect(refused.json["error"] as? String == "out_of_scope_for_token")
            let wide = try await Self.bearer(sandbox, host: "takahe.example", scopes: ["read", "write:statuses"])
            #expect(try await sandbox.get("takahe.example/api/v1/accounts/verify_credentials", headers: wide).status == 200)
            let mastodon = try await Self.bearer(sandbox, host: "mastodon.social", scopes: ["read:accounts"])
            #expect(try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: mastodon).status == 200)
        }
    }

    @Test("a bad token answers as each server does")
    func badTokenAnswers() async throws {
        try await withSandbox { sandbox in
            let bad = [("Authorization", "Bearer nope")]
            let takahe = try await sandbox.get("takahe.example/api/v1/accounts/verify_credentials", headers: bad)
            #expect(takahe.status == 400)
            #expect(takahe.header("Content-Type")?.hasPrefix("text/plain") == true)
            #expect(takahe.body == "Invalid Bearer token")
            let pleroma = try await sandbox.get("pleroma.example/api/v1/accounts/verify_credentials", headers: bad)
            #expect(pleroma.status == 403)
            #expect(pleroma.json["error"] as? String == "Invalid credentials.")
            let akkoma = try await sandbox.get("akkoma.example/api/v1/accounts/verify_credentials", headers: bad)
            #expect(akkoma.status == 403)
            let gts = try await sandbox.get("gts.example/api/v1/accounts/verify_credentials", headers: bad)
            #expect(gts.status == 401)
            #expect(gts.json["error"] as? String == "Unauthorized: token not supplied")
            let mastodon = try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: bad)
            #expect(mastodon.status == 401)
            #expect(mastodon.json["error"] as? String == "The access token is invalid")
            try await sandbox.fail("mastodon", "revoked_token")
            let revoked = try await sandbox.get("takahe.example/api/v1/accounts/verify_credentials", headers: bad)
            #expect(revoked.status == 400)
        }
    }

    @Test("Takahē and GoToSocial ignore Idempotency-Key: a retry posts twice")
    func idempotencyIgnored() async throws {
        try await withSandbox { sandbox in
            for host in ["takahe.example", "gts.example"] {
                let headers = try await Self.bearer(sandbox, host: host, scopes: ["read", "write"]) + [("Idempotency-Key", "k")]
                let first = try await sandbox.postForm("\(host)/api/v1/statuses", [("status", "once")], headers: headers)
                let again = try await sandbox.postForm("\(host)/api/v1/statuses", [("status", "once")], headers: headers)
                #expect(first.status == 200 && again.status == 200)
                #expect(first.json["id"] as? String != again.json["id"] as? String)
            }
            #expect(try await sandbox.posts("mastodon").count == 4)
        }
    }

    @Test("Pleroma replays the whole answer, errors too, for the same raw key from anyone")
    func pleromaGlobalIdempotency() async throws {
        try await withSandbox { sandbox in
            let ada = try await Self.bearer(sandbox, host: "pleroma.example", scopes: ["read", "write"])
            let blank = try await sandbox.postForm(
                "pleroma.example/api/v1/statuses", [("status", " ")],
                headers: ada + [("Idempotency-Key", "shared")])
            #expect(blank.status == 422)
            let retried = try await sandbox.postForm(
                "pleroma.example/api/v1/statuses", [("status", "now with text")],
                headers: ada + [("Idempotency-Key", "shared")])
            #expect(retried.status == 422)
            #expect(retried.header("idempotent-replayed") == "true")
            #expect(try await sandbox.posts("mastodon").isEmpty)
        }
    }

    @Test("URLs count at full length outside Mastodon, with each server's over-limit answer")
    func counting() async throws {
        try await withSandbox { sandbox in
            let url = "https://rose.example/" + String(repeating: "x", count: 60)  // 81 characters
            for (host, status, error) in [
                ("takahe.example", 400, "Status is too long"),
                ("gts.example", 400, "Bad Request: text with spoiler exceed max chars (50)"),
                ("pleroma.example", 422, "The status is over the character limit"),
            ] {
                _ = try await sandbox.postJSON("_sandbox/instances", #"{"host": "\#(host)", "max_characters": 50}"#)
                let headers = try await Self.bearer(sandbox, host: host, scopes: ["read", "write"])
                let over = try await sandbox.postForm("\(host)/api/v1/statuses", [("status", url)], headers: headers)
                #expect(over.status == status)
                #expect(over.json["error"] as? String == error)
            }
            _ = try await sandbox.postJSON("_sandbox/instances", #"{"host": "mastodon.social", "max_characters": 50}"#)
            let headers = try await Self.bearer(sandbox, host: "mastodon.social", scopes: ["write"])
            #expect(try await sandbox.postForm("mastodon.social/api/v1/statuses", [("status", url)], headers: headers).status == 200)
            // Takahē does not count the content warning.
            let takahe = try await Self.bearer(sandbox, host: "takahe.example", scopes: ["write"])
            let cw = try await sandbox.postForm(
                "takahe.example/api/v1/statuses",
                [("status", String(repeating: "a", count: 50)), ("spoiler_text", "cw")], headers: takahe)
            #expect(cw.status == 200)
        }
    }

    @Test("Pleroma tokens expire and come with a refresh token; Takahē ignores PKCE")
    func tokenLifetimeAndPKCE() async throws {
        try await withSandbox { sandbox in
            for host in ["pleroma.example", "takahe.example"] {
                let app = try await MastodonTests.register(sandbox, host: host)
                let code = try await MastodonTests.code(sandbox, host: host, clientID: app.0)
                let token = try await MastodonTests.token(sandbox, host: host, app: app, code: code, verifier: "wrong-verifier")
                #expect(token.status == 200)
                if host == "pleroma.example" {
                    #expect(token.json["expires_in"] as? Int == 3_155_760_000)
                    let refresh = try #require(token.json["refresh_token"] as? String)
                    let renewed = try await sandbox.postForm(
                        "\(host)/oauth/token",
                        [
                            ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", app.0), ("client_secret", app.1),
                        ])
                    #expect(renewed.status == 200)
                    #expect(renewed.json["access_token"] as? String != nil)
                } else {
                    #expect(token.json["expires_in"] == nil)
                }
            }
            // GoToSocial checks S256 like Mastodon.
            let app = try await MastodonTests.register(sandbox, host: "gts.example")
            let code = try await MastodonTests.code(sandbox, host: "gts.example", clientID: app.0)
            #expect(try await MastodonTests.token(sandbox, host: "gts.example", app: app, code: code, verifier: "wrong-verifier").status == 400)
        }
    }
}
