import Crypto
import Foundation
import Testing

@testable import Sandbox

/// The atproto localhost development client over real HTTP (docs/platforms/bluesky.md, "Localhost clients"): a
/// `client_id` of `http://localhost` whose metadata the authorization server makes up, a public client that
/// sends no assertion but still PAR, PKCE, DPoP and nonces, redirected to 127.0.0.1 on any port.
@Suite("Bluesky localhost (loopback) OAuth clients")
struct BlueskyLoopbackTests {
    static let ada = BlueskyOAuthTests.ada
    /// Where the client says it listens; the port is left out, as RFC 8252 §7.3 lets the request choose it.
    static let registeredRedirect = "http://127.0.0.1/social/callback/bluesky/"
    /// What the client asks for at PAR: the same path on the port it really listens on.
    static let redirect = "http://127.0.0.1:8080/social/callback/bluesky/"
    static let clientID = loopbackID([("redirect_uri", registeredRedirect), ("scope", "atproto transition:generic")])

    static func loopbackID(_ pairs: [(String, String)], base: String = "http://localhost") -> String {
        pairs.isEmpty ? base : base + "?" + FormCoding.encode(pairs)
    }

    static func parForm(
        clientID: String = clientID, redirect: String = redirect, challenge: String? = PKCE.s256(BlueskyTestClient.verifier),
        scope: String = "atproto transition:generic"
    ) -> [(String, String)] {
        var form = [("client_id", clientID), ("response_type", "code"), ("redirect_uri", redirect), ("scope", scope), ("state", "st-9")]
        if let challenge { form += [("code_challenge", challenge), ("code_challenge_method", "S256")] }
        form.append(("login_hint", ada))
        return form
    }

    @Test("the localhost client id forms: the bare origin and the trailing slash, defaults, and every refusal of the reference")
    func clientIDForms() throws {
        let bare = try BlueskyLoopbackClientID.client("http://localhost").get()
        #expect(bare.kind == .localhostDevelopment)
        #expect(bare.redirectURIs == ["http://127.0.0.1/", "http://[::1]/"])
        #expect(bare.scopes == ["atproto"])
        #expect(bare.keys.isEmpty)
        let slash = try BlueskyLoopbackClientID.client("http://localhost/?scope=atproto+transition%3Ageneric").get()
        #expect(slash.scopes == ["atproto", "transition:generic"])
        let two = try BlueskyLoopbackClientID.client(
            Self.loopbackID([("redirect_uri", "http://[::1]:3000/cb"), ("redirect_uri", "http://127.0.0.1/cb")])
        ).get()
        #expect(two.redirectURIs == ["http://[::1]:3000/cb", "http://127.0.0.1/cb"])
        for refused in [
            "http://localhost:8080", "http://localhost:8080/", "http://localhost/client-metadata.json", "http://localhost.example/",
            "http://localhost#top", "http://localhost?client_name=x", "http://localhost?scope=atproto&scope=atproto",
            "http://localhost?scope=transition%3Ageneric", "http://localhost?scope=atproto++transition%3Ageneric", "http://localhost?scope=",
            "http://localhost?scope=atproto%20atproto", "http://localhost?scope=atproto%20openid",
            Self.loopbackID([("redirect_uri", "http://localhost:8080/cb")]), Self.loopbackID([("redirect_uri", "https://127.0.0.1/cb")]),
            Self.loopbackID([("redirect_uri", "http://192.168.1.2/cb")]), Self.loopbackID([("redirect_uri", "http://127.0.0.1:99999/cb")]),
            Self.loopbackID([("redirect_uri", "http://user@127.0.0.1/cb")]), Self.loopbackID([("redirect_uri", "http://127.0.0.1/cb#x")]),
            Self.loopbackID([("redirect_uri", "")]),
        ] {
            #expect(throws: BlueskyLoopbackClientID.Refusal.self, "\(refused)") { try BlueskyLoopbackClientID.client(refused).get() }
        }
        #expect(!BlueskyLoopbackClientID.claims("https://localhost/client-metadata.json"))
    }

    @Test("redirect URIs match with any port, but path, query and host must be the registered ones")
    func redirectMatching() throws {
        let client = try BlueskyLoopbackClientID.client(Self.clientID).get()
        #expect(client.allowsRedirect(Self.registeredRedirect))
        #expect(client.allowsRedirect(Self.redirect))
        #expect(client.allowsRedirect("http://127.0.0.1:65535/social/callback/bluesky/"))
        #expect(!client.allowsRedirect("http://127.0.0.1:8080/social/callback/bluesky"))
        #expect(!client.allowsRedirect("http://127.0.0.1:8080/social/callback/bluesky/?x=1"))
        #expect(!client.allowsRedirect("http://[::1]:8080/social/callback/bluesky/"))
        #expect(!client.allowsRedirect("http://localhost:8080/social/callback/bluesky/"))
        #expect(!client.allowsRedirect("https://127.0.0.1:8080/social/callback/bluesky/"))
        let defaults = try BlueskyLoopbackClientID.client("http://localhost").get()
        #expect(defaults.allowsRedirect("http://127.0.0.1:8080"))
        #expect(defaults.allowsRedirect("http://[::1]:8080/"))
        #expect(!defaults.allowsRedirect("http://127.0.0.1:8080/social/callback/bluesky/"))
        // A confidential client's redirect URIs stay exact.
        let web = BlueskyClient(
            id: "https://rose.example/c.json", kind: .confidentialWeb, redirectURIs: ["https://rose.example/cb"], scopes: [], keys: [])
        #expect(web.allowsRedirect("https://rose.example/cb"))
        #expect(!web.allowsRedirect("https://rose.example:8443/cb"))
    }

    @Test("a localhost client end to end: PAR → consent → code at 127.0.0.1:8080 → token → createRecord → refresh → revoke")
    func fullFlow() async throws {
        try await withSandbox { sandbox in
            var client = BlueskyTestClient(sandbox: sandbox)
            let found = try await client.discover("ada.bsky.social")
            let par = try await client.publicPost(found.endpoint("pushed_authorization_request_endpoint"), Self.parForm())
            #expect(par.status == 201, "\(par.body)")
            let requestURI = try #require(par.json["request_uri"] as? String)
            // No client origin is registered with this sandbox: the client's metadata can only have been made up.
            let page = try await sandbox.get(
                client.relative(found.endpoint("authorization_endpoint"))
                    + sandbox.query([("client_id", Self.clientID), ("request_uri", requestURI)]))
            #expect(page.status == 200)
            #expect(page.body.contains("Development client (http://localhost)"))
            let back = try await sandbox.consent(page, account: Self.ada)
            #expect(back.status == 302)
            #expect(back.header("Location")?.hasPrefix(Self.redirect + "?") == true)
            #expect(back.locationQuery["state"] == "st-9")
            #expect(back.locationQuery["iss"] == found.issuer)
            let code = try #require(back.locationQuery["code"])

            let token = try await client.publicPost(
                found.endpoint("token_endpoint"),
                [
                    ("client_id", Self.clientID), ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect),
                    ("code_verifier", BlueskyTestClient.verifier),
                ])
            #expect(token.status == 200, "\(token.body)")
            #expect(token.json["token_type"] as? String == "DPoP")
            #expect(token.json["sub"] as? String == Self.ada)
            #expect(token.json["scope"] as? String == "atproto transition:generic")
            #expect(token.json["expires_in"] as? Int == 3600)
            let access = try #require(token.json["access_token"] as? String)
            let refresh = try #require(token.json["refresh_token"] as? String)

            let session = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: access)
            #expect(session.status == 200, "\(session.body)")
            try BlueskyOAuthTests.expectLexicon(session, "com.atproto.server.getSession")
            let link = "https://rose.example/p/7"
            let created = try await client.xrpc(
                "POST", "com.atproto.repo.createRecord", pds: found.pds, token: access,
                body: BlueskyOAuthTests.post("From a development client \(link)", link: link, blob: nil))
            #expect(created.status == 200, "\(created.body)")
            try BlueskyOAuthTests.expectLexicon(created, "com.atproto.repo.createRecord")
            #expect(try await sandbox.posts("bluesky").first?["link"] as? String == link)

            let rotated = try await client.publicPost(
                found.endpoint("token_endpoint"), [("client_id", Self.clientID), ("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(rotated.status == 200, "\(rotated.body)")
            let newAccess = try #require(rotated.json["access_token"] as? String)
            let newRefresh = try #require(rotated.json["refresh_token"] as? String)
            #expect(newRefresh != refresh)
            let old = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: access)
            #expect(old.status == 400 && old.json["error"] as? String == "ExpiredToken")
            let fresh = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: newAccess)
            #expect(fresh.status == 200)

            // Revocation needs no assertion from a public client; afterwards neither token works.
            let revoked = try await sandbox.postForm(
                client.relative(found.endpoint("revocation_endpoint")), [("client_id", Self.clientID), ("token", newRefresh)])
            #expect(revoked.status == 200, "\(revoked.body)")
            let after = try await client.xrpc("GET", "com.atproto.server.getSession", pds: found.pds, token: newAccess)
            #expect(after.status == 400 && after.json["error"] as? String == "ExpiredToken")
            let again = try await client.publicPost(
                found.endpoint("token_endpoint"), [("client_id", Self.clientID), ("grant_type", "refresh_token"), ("refresh_token", newRefresh)])
            #expect(again.status == 400 && again.json["error"] as? String == "invalid_grant")
        }
    }

    /// Connects Ada with the localhost client and answers the token response.
    static func connect(_ client: inout BlueskyTestClient, _ found: BlueskyTestClient.Discovery) async throws -> SandboxClient.Reply {
        let par = try await client.publicPost(found.endpoint("pushed_authorization_request_endpoint"), parForm())
        let requestURI = try #require(par.json["request_uri"] as? String)
        let page = try await client.sandbox.get(
            client.relative(found.endpoint("authorization_endpoint")) + client.sandbox.query([("client_id", clientID), ("request_uri", requestURI)]))
        let code = try #require(try await client.sandbox.consent(page, account: ada).locationQuery["code"])
        return try await client.publicPost(
            found.endpoint("token_endpoint"),
            [
                ("client_id", clientID), ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect),
                ("code_verifier", BlueskyTestClient.verifier),
            ])
    }

    @Test("a public client's lifetimes: refresh unused for 2 weeks expires, and the session ends 2 weeks after consent")
    func publicLifetimes() async throws {
        try await withSandbox { sandbox in
            var client = BlueskyTestClient(sandbox: sandbox)
            let found = try await client.discover("ada.bsky.social")
            let token = found.endpoint("token_endpoint")
            // Unused for 2 weeks and a second: refused.
            let idle = try #require(try await Self.connect(&client, found).json["refresh_token"] as? String)
            // Used just before the 2 weeks are over, the session still ends at 2 weeks.
            let active = try #require(try await Self.connect(&client, found).json["refresh_token"] as? String)
            let almost: Double = 14 * 86_400 - 60
            try await sandbox.advanceClock(almost)
            client.clockOffset = almost
            let renewed = try await client.publicPost(
                token, [("client_id", Self.clientID), ("grant_type", "refresh_token"), ("refresh_token", active)])
            #expect(renewed.status == 200, "\(renewed.body)")
            let successor = try #require(renewed.json["refresh_token"] as? String)
            try await sandbox.advanceClock(61)
            client.clockOffset = almost + 61
            let stale = try await client.publicPost(token, [("client_id", Self.clientID), ("grant_type", "refresh_token"), ("refresh_token", idle)])
            #expect(stale.status == 400 && stale.json["error"] as? String == "invalid_grant", "\(stale.body)")
            let ended = try await client.publicPost(
                token, [("client_id", Self.clientID), ("grant_type", "refresh_token"), ("refresh_token", successor)])
            #expect(ended.status == 400 && ended.json["error_description"] as? String == "Refresh token expired", "\(ended.body)")
        }
    }

    @Test("refused: a client id with a port, a path or https, a localhost-named or unlisted redirect URI, an assertion, no DPoP, no PKCE")
    func refusals() async throws {
        try await withSandbox { sandbox in
            var client = BlueskyTestClient(sandbox: sandbox)
            let found = try await client.discover("ada.bsky.social")
            let par = found.endpoint("pushed_authorization_request_endpoint")
            func refusedMetadata(_ clientID: String, redirect: String = Self.redirect) async throws -> SandboxClient.Reply {
                let reply = try await client.publicPost(par, Self.parForm(clientID: clientID, redirect: redirect))
                #expect(reply.status == 400, "\(clientID): \(reply.body)")
                return reply
            }
            // Client ids: a port, a path, https on localhost, a plain http id elsewhere.
            for clientID in ["http://localhost:8080/", "http://localhost:8080", "http://localhost/client-metadata.json", "http://127.0.0.1/"] {
                let reply = try await refusedMetadata(clientID)
                #expect(reply.json["error"] as? String == "invalid_client_metadata", "\(clientID)")
            }
            let https = try await refusedMetadata("https://localhost/client-metadata.json")
            #expect(https.json["error"] as? String == "invalid_client_id")
            // A redirect URI on the name localhost, in the client id or at PAR.
            let named = try await refusedMetadata(
                Self.loopbackID([("redirect_uri", "http://localhost:8080/social/callback/bluesky/")]),
                redirect: "http://localhost:8080/social/callback/bluesky/")
            #expect((named.json["error_description"] as? String)?.contains("localhost") == true)
            let namedAtPAR = try await client.publicPost(par, Self.parForm(redirect: "http://localhost:8080/social/callback/bluesky/"))
            #expect(namedAtPAR.status == 400 && namedAtPAR.json["error"] as? String == "invalid_request")
            // A redirect URI the client id does not list (another path; the defaults when the id lists none).
            let unlisted = try await client.publicPost(par, Self.parForm(redirect: "http://127.0.0.1:8080/elsewhere/"))
            #expect(unlisted.status == 400 && unlisted.json["error"] as? String == "invalid_request")
            let notDefault = try await client.publicPost(par, Self.parForm(clientID: "http://localhost", scope: "atproto"))
            #expect(notDefault.status == 400 && notDefault.json["error"] as? String == "invalid_request")
            // A scope the id does not declare.
            let undeclared = try await client.publicPost(par, Self.parForm(clientID: "http://localhost", redirect: "http://127.0.0.1:8080/"))
            #expect(undeclared.status == 400 && undeclared.json["error"] as? String == "invalid_scope")
            // A client assertion (or its type alone) from a public client.
            let key = P256.Signing.PrivateKey()
            let assertion = try BlueskyTestClient.jwt(
                header: ["alg": "ES256", "kid": "k1", "typ": "JWT"],
                claims: ["iss": Self.clientID, "sub": Self.clientID, "aud": found.issuer, "iat": client.now, "jti": UUID().uuidString], key: key)
            let asserted = try await client.publicPost(
                par,
                Self.parForm() + [
                    ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", assertion),
                ])
            #expect(asserted.status == 401 && asserted.json["error"] as? String == "invalid_client", "\(asserted.body)")
            let typeOnly = try await client.publicPost(
                par, Self.parForm() + [("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")])
            #expect(typeOnly.status == 401 && typeOnly.json["error"] as? String == "invalid_client")
            // No DPoP proof, at PAR and at the token endpoint.
            let noProof = try await sandbox.postForm(client.relative(par), Self.parForm())
            #expect(noProof.status == 400 && noProof.json["error"] as? String == "invalid_dpop_proof")
            let token = found.endpoint("token_endpoint")
            let noProofToken = try await sandbox.postForm(
                client.relative(token), [("client_id", Self.clientID), ("grant_type", "refresh_token"), ("refresh_token", "ref-x")])
            #expect(noProofToken.status == 400 && noProofToken.json["error"] as? String == "invalid_dpop_proof")
            // No PKCE challenge; then a code exchanged without its verifier.
            let noPKCE = try await client.publicPost(par, Self.parForm(challenge: nil))
            #expect(noPKCE.status == 400 && (noPKCE.json["error_description"] as? String)?.contains("PKCE") == true)
            let accepted = try await client.publicPost(par, Self.parForm())
            let requestURI = try #require(accepted.json["request_uri"] as? String)
            let page = try await sandbox.get(
                client.relative(found.endpoint("authorization_endpoint"))
                    + sandbox.query([("client_id", Self.clientID), ("request_uri", requestURI)]))
            let code = try #require(try await sandbox.consent(page, account: Self.ada).locationQuery["code"])
            let noVerifier = try await client.publicPost(
                token, [("client_id", Self.clientID), ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect)])
            #expect(noVerifier.status == 400 && noVerifier.json["error"] as? String == "invalid_grant")
        }
    }

    @Test("at the token endpoint the redirect URI must be the PAR's exactly: another port is refused")
    func tokenRedirectExact() async throws {
        try await withSandbox { sandbox in
            var client = BlueskyTestClient(sandbox: sandbox)
            let found = try await client.discover("ada.bsky.social")
            let par = try await client.publicPost(found.endpoint("pushed_authorization_request_endpoint"), Self.parForm())
            let requestURI = try #require(par.json["request_uri"] as? String)
            let page = try await sandbox.get(
                client.relative(found.endpoint("authorization_endpoint"))
                    + sandbox.query([("client_id", Self.clientID), ("request_uri", requestURI)]))
            let code = try #require(try await sandbox.consent(page, account: Self.ada).locationQuery["code"])
            let otherPort = try await client.publicPost(
                found.endpoint("token_endpoint"),
                [
                    ("client_id", Self.clientID), ("grant_type", "authorization_code"), ("code", code),
                    ("redirect_uri", "http://127.0.0.1:9090/social/callback/bluesky/"), ("code_verifier", BlueskyTestClient.verifier),
                ])
            #expect(otherPort.status == 400 && otherPort.json["error"] as? String == "invalid_grant")
        }
    }
}

extension BlueskyTestClient {
    /// POSTs a form to an authorization-server endpoint as a public client: a DPoP proof and no client
    /// authentication; on `use_dpop_nonce` retries once with the new nonce.
    mutating func publicPost(_ url: String, _ form: [(String, String)]) async throws -> SandboxClient.Reply {
        var reply = try await sandbox.postForm(relative(url), form, headers: [("DPoP", try proof("POST", url))])
        remember(reply, url: url)
        if reply.status == 400, reply.json["error"] as? String == "use_dpop_nonce" {
            reply = try await sandbox.postForm(relative(url), form, headers: [("DPoP", try proof("POST", url))])
            remember(reply, url: url)
        }
        return reply
    }
}
