import Crypto
import Foundation

/// Unguessable url-safe tokens for nonces, CSRF tokens, PKCE verifiers and generated secrets.
package enum RandomToken {
    /// `bytes` random bytes as unpadded url-safe base64.
    package static func make(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncodedString()
    }
}
