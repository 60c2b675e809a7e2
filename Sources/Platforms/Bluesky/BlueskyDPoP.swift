import Crypto
import Foundation
import SocialCore

/// DPoP (RFC 9449) for this client (docs/platforms/bluesky.md, "OAuth" and "DPoP keys").
enum BlueskyDPoP {
    /// The per-authorization DPoP key, derived rather than stored: PAR and the token request must
    /// use one key, and between them the service keeps only the (encrypted) PKCE verifier. HKDF-SHA256
    /// over the verifier, salted in confidential mode with the client's private key — the verifier
    /// itself reaches the authorization server in the token request, the salt never leaves this
    /// service, so nobody else can compute the key. A counter in `info` moves past the (very rare)
    /// 32-byte values that are not a valid P-256 scalar.
    static func derivedKey(verifier: String, client: BlueskyClient) -> P256.Signing.PrivateKey? {
        var salt = Data("rose-ash bluesky dpop salt v1".utf8)
        if case .confidential(let key) = client.mode { salt.append(key.privateKey.rawRepresentation) }
        for counter in 0..<16 {
            let derived = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: Data(verifier.utf8)), salt: salt, info: Data("rose-ash bluesky dpop key v1 \(counter)".utf8),
                outputByteCount: 32)
            let raw = derived.withUnsafeBytes { Data($0) }
            if let key = try? P256.Signing.PrivateKey(rawRepresentation: raw) { return key }
        }
        return nil
    }

    /// `htu`: the URL without query and fragment.
    static func htu(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
        components.query = nil
        components.fragment = nil
        return components.string ?? url.absoluteString
    }

    /// A proof for one request; `accessToken` adds `ath` (resource calls).
    static func proof(
        method: String, url: URL, key: P256.Signing.PrivateKey, nonce: String?, accessToken: String?, now: Date = Date()
    )
        -> String?
    {
        var claims: [String: Any] = ["jti": BlueskyJOSE.randomID(), "htm": method, "htu": htu(url), "iat": Int(now.timeIntervalSince1970)]
        if let nonce { claims["nonce"] = nonce }
        if let accessToken { claims["ath"] = Data(SHA256.hash(data: Data(accessToken.utf8))).base64URLEncodedString() }
        return BlueskyJOSE.sign(header: ["typ": "dpop+jwt", "alg": "ES256", "jwk": BlueskyJOSE.publicJWK(key.publicKey)], claims: claims, key: key)
    }
}
