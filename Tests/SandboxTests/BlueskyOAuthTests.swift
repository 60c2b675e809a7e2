import Crypto
import Foundation
import Testing

@testable import Sandbox

/// The Bluesky emulator over real HTTP: discovery, the whole atproto OAuth dance with PAR, PKCE,
/// DPoP nonces and `private_key_jwt`, posting with facets and a card, refresh, revocation, and each refusal.
@Suite("Bluesky OAuth, DPoP and posting")
struct BlueskyOAuthTests {
    static let ada = "did:plc:adal2vela3eengine4notes5"
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data(repeating: 7, count: 2_000)

    static func expectLexicon(_ reply: SandboxClient.Reply, _ nsid: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try LexiconValidator.outputProblems(reply.body, nsid: nsid)
        #expect(problems.isEmpty, "\(nsid): \(problems)", sourceLocation: sourceLocation)
    }

    /// A post with one link facet over the URL and an external card with the uploaded thumb.
    static func post(_ text: String, link: String, blob: [String: Any]?, byteStart: Int? = nil, byteEnd: Int? = nil) -> Data {
        let start = byteStart ?? text.utf8.count - link.utf8.count
        var external: [String: Any] = ["uri": link, "title": "Post title", "description": "Summary"]
        if let blob { external["thumb"] = blob }
        let record: [String: Any] = [
            "$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-10-30T12:00:00.000Z", "langs": ["en"],
            "facets": [
                [
                    "index": ["byteStart": start, "byteEnd": byteEnd ?? (start + link.utf8.count)],
                    "features": [["$type": "app.bsky.richtext.facet#link", "uri": link]],
                ]
            ],
            "embed": ["$type": "app.bsky.embed.external", "external": external],
        ]
        return BlueskyTestClient.json(["repo": ada, "collection": "app.bsky.feed.post", "record": record])
    }

    @Test(
        "the lexicon checker refuses what it should: a missing required field, a wrong type, an over-long text, a bad DID",
        .enabled(if: LexiconValidator.isAvailable, "the ATProto lexicons are not beside this clone"))
    func lexiconCheckerCatchesMistakes() throws {
        #expect(try LexiconValidator.outputProblems(#"{"did": "did:plc:abc"}"#, nsid: "com.atproto.identity.resolveHandle").isEmpty)
        #expect(!(try LexiconValidator.outputProblems(#"{}"#, nsid: "com.atproto.identity.resolveHandle")).isEmpty)
        #expect(!(try LexiconValidator.outputProblems(#"{"did": "plc:abc"}"#, nsid: "com.atproto.identity.resolveHandle")).isEmpty)
        #expect(!(try LexiconValidator.outputProblems(#"{"uri": "at://x", "cid": 5}"#, nsid: "com.atproto.repo.createRecord")).isEmpty)
        let long: [String: Any] = ["$type": "app.bsky.feed.post", "text": String(repeating: "a", count: 301), "createdAt": "2026-10-30T12:00:00Z"]
        #expect(!(try LexiconValidator.recordProblems(long, nsid: "app.bsky.feed.post")).isEmpty)
    }

    @Test("handle → DID → PDS → authorization server: well-known, PLC, protected resource, metadata, resolveHandle")
    func discovery() async throws {
        try await withSandbox { sandbox in
            let client = BlueskyTestClient(sandbox: sandbox)
            let ada = try await client.discover("ada.bsky.social")
            #expect(ada.did == Self.ada)
            #expect(ada.pds == "https://morel.us-east.host.bsky.network")
            #expect(ada.issuer == sandbox.base + "/bsky.social")
            #expect(ada.metadata["require_pushed_authorization_requests"] as? Bool == true)
            #expect(ada.metadata["code_challenge_methods_supported"] as? [String] == ["S256"])
            let grace = try await client.discover("grace.example")
            #expect(grace.did == "did:web:grace.example")
            #expect(grace.pds == "https://pds.grace.example")
            #expect(grace.issuer == sandbox.base + "/pds.grace.example")
            let resolved = try await sandbox.get("bsky.social/xrpc/com.atproto.identity.resolveHandle?handle=ada.bsky.social")
            #expect(resolved.json["did"] as? String == Self.ada)
            try Self.expectLexicon(resolved, "com.atproto.identity.resolveHandle")
            let unknown = try await sandbox.get("bsky.social/xrpc/com.atproto.identity.resolveHandle?handle=nobody.bsky.social")
            #expect(unknown.status == 400 && unknown.json["error"] as? String == "HandleNotFound")
            #expect(try await sandbox.get("plc.directory/did:plc:aaaaaaaaaaaaaaaaaaaaaaaa").status == 404)
        }
    }

    @Test("the whole dance: PAR → consent → token with DPoP nonce → blob and post with facets → refresh → revoke → refused")
    func fullFlow() async throws {
        try await withBlueskySandbox { client in
            var client = client
            let sandbox = client.sandbox
            let found = try await client.discover("ada.bsky.social")
            let code = try await client.authorize(found)
            let token = try await client.exchange(found, code: code)
            #expect(token.status == 200, "\(token.body)")
            #expect(token.json["token_type"] as? String == "DPoP")
            #expect(token.json["sub"] as? String == Self.ada)
            #expect(token.json["expires_in"] as? Int == 3600)
            #expect(token.json["scope"] as? String == "atproto transition:generic")
            let access = try #require(token.json["access_token"] as? String)
            let refresh = try #require(token.json["refresh_token"] as? String)

            // The PDS asks for its own nonce first; the client retries once.
            let session = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: access)
            #expect(session.status == 200, "\(session.body)")
            try Self.expectLexicon(session, "com.atproto.server.getSession")

            let upload = try await client.xrpc(
                "POST", "com.atproto.repo.uploadBlob", pds: found.pds, token: access, body: Self.jpeg, contentType: "image/jpeg")
            #expect(upload.status == 200, "\(upload.body)")
            try Self.expectLexicon(upload, "com.atproto.repo.uploadBlob")
            let blob = try #require(upload.json["blob"] as? [String: Any])
            #expect((blob["ref"] as? [String: Any])?["$link"] as? String != nil)

            let link = "https://rose.example/p/1"
            let text = "Café déjà vu ☕️ \(link)"
            let created = try await client.xrpc(
                "POST", "com.atproto.repo.createRecord", pds: found.pds, token: access, body: Self.post(text, link: link, blob: blob))
            #expect(created.status == 200, "\(created.body)")
            try Self.expectLexicon(created, "com.atproto.repo.createRecord")
            #expect(created.header("RateLimit-Policy") == "5000;w=3600")
            let uri = try #require(created.json["uri"] as? String)
            #expect(uri.hasPrefix("at://\(Self.ada)/app.bsky.feed.post/"))

            let stored = try #require(try await sandbox.posts("bluesky").first)
            #expect(stored["text"] as? String == text)
            #expect(stored["link"] as? String == link)
            #expect(stored["thumbnail_bytes"] as? Int == Self.jpeg.count)
            let facet = try #require((stored["facets"] as? [[String: Any]])?.first)
            #expect(facet["text"] as? String == link)
            #expect(facet["byte_start"] as? Int == text.utf8.count - link.utf8.count)
            let rkey = try #require(uri.split(separator: "/").last)
            #expect(stored["url"] as? String == "https://bsky.app/profile/\(Self.ada)/post/\(rkey)")
            #expect(try await sandbox.get("bsky.app/profile/ada.bsky.social/post/\(rkey)").status == 200)

            let record = try await sandbox.get(
                "morel.us-east.host.bsky.network/xrpc/com.atproto.repo.getRecord"
                    + sandbox.query([("repo", Self.ada), ("collection", "app.bsky.feed.post"), ("rkey", String(rkey))]))
            #expect(record.status == 200)
            let value = try #require(record.json["value"])
            let recordProblems = try LexiconValidator.recordProblems(value, nsid: "app.bsky.feed.post")
            #expect(recordProblems.isEmpty, "\(recordProblems)")

            // Refresh rotates: the old refresh token and the old access token stop working.
            let rotated = try await client.serverPost(
                found.endpoint("token_endpoint"), issuer: found.issuer, [("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(rotated.status == 200, "\(rotated.body)")
            let newAccess = try #require(rotated.json["access_token"] as? String)
            let newRefresh = try #require(rotated.json["refresh_token"] as? String)
            #expect(newRefresh != refresh)
            let old = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: access)
            #expect(old.status == 400 && old.json["error"] as? String == "ExpiredToken")
            let fresh = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: newAccess)
            #expect(fresh.status == 200)

            // Revocation ends the session: the token no longer works.
            let revoked = try await client.sandbox.postForm(
                client.relative(found.endpoint("revocation_endpoint")), [("token", newRefresh)] + client.assertion(audience: found.issuer))
            #expect(revoked.status == 200)
            let after = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: newAccess)
            #expect(after.status == 400 && after.json["error"] as? String == "ExpiredToken")
            let again = try await client.serverPost(
                found.endpoint("token_endpoint"), issuer: found.issuer, [("grant_type", "refresh_token"), ("refresh_token", newRefresh)])
            #expect(again.status == 400 && again.json["error"] as? String == "invalid_grant")
        }
    }

    /// Connects Ada and answers the PDS URL and an access token (nonce already known for the PDS).
    static func connected(
        _ client: inout BlueskyTestClient, scope: String = "atproto transition:generic"
    ) async throws -> (pds: String, access: String) {
        let found = try await client.discover("ada.bsky.social")
        let code = try await client.authorize(found, scope: scope)
        let token = try await client.exchange(found, code: code)
        let access = try #require(token.json["access_token"] as? String)
        let check = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: access)
        #expect(check.status == 200)
        return (found.pds, access)
    }

    @Test("a DPoP proof replayed, signed for another URL, with a wrong nonce or another key is refused")
    func dpopRefusals() async throws {
        try await withBlueskySandbox { client in
            var client = client
            let sandbox = client.sandbox
            let (pds, access) = try await Self.connected(&client)
            let url = pds + "/xrpc/com.atproto.server.getSession"
            let path = client.relative(url)
            // Replay: the same proof twice.
            let proof = try client.proof("GET", url, accessToken: access)
            let first = try await sandbox.get(path, headers: [("Authorization", "DPoP \(access)"), ("DPoP", proof)])
            #expect(first.status == 200)
            let replay = try await sandbox.get(path, headers: [("Authorization", "DPoP \(access)"), ("DPoP", proof)])
            #expect(replay.status == 401)
            #expect(replay.header("WWW-Authenticate")?.contains("invalid_dpop_proof") == true)
            // Wrong htu.
            let elsewhere = try client.proof("GET", pds + "/xrpc/app.bsky.actor.getProfile", accessToken: access)
            let wrongURL = try await sandbox.get(path, headers: [("Authorization", "DPoP \(access)"), ("DPoP", elsewhere)])
            #expect(wrongURL.status == 401 && wrongURL.json["message"] as? String == "DPoP htu mismatch")
            // Wrong nonce.
            let stale = try client.proof("GET", url, accessToken: access, nonce: "not-a-nonce")
            let wrongNonce = try await sandbox.get(path, headers: [("Authorization", "DPoP \(access)"), ("DPoP", stale)])
            #expect(wrongNonce.status == 401)
            #expect(wrongNonce.header("WWW-Authenticate")?.contains("use_dpop_nonce") == true)
            #expect(wrongNonce.header("DPoP-Nonce") != nil)
            // Another key.
            let other = try client.proof("GET", url, accessToken: access, key: P256.Signing.PrivateKey())
            let wrongKey = try await sandbox.get(path, headers: [("Authorization", "DPoP \(access)"), ("DPoP", other)])
            #expect(wrongKey.status == 401 && wrongKey.header("WWW-Authenticate")?.contains("invalid_token") == true)
            // Missing ath, and the token as a Bearer.
            let noAth = try client.proof("GET", url)
            #expect(try await sandbox.get(path, headers: [("Authorization", "DPoP \(access)"), ("DPoP", noAth)]).status == 401)
            let bearer = try await sandbox.get(path, headers: [("Authorization", "Bearer \(access)")])
            #expect(bearer.status == 401)
        }
    }

    @Test("the authorization server refuses a missing PKCE challenge, a wrong verifier, a wrong nonce, a wrong htu and another DPoP key")
    func serverRefusals() async throws {
        try await withBlueskySandbox { client in
            var client = client
            let found = try await client.discover("ada.bsky.social")
            let par = found.endpoint("pushed_authorization_request_endpoint")
            let noPKCE = try await client.serverPost(par, issuer: found.issuer, BlueskyTestClient.parForm(challenge: nil))
            #expect(noPKCE.status == 400 && noPKCE.json["error"] as? String == "invalid_request")
            #expect((noPKCE.json["error_description"] as? String)?.contains("PKCE") == true)
            let plain = try await client.serverPost(
                par, issuer: found.issuer,
                [
                    ("response_type", "code"), ("redirect_uri", BlueskyTestClient.redirect), ("scope", "atproto"), ("state", "s"),
                    ("code_challenge", BlueskyTestClient.verifier), ("code_challenge_method", "plain"),
                ])
            #expect(plain.status == 400)
            let badRedirect = try await client.serverPost(
                par, issuer: found.issuer, BlueskyTestClient.parForm().map { $0.0 == "redirect_uri" ? ($0.0, "https://evil.example/cb") : $0 })
            #expect(badRedirect.status == 400)

            // A wrong nonce at the token endpoint.
            let token = found.endpoint("token_endpoint")
            let stale = try await client.sandbox.postForm(
                client.relative(token), [("grant_type", "refresh_token"), ("refresh_token", "x")] + client.assertion(audience: found.issuer),
                headers: [("DPoP", try client.proof("POST", token, nonce: "bogus"))])
            #expect(stale.status == 400 && stale.json["error"] as? String == "use_dpop_nonce")
            // A proof for another URL.
            let wrongURL = try await client.sandbox.postForm(
                client.relative(token), [("grant_type", "refresh_token"), ("refresh_token", "x")] + client.assertion(audience: found.issuer),
                headers: [("DPoP", try client.proof("POST", par))])
            #expect(wrongURL.status == 400 && wrongURL.json["error"] as? String == "invalid_dpop_proof")
            // The code with a wrong verifier, then with another DPoP key than the PAR's.
            let code = try await client.authorize(found)
            let wrongVerifier = try await client.exchange(found, code: code, verifier: String(repeating: "w", count: 43))
            #expect(wrongVerifier.status == 400 && wrongVerifier.json["error"] as? String == "invalid_grant")
            let second = try await client.authorize(found)
            client.dpopKey = P256.Signing.PrivateKey()
            let otherKey = try await client.exchange(found, code: second)
            #expect(otherKey.status == 400 && otherKey.json["error_description"] as? String == "DPoP key mismatch")
            // A replayed client assertion.
            let assertion = try client.assertion(audience: found.issuer)
            let once = try await client.sandbox.postForm(
                client.relative(par), BlueskyTestClient.parForm() + assertion, headers: [("DPoP", try client.proof("POST", par))])
            #expect(once.status == 201)
            let twice = try await client.sandbox.postForm(
                client.relative(par), BlueskyTestClient.parForm() + assertion, headers: [("DPoP", try client.proof("POST", par))])
            #expect(twice.status == 401 && twice.json["error"] as? String == "invalid_client")
        }
    }

    @Test("client metadata must be fetchable and strict: dpop_bound_access_tokens, https redirect URIs, private_key_jwt")
    func clientMetadata() async throws {
        try await withBlueskySandbox(change: { $0["dpop_bound_access_tokens"] = false }) { client in
            var client = client
            let found = try await client.discover("ada.bsky.social")
            let par = try await client.serverPost(
                found.endpoint("pushed_authorization_request_endpoint"), issuer: found.issuer, BlueskyTestClient.parForm())
            #expect(par.status == 400 && par.json["error"] as? String == "invalid_client_metadata")
        }
        try await withBlueskySandbox(change: { $0["redirect_uris"] = ["http://127.0.0.1:8080/social/callback/bluesky/"] }) { client in
            var client = client
            let found = try await client.discover("ada.bsky.social")
            let par = try await client.serverPost(
                found.endpoint("pushed_authorization_request_endpoint"), issuer: found.issuer, BlueskyTestClient.parForm())
            #expect(par.status == 400 && par.json["error"] as? String == "invalid_client_metadata")
        }
        // An origin the sandbox was not told about is never fetched.
        try await withSandbox { sandbox in
            var client = BlueskyTestClient(sandbox: sandbox)
            let found = try await client.discover("ada.bsky.social")
            let par = try await client.serverPost(
                found.endpoint("pushed_authorization_request_endpoint"), issuer: found.issuer, BlueskyTestClient.parForm())
            #expect(par.status == 400 && par.json["error"] as? String == "invalid_client_metadata")
        }
    }

    @Test("posting rules: blob size and type, 300 graphemes and 3,000 bytes, facets on the link text, langs, granular scopes")
    func postingRefusals() async throws {
        try await withBlueskySandbox { client in
            var client = client
            let (pds, access) = try await Self.connected(&client)
            let link = "https://rose.example/p/1"
            func create(_ body: Data) async throws -> SandboxClient.Reply {
                try await client.xrpc("POST", "com.atproto.repo.createRecord", pds: pds, token: access, body: body)
            }
            // Over the upload limit: 413.
            let huge = Self.jpeg + Data(repeating: 1, count: 5 * 1024 * 1024)
            let tooBig = try await client.xrpc("POST", "com.atproto.repo.uploadBlob", pds: pds, token: access, body: huge, contentType: "image/jpeg")
            #expect(tooBig.status == 413 && tooBig.json["error"] as? String == "PayloadTooLarge")
            // Uploaded, but over the thumb's 1,000,000 bytes: refused at createRecord.
            let big = Self.jpeg + Data(repeating: 1, count: 1_000_000)
            let bigUpload = try await client.xrpc(
                "POST", "com.atproto.repo.uploadBlob", pds: pds, token: access, body: big, contentType: "image/jpeg")
            #expect(bigUpload.status == 200)
            let bigBlob = try #require(bigUpload.json["blob"] as? [String: Any])
            let blobTooLarge = try await create(Self.post("Read \(link)", link: link, blob: bigBlob))
            #expect(blobTooLarge.status == 400 && blobTooLarge.json["error"] as? String == "BlobTooLarge")
            #expect((blobTooLarge.json["message"] as? String)?.hasSuffix("the maximum size is 976.56KB.") == true)
            // Not an image: refused as a thumb.
            let textUpload = try await client.xrpc(
                "POST", "com.atproto.repo.uploadBlob", pds: pds, token: access, body: Data("hello".utf8), contentType: "text/plain")
            let textBlob = try #require(textUpload.json["blob"] as? [String: Any])
            let wrongType = try await create(Self.post("Read \(link)", link: link, blob: textBlob))
            #expect(wrongType.status == 400 && wrongType.json["error"] as? String == "InvalidMimeType")
            // A ref whose size does not match the stored blob.
            let small = try await client.xrpc(
                "POST", "com.atproto.repo.uploadBlob", pds: pds, token: access, body: Self.jpeg, contentType: "image/jpeg")
            var lying = try #require(small.json["blob"] as? [String: Any])
            lying["size"] = 12
            let mismatch = try await create(Self.post("Read \(link)", link: link, blob: lying))
            #expect(mismatch.json["error"] as? String == "InvalidSize")
            // 301 graphemes; 300 graphemes but more than 3,000 bytes; exactly 300 graphemes passes.
            let family = "👩‍👩‍👧‍👧"
            let long = try await create(Self.post(String(repeating: "é", count: 301 - link.count - 1) + " " + link, link: link, blob: nil))
            #expect(long.status == 400 && (long.json["message"] as? String)?.contains("300 graphemes") == true)
            let heavy = try await create(Self.post(String(repeating: family, count: 250) + " " + link, link: link, blob: nil))
            #expect(heavy.status == 400 && heavy.json["error"] as? String == "InvalidRequest")
            let exact = try await create(Self.post(String(repeating: family, count: 300 - link.count - 1) + " " + link, link: link, blob: nil))
            #expect(exact.status == 400, "300 graphemes of 25-byte families exceed 3,000 bytes")
            let fits = try await create(Self.post(String(repeating: "é", count: 300 - link.count - 1) + " " + link, link: link, blob: nil))
            #expect(fits.status == 200, "\(fits.body)")
            // Facets: character offsets instead of bytes, one byte short, past the end.
            let text = "Café ☕️ \(link)"
            let characterStart = text.count - link.count
            let byCharacters = try await create(
                Self.post(text, link: link, blob: nil, byteStart: characterStart, byteEnd: characterStart + link.utf8.count))
            #expect(byCharacters.status == 400 && byCharacters.json["error"] as? String == "InvalidRequest")
            let short = try await create(Self.post(text, link: link, blob: nil, byteEnd: text.utf8.count - 1))
            #expect(short.status == 400 && (short.json["message"] as? String)?.contains("does not cover its link text") == true)
            let past = try await create(Self.post(text, link: link, blob: nil, byteEnd: text.utf8.count + 1))
            #expect(past.status == 400)
            // A shortened display text covered exactly is fine.
            let shown = "rose.example/p/1"
            let display = try await create(Self.post("Read \(shown)", link: link, blob: nil, byteStart: 5, byteEnd: 5 + shown.utf8.count))
            #expect(display.status == 200, "\(display.body)")
        }
    }

    @Test("granular scopes: repo and blob permissions are enforced for OAuth sessions")
    func granularScopes() async throws {
        try await withBlueskySandbox { client in
            var client = client
            let (pds, access) = try await Self.connected(&client, scope: "atproto blob:image/*")
            let upload = try await client.xrpc(
                "POST", "com.atproto.repo.uploadBlob", pds: pds, token: access, body: Data("x".utf8), contentType: "text/plain")
            #expect(upload.status == 403 && upload.json["error"] as? String == "ScopeMissingError")
            let image = try await client.xrpc(
                "POST", "com.atproto.repo.uploadBlob", pds: pds, token: access, body: Self.jpeg, contentType: "image/jpeg")
            #expect(image.status == 200)
            let link = "https://rose.example/p/1"
            let post = try await client.xrpc(
                "POST", "com.atproto.repo.createRecord", pds: pds, token: access, body: Self.post("Read \(link)", link: link, blob: nil))
            #expect(post.status == 403)
        }
    }

    @Test("the access token expires after 60 minutes: 400 ExpiredToken")
    func accessLifetime() async throws {
        try await withBlueskySandbox { client in
            var client = client
            let (pds, access) = try await Self.connected(&client)
            try await client.sandbox.advanceClock(3601)
            client.clockOffset = 3601
            let expired = try await client.xrpc("GET", "com.atproto.server.getSession", pds: pds, token: access)
            #expect(expired.status == 400 && expired.json["error"] as? String == "ExpiredToken")
            #expect(expired.json["message"] as? String == "Token has expired")
        }
    }
}
