import Crypto
import Foundation
import SocialCore

/// The one request path: fixed Bluesky hosts as platform destinations, every other host (a
/// handle's, a self-hosted PDS or authorization server) as `.untrusted`; DPoP proofs with the
/// host's last nonce and one retry on a nonce challenge (docs/platforms/bluesky.md, "OAuth").
extension BlueskyPlatform {
    /// Hosts Bluesky itself runs, named in this client's configuration rather than by a person.
    static func isBlueskyHost(_ host: String) -> Bool {
        let host = host.lowercased()
        return ["bsky.social", "plc.directory", "bsky.app", "api.bsky.app"].contains(host) || host.hasSuffix(".host.bsky.network")
    }

    func requester(for url: URL) -> PlatformRequester {
        let trusted = Self.isBlueskyHost(url.host ?? "")
        return PlatformRequester(transport: transport, timeout: timeout, destination: trusted ? .platform : .untrusted) { error, request in
            let host = request.url.host ?? "the server"
            switch error.kind {
            case .blockedAddress, .invalidURL:
                return PlatformError(.invalidInstance, .bluesky, "\(host) cannot be reached from here.")
            case .bodyTooLarge:
                return PlatformError(.unexpectedResponse, .bluesky, "\(host) answered with more data than a Bluesky server sends.")
            default:
                return PlatformError(.transient, .bluesky, "Could not reach \(host): \(error.description)")
            }
        }
    }

    func send(_ request: PlatformHTTPRequest) async throws(PlatformError) -> PlatformHTTPResponse {
        try await requester(for: request.url).send(request)
    }

    func sendRaw(_ request: PlatformHTTPRequest) async throws(TransportError) -> PlatformHTTPResponse {
        try await requester(for: request.url).sendRaw(request)
    }

    /// Keeps the answer's `DPoP-Nonce` for its host.
    func remember(_ response: PlatformHTTPResponse, url: URL) async {
        if let nonce = response.header("dpop-nonce"), let host = url.host?.lowercased() { await nonces.store(nonce, for: host) }
    }

    /// A form POST to an authorization-server endpoint with the client's authentication (a fresh
    /// assertion each try) and, when `key` is given, a DPoP proof; on 400 `use_dpop_nonce` it is
    /// sent once more with the nonce just handed out — the server refused it, so nothing happened.
    func serverPost(
        _ url: URL, _ fields: [(String, String)], issuer: URL, key: P256.Signing.PrivateKey?
    ) async throws(PlatformError)
        -> PlatformHTTPResponse
    {
        var response: PlatformHTTPResponse?
        for _ in 0..<2 {
            guard let auth = client.authenticationFields(issuer: Self.text(issuer), now: Date()) else {
                throw PlatformError(.misconfigured, .bluesky, "The Bluesky client assertion could not be signed.")
            }
            var headers: [(String, String)] = []
            if let key {
                let nonce = await nonces.nonce(for: url.host?.lowercased() ?? "")
                guard let proof = BlueskyDPoP.proof(method: "POST", url: url, key: key, nonce: nonce, accessToken: nil) else {
                    throw PlatformError(.misconfigured, .bluesky, "The DPoP proof could not be signed.")
                }
                headers.append(("DPoP", proof))
            }
            let answer = try await send(.form(.POST, url, fields + auth, headers: headers))
            await remember(answer, url: url)
            response = answer
            guard key != nil, answer.status == 400, answer.decode(OAuthErrorResponse.self)?.error == "use_dpop_nonce" else { break }
        }
        guard let response else { throw PlatformError(.unexpectedResponse, .bluesky, "No answer from the authorization server.") }
        return response
    }

    /// An XRPC call to `service` (`/xrpc/{nsid}`) with the session's authorization: `DPoP` token
    /// and a proof carrying `ath` (one retry on a 401 nonce challenge), or `Bearer`.
    func xrpc(
        _ method: PlatformHTTPRequest.Method, _ nsid: String, service: URL, query: [(String, String)] = [], body: Data? = nil,
        contentType: String? = nil, token: BlueskyStoredToken?
    ) async throws(TransportError) -> PlatformHTTPResponse {
        let base = service.appending(path: "xrpc/" + nsid)
        let url = query.isEmpty ? base : FormEncoding.url(base, query)
        var last: PlatformHTTPResponse?
        for _ in 0..<2 {
            var headers: [(String, String)] = []
            if let contentType { headers.append(("Content-Type", contentType)) }
            switch token {
            case .dpop(let key, let value):
                let nonce = await nonces.nonce(for: url.host?.lowercased() ?? "")
                guard let proof = BlueskyDPoP.proof(method: method.rawValue, url: url, key: key, nonce: nonce, accessToken: value) else {
                    throw TransportError(kind: .other, mayHaveReachedServer: false, description: "the DPoP proof could not be signed")
                }
                headers += [("Authorization", "DPoP " + value), ("DPoP", proof)]
            case .bearer(let value):
                headers.append(PlatformRequester.bearer(value))
            case nil:
                break
            }
            let answer = try await sendRaw(PlatformHTTPRequest(method, url, headers: headers, body: body))
            await remember(answer, url: url)
            last = answer
            guard case .dpop = token, answer.status == 401, Self.challenge(answer) == "use_dpop_nonce" else { break }
        }
        guard let last else { throw TransportError(kind: .other, mayHaveReachedServer: false, description: "no answer") }
        return last
    }

    /// The `error` of a `WWW-Authenticate: DPoP error="…"` challenge.
    static func challenge(_ response: PlatformHTTPResponse) -> String? {
        guard let header = response.header("www-authenticate"), header.utf8.count <= 2048,
            let range = header.range(of: #"error=""#)
        else { return nil }
        let rest = header[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// An origin as text, without a trailing slash (`https://bsky.social`).
    static func text(_ origin: URL) -> String {
        var text = origin.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// `RateLimit-Reset` is Unix epoch seconds (docs/platforms/bluesky.md, "Errors").
    static func retryAfter(_ response: PlatformHTTPResponse) -> Date? {
        response.header("ratelimit-reset").flatMap { BoundedNumber.int($0, in: 0...4_102_444_800) }.flatMap { SafeDate.unix(seconds: Double($0)) }
    }
}
