import Foundation
import Testing

@testable import Sandbox

/// The answers an app-credential check relies on, written from docs/platforms/<platform>.md,
/// "Checking app credentials": every token endpoint judges the client before the code, and
/// `debug_token` judges the asking app token before anything it inspects.
@Suite("App credentials are checked before codes and inspected tokens")
struct AppCredentialProbeTests {
    static let neverIssued = "a-code-nobody-issued"

    @Test("debug_token: the app's own app token is valid, type APP; a wrong secret or unknown id is 190")
    func facebookDebugTokenForAnAppToken() async throws {
        try await withSandbox { sandbox in
            func debug(_ input: String, asking: String) async throws -> SandboxClient.Reply {
                try await sandbox.get("graph.facebook.com/v26.0/debug_token" + sandbox.query([("input_token", input), ("access_token", asking)]))
            }
            let good = try await debug("1111|fb-secret", asking: "1111|fb-secret")
            let data = try #require(good.json["data"] as? [String: Any])
            #expect(good.status == 200 && data["is_valid"] as? Bool == true)
            #expect(data["app_id"] as? String == "1111" && data["type"] as? String == "APP")
            for asking in ["1111|not-the-secret", "9999|fb-secret", "1111"] {
                let bad = try await debug(asking, asking: asking)
                #expect(bad.status == 400 && (bad.json["error"] as? [String: Any])?["code"] as? Int == 190, "\(asking)")
            }
            let other = try #require(try await debug("1111|not-the-secret", asking: "1111|fb-secret").json["data"] as? [String: Any])
            #expect(other["is_valid"] as? Bool == false)
        }
    }

    @Test("Threads and Facebook code exchange: unknown app 101, wrong secret 1, then an unknown code 100")
    func graphCodeExchangeChecksTheAppFirst() async throws {
        try await withSandbox { sandbox in
            for (path, id, secret) in [
                ("graph.threads.com/oauth/access_token", "2222", "th-secret"), ("graph.facebook.com/v26.0/oauth/access_token", "1111", "fb-secret"),
            ] {
                func exchange(_ id: String, _ secret: String) async throws -> Int? {
                    let reply = try await sandbox.postForm(
                        path,
                        [
                            ("client_id", id), ("client_secret", secret), ("code", Self.neverIssued), ("grant_type", "authorization_code"),
                            ("redirect_uri", "https://app-check.invalid/callback"),
                        ])
                    return (reply.json["error"] as? [String: Any])?["code"] as? Int
                }
                let unknownApp = try await exchange("9999", secret)
                let wrongSecret = try await exchange(id, "not-the-secret")
                let unknownCode = try await exchange(id, secret)
                #expect(unknownApp == 101 && wrongSecret == 1 && unknownCode == 100, "\(path)")
            }
        }
    }

    @Test("X token endpoint: wrong Basic credentials 401 invalid_client, right ones 400 for the code")
    func twitterTokenEndpointChecksTheClientFirst() async throws {
        try await withSandbox { sandbox in
            func exchange(_ id: String, _ secret: String) async throws -> SandboxClient.Reply {
                try await sandbox.postForm(
                    "api.x.com/2/oauth2/token",
                    [
                        ("grant_type", "authorization_code"), ("code", Self.neverIssued), ("redirect_uri", "https://app-check.invalid/callback"),
                        ("code_verifier", String(repeating: "v", count: 43)),
                    ], headers: [SandboxClient.basic(id, secret)])
            }
            for (id, secret) in [("x-client", "not-the-secret"), ("unknown-client", "x-secret")] {
                let bad = try await exchange(id, secret)
                #expect(bad.status == 401 && bad.json["error"] as? String == "invalid_client")
            }
            let good = try await exchange("x-client", "x-secret")
            #expect(good.status == 400 && good.json["error"] as? String == "invalid_request")
        }
    }

    @Test("LinkedIn token endpoint: wrong form credentials 401 invalid_client, right ones 400 for the code")
    func linkedinTokenEndpointChecksTheClientFirst() async throws {
        try await withSandbox { sandbox in
            func exchange(_ id: String, _ secret: String) async throws -> SandboxClient.Reply {
                try await sandbox.postForm(
                    "www.linkedin.com/oauth/v2/accessToken",
                    [
                        ("grant_type", "authorization_code"), ("code", Self.neverIssued), ("redirect_uri", "https://app-check.invalid/callback"),
                        ("client_id", id), ("client_secret", secret),
                    ])
            }
            for (id, secret) in [("li-client", "not-the-secret"), ("unknown-client", "li-secret")] {
                let bad = try await exchange(id, secret)
                #expect(bad.status == 401 && bad.json["error"] as? String == "invalid_client")
            }
            let good = try await exchange("li-client", "li-secret")
            #expect(good.status == 400 && good.json["error"] as? String == "invalid_request")
        }
    }
}
