import Foundation
import Testing
@testable import Sandbox

@Suite("X OAuth 2.0 + PKCE and posting")
struct TwitterTests {
    static let verifier = String(repeating: "a1b2", count: 12)
    static let redirect = TestApps.callback("twitter")
    static let basic = SandboxClient.basic("x-client", "x-secret")
    static let scopes = "tweet.read tweet.write users.read offline.access"

    static func code(
        _ sandbox: SandboxClient, host: String = "x.com", account: String = "1500000000000000001",
        method: String = "S256"
    ) async throws -> String {
        let challenge = method == "S256" ? PKCE.s256(verifier) : verifier
        let page = try await sandbox.get(
            "\(host)/i/oauth2/authorize"
                + sandbox.query([
                    ("response_type", "code"), ("client_id", "x-client"), ("redirect_uri", redirect), ("scope", scopes),
                    ("state", "st"), ("code_challenge", challenge), ("code_challenge_method", method),
                ]))
        #expect(page.status == 200)
        #expect(page.body.contains("ada_x"))
        let reply = try await sandbox.consent(page, account: account)
        #expect(reply.status == 302)
        #expect(reply.locationQuery["state"] == "st")
        return try #require(reply.locationQuery["code"])
    }

    static func exchange(
        _ sandbox: SandboxClient, code: String, verifier: String = verifier,
        auth: [(String, String)] = [basic]
    ) async throws -> SandboxClient.Reply {
        try await sandbox.postForm(
            "api.x.com/2/oauth2/token",
            [
                ("code", code), ("grant_type", "authorization_code"), ("redirect_uri", redirect), ("code_verifier", verifier),
            ],
            headers: auth)
    }

    static func connect(_ sandbox: SandboxClient) async throws -> (access: String, refresh: String) {
        let token = try await exchange(sandbox, code: try await code(sandbox))
        return (try #require(token.json["access_token"] as? String), try #require(token.json["refresh_token"] as? String))
    }

    @Test("full flow: consent, Basic-auth exchange, 2 h token, identity, post 201, view, rotate, revoke")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            let token = try await Self.exchange(sandbox, code: try await Self.code(sandbox))
            #expect(token.status == 200)
            #expect(token.json["expires_in"] as? Int == 7200)
            #expect(token.json["token_type"] as? String == "bearer")
            let access = try #require(token.json["access_token"] as? String)
            let refresh = try #require(token.json["refresh_token"] as? String)
            let bearer = [("Authorization", "Bearer \(access)")]

            let me = try await sandbox.get("api.x.com/2/users/me", headers: bearer)
            #expect((me.json["data"] as? [String: Any])?["username"] as? String == "ada_x")
            #expect(me.header("x-rate-limit-remaining") == "74")

            let post = try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "New post https://rose.example/p/1"}"#, headers: bearer)
            #expect(post.status == 201)
            #expect(post.header("x-app-limit-24hour-limit") == "10000")
            let data = try #require(post.json["data"] as? [String: Any])
            let id = try #require(data["id"] as? String)
            #expect((data["text"] as? String)?.contains("https://t.co/") == true)
            let stored = try await sandbox.posts("twitter")
            #expect(stored.first?["text"] as? String == "New post https://rose.example/p/1")
            #expect(stored.first?["url"] as? String == "https://x.com/ada_x/status/\(id)")
            let view = try await sandbox.get("x.com/ada_x/status/\(id)")
            #expect(view.status == 200 && view.body.contains("https://rose.example/p/1"))
            #expect(try await sandbox.get("twitter.com/i/web/status/\(id)").status == 200)

            let rotated = try await sandbox.postForm(
                "api.x.com/2/oauth2/token",
                [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: [Self.basic])
            #expect(rotated.status == 200)
            let newRefresh = try #require(rotated.json["refresh_token"] as? String)
            #expect(newRefresh != refresh)
            let reuse = try await sandbox.postForm(
                "api.x.com/2/oauth2/token",
                [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: [Self.basic])
            #expect(reuse.status == 400)
            #expect(reuse.json["error_description"] as? String == "Value passed for the token was invalid.")

            let newAccess = try #require(rotated.json["access_token"] as? String)
            let revoke = try await sandbox.postForm(
                "api.x.com/2/oauth2/revoke", [("token", newAccess), ("token_type_hint", "access_token")],
                headers: [Self.basic])
            #expect(revoke.status == 200)
            #expect(try await sandbox.get("api.x.com/2/users/me", headers: [("Authorization", "Bearer \(newAccess)")]).status == 401)
        }
    }

    @Test("access token stops working after 2 hours on the sandbox clock")
    func accessTokenExpires() async throws {
        try await withSandbox { sandbox in
            let (access, _) = try await Self.connect(sandbox)
            try await sandbox.advanceClock(7201)
            let me = try await sandbox.get("api.x.com/2/users/me", headers: [("Authorization", "Bearer \(access)")])
            #expect(me.status == 401)
            #expect(me.json["title"] as? String == "Unauthorized")
        }
    }

    @Test("wrong verifier, reused code, 30 s expiry, redirect mismatch and missing Basic auth are refused")
    func tokenEndpointChecks() async throws {
        try await withSandbox { sandbox in
            let wrong = try await Self.exchange(sandbox, code: try await Self.code(sandbox), verifier: String(repeating: "z", count: 48))
            #expect(wrong.status == 400)
            #expect(wrong.json["error"] as? String == "invalid_request")

            let code = try await Self.code(sandbox, method: "plain")
            #expect(try await Self.exchange(sandbox, code: code).status == 200)
            #expect(try await Self.exchange(sandbox, code: code).status == 400)

            let late = try await Self.code(sandbox)
            try await sandbox.advanceClock(31)
            #expect(try await Self.exchange(sandbox, code: late).status == 400)

            let mismatch = try await sandbox.postForm(
                "api.x.com/2/oauth2/token",
                [
                    ("code", try await Self.code(sandbox)), ("grant_type", "authorization_code"),
                    ("redirect_uri", "https://rose.example/elsewhere/"), ("code_verifier", Self.verifier),
                ], headers: [Self.basic])
            #expect(mismatch.status == 400)

            let bodyAuth = try await sandbox.postForm(
                "api.x.com/2/oauth2/token",
                [
                    ("code", try await Self.code(sandbox)), ("grant_type", "authorization_code"), ("redirect_uri", Self.redirect),
                    ("code_verifier", Self.verifier), ("client_id", "x-client"), ("client_secret", "x-secret"),
                ])
            #expect(bodyAuth.status == 401)
            #expect(bodyAuth.json["error"] as? String == "invalid_client")
            let badSecret = try await Self.exchange(sandbox, code: try await Self.code(sandbox), auth: [SandboxClient.basic("x-client", "nope")])
            #expect(badSecret.status == 401)
        }
    }

    @Test("authorize without PKCE or with an unregistered redirect URI shows an error instead of redirecting")
    func authorizeValidation() async throws {
        try await withSandbox { sandbox in
            let noPKCE = try await sandbox.get(
                "x.com/i/oauth2/authorize"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", "x-client"), ("redirect_uri", Self.redirect), ("scope", Self.scopes), ("state", "s"),
                    ]))
            #expect(noPKCE.status == 400)
            let badRedirect = try await sandbox.get(
                "twitter.com/i/oauth2/authorize"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", "x-client"), ("redirect_uri", "https://evil.example/cb"), ("scope", Self.scopes),
                        ("state", "s"), ("code_challenge", "abc"), ("code_challenge_method", "plain"),
                    ]))
            #expect(badRedirect.status == 400)
            #expect(badRedirect.header("Location") == nil)
        }
    }

    @Test("deny redirects with error=access_denied")
    func deny() async throws {
        try await withSandbox { sandbox in
            let page = try await sandbox.get(
                "x.com/i/oauth2/authorize"
                    + sandbox.query([
                        ("response_type", "code"), ("client_id", "x-client"), ("redirect_uri", Self.redirect), ("scope", Self.scopes),
                        ("state", "s"), ("code_challenge", PKCE.s256(Self.verifier)), ("code_challenge_method", "S256"),
                    ]))
            let reply = try await sandbox.consent(page, account: "1500000000000000002", decision: "deny")
            #expect(reply.locationQuery["error"] == "access_denied")
        }
    }

    @Test("duplicate text is 403, weighted length over 280 is refused, URLs count 23")
    func postRules() async throws {
        try await withSandbox { sandbox in
            let bearer = [("Authorization", "Bearer \(try await Self.connect(sandbox).access)")]
            #expect(try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "same"}"#, headers: bearer).status == 201)
            let dup = try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "same"}"#, headers: bearer)
            #expect(dup.status == 403)
            #expect(dup.json["detail"] as? String == "You are not allowed to create a Tweet with duplicate content.")
            let url = "https://rose.example/" + String(repeating: "u", count: 100)
            let fits = String(repeating: "a", count: 256) + " " + url  // 256 + 1 + 23 = 280
            #expect(try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "\#(fits)"}"#, headers: bearer).status == 201)
            let emoji = String(repeating: "😀", count: 141)  // 282 weighted
            #expect(try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "\#(emoji)"}"#, headers: bearer).status != 201)
        }
    }

    @Test("failure modes: 429 with x-rate-limit headers, 401 expired, 403 duplicate, 503")
    func failureModes() async throws {
        try await withSandbox { sandbox in
            let bearer = [("Authorization", "Bearer \(try await Self.connect(sandbox).access)")]
            try await sandbox.fail("twitter", "rate_limit")
            let limited = try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "a"}"#, headers: bearer)
            #expect(limited.status == 429)
            #expect(limited.header("x-rate-limit-remaining") == "0")
            #expect(Int(limited.header("x-rate-limit-reset") ?? "") != nil)
            try await sandbox.fail("twitter", "expired_token")
            #expect(try await sandbox.get("api.x.com/2/users/me", headers: bearer).status == 401)
            try await sandbox.fail("twitter", "duplicate")
            #expect(try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "b"}"#, headers: bearer).status == 403)
            try await sandbox.fail("twitter", "server_error")
            #expect(try await sandbox.get("api.x.com/2/users/me", headers: bearer).status == 503)
            #expect(try await sandbox.posts("twitter").isEmpty)
        }
    }
}
