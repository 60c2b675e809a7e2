import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

@testable import Sandbox

/// A small atproto OAuth client written for the tests from docs/platforms/bluesky.md: it signs its
/// own DPoP proofs and `private_key_jwt` assertions with P-256 keys and retries once on a nonce challenge.
struct BlueskyTestClient: Sendable {
    static let origin = "https://rose.example"
    static let clientID = origin + "/social/bluesky/client-metadata.json"
    static let jwksURI = origin + "/social/bluesky/jwks.json"
    static let redirect = origin + "/social/callback/bluesky/"
    static let verifier = String(repeating: "v3rif1er", count: 6)

    let sandbox: SandboxClient
    let clientKey = P256.Signing.PrivateKey()
    var dpopKey = P256.Signing.PrivateKey()
    /// The sandbox clock's offset from the wall clock (the tests that move it say so).
    var clockOffset: Double = 0
    /// Last nonce per host from `DPoP-Nonce`.
    var nonces: [String: String] = [:]

    // MARK: JOSE

    static func b64(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    static func jwt(header: [String: Any], claims: [String: Any], key: P256.Signing.PrivateKey) throws -> String {
        let input = b64(json(header)) + "." + b64(json(claims))
        let signature = try key.signature(for: Data(input.utf8))
        return input + "." + b64(signature.rawRepresentation)
    }

    static func jwk(_ key: P256.Signing.PublicKey, kid: String? = nil) -> [String: Any] {
        let raw = key.rawRepresentation
        var jwk: [String: Any] = ["kty": "EC", "crv": "P-256", "x": b64(raw.prefix(32)), "y": b64(raw.suffix(32))]
        if let kid { jwk["kid"] = kid }
        return jwk
    }

    var now: Int { Int(Date().timeIntervalSince1970 + clockOffset) }

    /// A DPoP proof for `method url`, with the host's nonce (unless `nonce` overrides) and `ath` for resource calls.
    func proof(
        _ method: String, _ url: String, accessToken: String? = nil, nonce: String? = nil, key: P256.Signing.PrivateKey? = nil,
        jti: String = UUID().uuidString
    ) throws -> String {
        var claims: [String: Any] = ["htm": method, "htu": url, "iat": now, "jti": jti]
        if let value = nonce ?? nonces[Self.host(of: url)] { claims["nonce"] = value }
        if let accessToken { claims["ath"] = Self.b64(Data(SHA256.hash(data: Data(accessToken.utf8)))) }
        let signer = key ?? dpopKey
        return try Self.jwt(header: ["typ": "dpop+jwt", "alg": "ES256", "jwk": Self.jwk(signer.publicKey)], claims: claims, key: signer)
    }

    /// A fresh client assertion for an issuer.
    func assertion(audience: String) throws -> [(String, String)] {
        let claims: [String: Any] = [
            "iss": Self.clientID, "sub": Self.clientID, "aud": audience, "iat": now, "exp": now + 60, "jti": UUID().uuidString,
        ]
        let jwt = try Self.jwt(header: ["alg": "ES256", "kid": "k1", "typ": "JWT"], claims: claims, key: clientKey)
        return [
            ("client_id", Self.clientID), ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", jwt),
        ]
    }

    /// The emulated host of a sandbox-addressed or real URL.
    static func host(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return "" }
        if components.scheme == "https" { return components.host ?? "" }
        return components.path.split(separator: "/").first.map(String.init) ?? ""
    }

    /// `HOST/PATH` for `SandboxClient.send`, from a sandbox-addressed or a real `https://` URL.
    func relative(_ url: String) -> String {
        if url.hasPrefix(sandbox.base + "/") { return String(url.dropFirst(sandbox.base.count + 1)) }
        if url.hasPrefix("https://") { return String(url.dropFirst(8)) }
        return url
    }

    mutating func remember(_ reply: SandboxClient.Reply, url: String) {
        if let nonce = reply.header("DPoP-Nonce") { nonces[Self.host(of: url)] = nonce }
    }

    // MARK: Flow

    struct Discovery {
        var did: String
        var pds: String
        var issuer: String
        var metadata: [String: Any]
        func endpoint(_ name: String) -> String { metadata[name] as? String ?? "" }
    }

    /// handle → DID (well-known) → DID document → PDS → protected resource → authorization server metadata.
    func discover(_ handle: String) async throws -> Discovery {
        let did = try await sandbox.get("\(handle)/.well-known/atproto-did").body
        let document =
            did.hasPrefix("did:web:")
            ? try await sandbox.get("\(did.dropFirst(8))/.well-known/did.json").json : try await sandbox.get("plc.directory/\(did)").json
        let services = try #require(document["service"] as? [[String: Any]])
        let pds = try #require(services.first { $0["id"] as? String == "#atproto_pds" }?["serviceEndpoint"] as? String)
        let resource = try await sandbox.get(relative(pds + "/.well-known/oauth-protected-resource")).json
        let issuer = try #require((resource["authorization_servers"] as? [String])?.first)
        let metadata = try await sandbox.get(relative(issuer + "/.well-known/oauth-authorization-server")).json
        #expect(metadata["issuer"] as? String == issuer)
        return Discovery(did: did, pds: pds, issuer: issuer, metadata: metadata)
    }

    /// POSTs a form to an authorization-server endpoint with a client assertion and DPoP proof;
    /// on `use_dpop_nonce` retries once with the new nonce and a new assertion.
    mutating func serverPost(
        _ url: String, issuer: String, _ form: [(String, String)], key: P256.Signing.PrivateKey? = nil
    ) async throws
        -> SandboxClient.Reply
    {
        var reply = try await sandbox.postForm(
            relative(url), form + assertion(audience: issuer), headers: [("DPoP", try proof("POST", url, key: key))])
        remember(reply, url: url)
        if reply.status == 400, reply.json["error"] as? String == "use_dpop_nonce" {
            reply = try await sandbox.postForm(
                relative(url), form + assertion(audience: issuer), headers: [("DPoP", try proof("POST", url, key: key))])
            remember(reply, url: url)
        }
        return reply
    }

    static func parForm(
        challenge: String? = PKCE.s256(verifier), scope: String = "atproto transition:generic", hint: String? = nil
    ) -> [(String, String)] {
        var form = [("response_type", "code"), ("redirect_uri", redirect), ("scope", scope), ("state", "st-1")]
        if let challenge { form += [("code_challenge", challenge), ("code_challenge_method", "S256")] }
        if let hint { form.append(("login_hint", hint)) }
        return form
    }

    /// PAR → consent (as the person, choosing `account`) → the callback's code, after checking `state` and `iss`.
    mutating func authorize(_ discovery: Discovery, scope: String = "atproto transition:generic") async throws -> String {
        let par = try await serverPost(
            discovery.endpoint("pushed_authorization_request_endpoint"), issuer: discovery.issuer, Self.parForm(scope: scope, hint: discovery.did))
        #expect(par.status == 201)
        let requestURI = try #require(par.json["request_uri"] as? String)
        let page = try await sandbox.get(
            relative(discovery.endpoint("authorization_endpoint")) + sandbox.query([("client_id", Self.clientID), ("request_uri", requestURI)]))
        #expect(page.status == 200)
        let back = try await sandbox.consent(page, account: discovery.did)
        #expect(back.status == 302)
        #expect(back.header("Location")?.hasPrefix(Self.redirect) == true)
        #expect(back.locationQuery["state"] == "st-1")
        #expect(back.locationQuery["iss"] == discovery.issuer)
        return try #require(back.locationQuery["code"])
    }

    /// The code exchanged at the token endpoint.
    mutating func exchange(_ discovery: Discovery, code: String, verifier: String = verifier) async throws -> SandboxClient.Reply {
        try await serverPost(
            discovery.endpoint("token_endpoint"), issuer: discovery.issuer,
            [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirect), ("code_verifier", verifier)])
    }

    /// An XRPC call to the PDS with `Authorization: DPoP` and a proof carrying `ath`; one retry on a nonce challenge.
    mutating func xrpc(
        _ method: String, _ nsid: String, pds: String, token: String, query: String = "", body: Data? = nil,
        contentType: String = "application/json"
    ) async throws -> SandboxClient.Reply {
        let url = pds + "/xrpc/" + nsid
        var reply = SandboxClient.Reply(status: 0, headers: [:], body: "")
        for _ in 0..<2 {
            var headers = [("Authorization", "DPoP \(token)"), ("DPoP", try proof(method, url, accessToken: token))]
            if body != nil { headers.append(("Content-Type", contentType)) }
            reply = try await sandbox.sendData(method == "GET" ? .GET : .POST, relative(url) + query, headers: headers, body: body)
            remember(reply, url: url)
            guard reply.status == 401, reply.header("WWW-Authenticate")?.contains("use_dpop_nonce") == true else { break }
        }
        return reply
    }
}

extension SandboxClient {
    /// Sends raw bytes (blobs) or nothing.
    func sendData(_ method: HTTPMethod, _ hostAndPath: String, headers: [(String, String)], body: Data?) async throws -> Reply {
        var request = HTTPClientRequest(url: url(hostAndPath))
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 4 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }
}

/// The client's metadata document and JWKS.
func blueskyClientDocuments(_ key: P256.Signing.PublicKey, change: (inout [String: Any]) -> Void = { _ in }) -> (metadata: String, jwks: String) {
    var metadata: [String: Any] = [
        "client_id": BlueskyTestClient.clientID, "application_type": "web", "client_name": "Rose Ash",
        "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
        "scope": "atproto transition:generic repo:app.bsky.feed.post?action=create blob:image/*",
        "redirect_uris": [BlueskyTestClient.redirect], "dpop_bound_access_tokens": true,
        "token_endpoint_auth_method": "private_key_jwt", "token_endpoint_auth_signing_alg": "ES256",
        "jwks_uri": BlueskyTestClient.jwksURI,
    ]
    change(&metadata)
    let jwks: [String: Any] = ["keys": [BlueskyTestClient.jwk(key, kid: "k1")]]
    return (String(decoding: BlueskyTestClient.json(metadata), as: UTF8.self), String(decoding: BlueskyTestClient.json(jwks), as: UTF8.self))
}

/// Runs a sandbox and, beside it on loopback, the client's own server for its metadata and JWKS;
/// the sandbox is told to fetch `https://rose.example/…` from there (NOTES.md "Bluesky").
func withBlueskySandbox(
    change: @escaping @Sendable (inout [String: Any]) -> Void = { _ in },
    _ body: @Sendable @escaping (BlueskyTestClient) async throws -> Void
) async throws {
    try await withSandbox { sandbox in
        let client = BlueskyTestClient(sandbox: sandbox)
        let documents = blueskyClientDocuments(client.clientKey.publicKey, change: change)
        let router = Router()
        let json: HTTPFields = [.contentType: "application/json"]
        router.get("/social/bluesky/client-metadata.json") { _, _ in
            Response(status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: documents.metadata)))
        }
        router.get("/social/bluesky/jwks.json") { _, _ in
            Response(status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: documents.jwks)))
        }
        let server = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { serverClient in
            let port = try #require(serverClient.port)
            let registered = try await sandbox.postJSON(
                "_sandbox/client_origins", #"{"origin": "\#(BlueskyTestClient.origin)", "fetch_from": "http://127.0.0.1:\#(port)"}"#)
            #expect(registered.status == 200)
            try await body(client)
        }
    }
}
