import Crypto
import Foundation

/// PKCE (RFC 7636) with the S256 method only: X requires PKCE and Mastodon 4.3+ accepts it
/// (docs/platforms/twitter.md "Authorize", mastodon.md "Authorization"); `plain` would expose the verifier in the authorize URL.
package enum PKCE {
    /// A fresh verifier: 32 random bytes as base64url (43 characters, inside RFC 7636's 43–128).
    package static func makeVerifier() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64URL(Data(bytes))
    }

    /// `BASE64URL(SHA256(ASCII(verifier)))`, no padding (RFC 7636 §4.2).
    package static func challenge(for verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// The method name sent as `code_challenge_method`.
    package static let method = "S256"

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
