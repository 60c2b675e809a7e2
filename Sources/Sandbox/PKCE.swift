import Crypto
import Foundation

/// PKCE verification (RFC 7636 §4.6).
enum PKCE {
    /// Whether `verifier` matches `challenge` under `method` (`S256` or `plain`).
    static func verify(verifier: String, challenge: String, method: String) -> Bool {
        // RFC 7636 §4.1: 43–128 unreserved characters.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        guard (43...128).contains(verifier.count), verifier.unicodeScalars.allSatisfy(allowed.contains) else { return false }
        switch method {
        case "S256":
            let digest = SHA256.hash(data: Data(verifier.utf8))
            return constantTimeEqual(Data(digest).base64URLEncoded, challenge)
        case "plain":
            return constantTimeEqual(verifier, challenge)
        default:
            return false
        }
    }

    /// The S256 challenge for a verifier (used by tests acting as clients).
    static func s256(_ verifier: String) -> String { Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded }

    /// Compares two strings without an early exit.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
