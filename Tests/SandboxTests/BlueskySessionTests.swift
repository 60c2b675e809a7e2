import Foundation
import Testing

@testable import Sandbox

/// App-password sessions, errors, failure modes and inspection of the Bluesky emulator.
@Suite("Bluesky app-password sessions and failures")
struct BlueskySessionTests {
    static let ada = BlueskyOAuthTests.ada
    static let pds = "morel.us-east.host.bsky.network"

    static func login(
        _ sandbox: SandboxClient, host: String = "bsky.social", identifier: String = "ada.bsky.social", password: String = "ad4a-lv3l-c2e7-x9qa"
    )
        async throws -> SandboxClient.Reply
    {
        try await sandbox.postJSON("\(host)/xrpc/com.atproto.server.createSession", #"{"identifier": "\#(identifier)", "password": "\#(password)"}"#)
    }

    @Test("createSession → getSession, getProfile and a post with Bearer → refreshSession rotates with grace → deleteSession ends it")
    func appPasswordFlow() async throws {
        try await withSandbox { sandbox in
            let wrong = try await Self.login(sandbox, password: "aaaa-bbbb-cccc-dddd")
            #expect(wrong.status == 401 && wrong.json["error"] as? String == "AuthenticationRequired")
            let session = try await Self.login(sandbox)
            #expect(session.status == 200)
            try BlueskyOAuthTests.expectLexicon(session, "com.atproto.server.createSession")
            #expect(session.json["did"] as? String == Self.ada)
            let access = try #require(session.json["accessJwt"] as? String)
            let refresh = try #require(session.json["refreshJwt"] as? String)
            let bearer = [("Authorization", "Bearer \(access)")]

            let me = try await sandbox.get("\(Self.pds)/xrpc/com.atproto.server.getSession", headers: bearer)
            try BlueskyOAuthTests.expectLexicon(me, "com.atproto.server.getSession")
            #expect(me.json["handle"] as? String == "ada.bsky.social")
            // The entryway answers for Bluesky-hosted accounts too.
            #expect(try await sandbox.get("bsky.social/xrpc/com.atproto.server.getSession", headers: bearer).status == 200)
            let profile = try await sandbox.get("\(Self.pds)/xrpc/app.bsky.actor.getProfile?actor=\(Self.ada)", headers: bearer)
            #expect(profile.json["displayName"] as? String == "Ada Lovelace")

            let link = "https://rose.example/p/2"
            let post = try await sandbox.send(
                .POST, "\(Self.pds)/xrpc/com.atproto.repo.createRecord", headers: bearer + [("Content-Type", "application/json")],
                body: String(decoding: BlueskyOAuthTests.post("New post: \(link)", link: link, blob: nil), as: UTF8.self))
            #expect(post.status == 200, "\(post.body)")
            #expect(post.header("RateLimit-Remaining") == "4997")

            let refreshed = try await sandbox.send(
                .POST, "bsky.social/xrpc/com.atproto.server.refreshSession", headers: [("Authorization", "Bearer \(refresh)")])
            #expect(refreshed.status == 200)
            try BlueskyOAuthTests.expectLexicon(refreshed, "com.atproto.server.refreshSession")
            let next = try #require(refreshed.json["refreshJwt"] as? String)
            #expect(next != refresh)
            // Within the 2-hour grace the old refresh token yields the same successor; after it, it is revoked.
            let grace = try await sandbox.send(
                .POST, "bsky.social/xrpc/com.atproto.server.refreshSession", headers: [("Authorization", "Bearer \(refresh)")])
            #expect(grace.json["refreshJwt"] as? String == next)
            try await sandbox.advanceClock(7201)
            let late = try await sandbox.send(
                .POST, "bsky.social/xrpc/com.atproto.server.refreshSession", headers: [("Authorization", "Bearer \(refresh)")])
            #expect(late.status == 400 && late.json["message"] as? String == "Token has been revoked")
            // The first access token has now lived 120 minutes.
            let expired = try await sandbox.get("\(Self.pds)/xrpc/com.atproto.server.getSession", headers: bearer)
            #expect(expired.status == 400 && expired.json["error"] as? String == "ExpiredToken")

            let newAccess = try #require(
                try await sandbox.send(.POST, "bsky.social/xrpc/com.atproto.server.refreshSession", headers: [("Authorization", "Bearer \(next)")])
                    .json["accessJwt"] as? String)
            let logout = try await sandbox.send(
                .POST, "bsky.social/xrpc/com.atproto.server.deleteSession", headers: [("Authorization", "Bearer \(next)")])
            #expect(logout.status == 200)
            let gone = try await sandbox.get("\(Self.pds)/xrpc/com.atproto.server.getSession", headers: [("Authorization", "Bearer \(newAccess)")])
            #expect(gone.status == 400 && gone.json["error"] as? String == "ExpiredToken")
        }
    }

    @Test("missing and bad tokens, a self-hosted account at the entryway, an access token used to refresh")
    func tokenErrors() async throws {
        try await withSandbox { sandbox in
            let none = try await sandbox.get("\(Self.pds)/xrpc/com.atproto.server.getSession")
            #expect(none.status == 401 && none.json["error"] as? String == "AuthMissing")
            let bad = try await sandbox.get("\(Self.pds)/xrpc/com.atproto.server.getSession", headers: [("Authorization", "Bearer nonsense")])
            #expect(bad.status == 400 && bad.json["error"] as? String == "InvalidToken")
            #expect(bad.json["message"] as? String == "Token could not be verified")
            let grace = try await Self.login(sandbox, identifier: "grace.example", password: "gr4c-hp3r-c0b0-l7xz")
            #expect(grace.status == 401)
            let own = try await Self.login(sandbox, host: "pds.grace.example", identifier: "grace.example", password: "gr4c-hp3r-c0b0-l7xz")
            #expect(own.status == 200)
            let access = try #require(own.json["accessJwt"] as? String)
            let recorded = try await sandbox.get("_sandbox/requests?platform=bluesky")
            #expect(recorded.status == 200 && recorded.body.contains("createSession") && !recorded.body.contains("gr4c-hp3r-c0b0-l7xz"))
            #expect(
                try await sandbox.get("bsky.social/xrpc/com.atproto.server.getSession", headers: [("Authorization", "Bearer \(access)")]).status
                    == 400)
            let misuse = try await sandbox.send(
                .POST, "pds.grace.example/xrpc/com.atproto.server.refreshSession", headers: [("Authorization", "Bearer \(access)")])
            #expect(misuse.status == 400 && misuse.json["error"] as? String == "InvalidToken")
        }
    }

    @Test("createSession: 30 per 5 minutes per account, with RateLimit headers")
    func createSessionLimit() async throws {
        try await withSandbox { sandbox in
            for _ in 0..<30 { #expect(try await Self.login(sandbox).status == 200) }
            let limited = try await Self.login(sandbox)
            #expect(limited.status == 429 && limited.json["error"] as? String == "RateLimitExceeded")
            #expect(limited.header("RateLimit-Limit") == "30")
            #expect(limited.header("RateLimit-Remaining") == "0")
            #expect(limited.header("RateLimit-Policy") == "30;w=300")
            let reset = try #require(limited.header("RateLimit-Reset").flatMap { Int($0) })
            #expect(reset > Int(Date().timeIntervalSince1970))
        }
    }

    @Test("failure modes answer as Bluesky does; duplicate is refused; inspection lists accounts")
    func failures() async throws {
        try await withSandbox { sandbox in
            let access = try #require(try await Self.login(sandbox).json["accessJwt"] as? String)
            let path = "\(Self.pds)/xrpc/com.atproto.server.getSession"
            let bearer = [("Authorization", "Bearer \(access)")]
            try await sandbox.fail("bluesky", "expired_token")
            let expired = try await sandbox.get(path, headers: bearer)
            #expect(expired.status == 400 && expired.json["error"] as? String == "ExpiredToken")
            try await sandbox.fail("bluesky", "rate_limit")
            let limited = try await sandbox.get(path, headers: bearer)
            #expect(limited.status == 429 && limited.header("RateLimit-Remaining") == "0")
            try await sandbox.fail("bluesky", "server_error")
            #expect(try await sandbox.get(path, headers: bearer).status == 500)
            #expect(try await sandbox.get(path, headers: bearer).status == 200)
            let duplicate = try await sandbox.postJSON("_sandbox/failures", #"{"platform": "bluesky", "mode": "duplicate"}"#)
            #expect(duplicate.status == 400)
            let accounts = try await sandbox.get("_sandbox/accounts")
            #expect((accounts.json["bluesky"] as? [String])?.contains(Self.ada) == true)
            let minted = try await sandbox.postJSON(
                "_sandbox/tokens", #"{"platform": "bluesky", "account": "\#(Self.ada)", "client_id": "app-password", "scopes": [], "expires_in": -1}"#
            )
            let stale = try #require(minted.json["access_token"] as? String)
            let old = try await sandbox.get(path, headers: [("Authorization", "Bearer \(stale)")])
            #expect(old.status == 400 && old.json["message"] as? String == "Token has expired")
        }
    }
}
