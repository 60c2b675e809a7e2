import Crypto
import Foundation
import SocialCore

/// The little JOSE this client needs: ES256 compact JWTs, P-256 public JWKs and their RFC 7638
/// thumbprints (docs/platforms/bluesky.md, "OAuth": DPoP proofs and client assertions).
enum BlueskyJOSE {
    /// `{"crv","kty","x","y"}` of a P-256 public key.
    static func publicJWK(_ key: P256.Signing.PublicKey) -> [String: String] {
        let raw = key.rawRepresentation  // x ‖ y, 32 bytes each
        return ["kty": "EC", "crv": "P-256", "x": Data(raw.prefix(32)).base64URLEncodedString(), "y": Data(raw.suffix(32)).base64URLEncodedString()]
    }

    /// RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace, base64url.
    static func thumbprint(_ key: P256.Signing.PublicKey) -> String {
        let jwk = publicJWK(key)
        let canonical = #"{"crv":"P-256","kty":"EC","x":"\#(jwk["x"] ?? "")","y":"\#(jwk["y"] ?? "")"}"#
        return Data(SHA256.hash(data: Data(canonical.utf8))).base64URLEncodedString()
    }

    /// A compact JWS signed with ES256 (the raw r ‖ s signature, RFC 7518 §3.4).
    static func sign(header: [String: Any], claims: [String: Any], key: P256.Signing.PrivateKey) -> String? {
        guard let headerData = try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes]),
            let claimData = try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        let input = headerData.base64URLEncodedString() + "." + claimData.base64URLEncodedString()
        guard let signature = try? key.signature(for: Data(input.utf8)) else { return nil }
        return input + "." + signature.rawRepresentation.base64URLEncodedString()
    }

    /// A random `jti`: 16 bytes, base64url.
    static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncodedString()
    }
}
