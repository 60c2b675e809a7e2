import Foundation
import Testing
@testable import Sandbox

@Suite("Mastodon statuses: limits, idempotency, failures")
struct MastodonPostingTests {
    /// Connects `account` on `host` and returns the bearer header.
    static func connect(_ sandbox: SandboxClient, host: String = "mastodon.social") async throws -> [(String, String)] {
        let app = try await MastodonTests.register(sandbox, host: host)
        let code = try await MastodonTests.code(sandbox, host: host, clientID: app.0)
        let token = try await MastodonTests.token(sandbox, host: host, app: app, code: code)
        return [("Authorization", "Bearer \(try #require(token.json["access_token"] as? String))")]
    }

    @Test("instance limit is per host, URLs count 23 and over-limit answers 422 naming the limit")
    func characterLimit() async throws {
        try await withSandbox { sandbox in
            _ = try await sandbox.postJSON("_sandbox/instances", #"{"host": "tiny.example", "max_characters": 40}"#)
            let instance = try await sandbox.get("tiny.example/api/v2/instance")
            let config = instance.json["configuration"] as? [String: Any]
            #expect((config?["statuses"] as? [String: Any])?["max_characters"] as? Int == 40)
            let bearer = try await Self.connect(sandbox, host: "tiny.example")
            let longURL = "https://rose.example/" + String(repeating: "x", count: 200)
            let fits = try await sandbox.postForm("tiny.example/api/v1/statuses", [("status", "Sixteen chars!! " + longURL)], headers: bearer)
            #expect(fits.status == 200)  // 16 + 23 = 39
            let over = try await sandbox.postForm("tiny.example/api/v1/statuses", [("status", "Seventeen chars!! " + longURL)], headers: bearer)
            #expect(over.status == 422)
            #expect(over.json["error"] as? String == "Validation failed: Text character limit of 40 exceeded")
        }
    }

    @Test("Idempotency-Key replays the same status within an hour and not after")
    func idempotency() async throws {
        try await withSandbox { sandbox in
            let bearer = try await Self.connect(sandbox)
            let headers = bearer + [("Idempotency-Key", "k-1")]
            let first = try await sandbox.postForm("mastodon.social/api/v1/statuses", [("status", "once")], headers: headers)
            let again = try await sandbox.postForm("mastodon.social/api/v1/statuses", [("status", "once")], headers: headers)
            #expect(first.json["id"] as? String == again.json["id"] as? String)
            #expect(try await sandbox.posts("mastodon").count == 1)
            try await sandbox.advanceClock(3601)
            let later = try await sandbox.postForm("mastodon.social/api/v1/statuses", [("status", "once")], headers: headers)
            #expect(later.json["id"] as? String != first.json["id"] as? String)
        }
    }

    @Test("blank text is rejected with 422 and a token without write scope gets 403")
    func validationAndScope() async throws {
        try await withSandbox { sandbox in
            let bearer = try await Self.connect(sandbox)
            let blank = try await sandbox.postForm("mastodon.social/api/v1/statuses", [("status", "  ")], headers: bearer)
            #expect(blank.status == 422)
            #expect(blank.json["error"] as? String == "Validation failed: Text can't be blank")
            let minted = try await sandbox.postJSON(
                "_sandbox/tokens",
                #"{"platform":"mastodon","account":"109000000000000001","client_id":"x","scopes":["read"],"instance":"mastodon.social"}"#)
            let readOnly = [("Authorization", "Bearer \(minted.json["access_token"] as? String ?? "")")]
            let denied = try await sandbox.postForm("mastodon.social/api/v1/statuses", [("status", "hi")], headers: readOnly)
            #expect(denied.status == 403)
            #expect(denied.json["error"] as? String == "This action is outside the authorized scopes")
        }
    }

    @Test("failure modes answer with Mastodon's own errors and headers")
    func failureModes() async throws {
        try await withSandbox { sandbox in
            let bearer = try await Self.connect(sandbox)
            let path = "mastodon.social/api/v1/statuses"
            try await sandbox.fail("mastodon", "rate_limit")
            let limited = try await sandbox.postForm(path, [("status", "a")], headers: bearer)
            #expect(limited.status == 429)
            #expect(limited.json["error"] as? String == "Too many requests")
            #expect(limited.header("X-RateLimit-Remaining") == "0")
            try await sandbox.fail("mastodon", "revoked_token")
            #expect(try await sandbox.postForm(path, [("status", "a")], headers: bearer).json["error"] as? String == "The access token was revoked")
            try await sandbox.fail("mastodon", "expired_token")
            #expect(try await sandbox.postForm(path, [("status", "a")], headers: bearer).status == 401)
            try await sandbox.fail("mastodon", "server_error")
            #expect(try await sandbox.postForm(path, [("status", "a")], headers: bearer).status == 503)
            try await sandbox.fail("mastodon", "lost_response_502")
            let lost = try await sandbox.postForm(path, [("status", "lost but made")], headers: bearer)
            #expect(lost.status == 502)
            #expect(lost.body.isEmpty)
            #expect(try await sandbox.posts("mastodon").contains { $0["text"] as? String == "lost but made" })
            try await sandbox.fail("mastodon", "lost_response")
            await #expect(throws: (any Error).self) {
                _ = try await sandbox.postForm(path, [("status", "dropped but made")], headers: bearer)
            }
            #expect(try await sandbox.posts("mastodon").contains { $0["text"] as? String == "dropped but made" })
            try await sandbox.fail("mastodon", "malformed")
            let malformed = try await sandbox.postForm(path, [("status", "b")], headers: bearer)
            #expect((try? JSONSerialization.jsonObject(with: Data(malformed.body.utf8))) == nil)
            let dup = try await sandbox.postJSON("_sandbox/failures", #"{"platform":"mastodon","mode":"duplicate"}"#)
            #expect(dup.status == 400)
            let ok = try await sandbox.postForm(path, [("status", "back to normal")], headers: bearer)
            #expect(ok.status == 200)
        }
    }

    @Test("slow responses are delayed and timeouts hang past the client timeout")
    func latency() async throws {
        try await withSandbox { sandbox in
            let bearer = try await Self.connect(sandbox)
            try await sandbox.fail("mastodon", "slow", latency: 0.5)
            let start = Date()
            #expect(try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: bearer).status == 200)
            #expect(Date().timeIntervalSince(start) >= 0.5)
            try await sandbox.fail("mastodon", "timeout", latency: 2)
            await #expect(throws: (any Error).self) {
                _ = try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: bearer, timeout: .milliseconds(500))
            }
        }
    }
}
