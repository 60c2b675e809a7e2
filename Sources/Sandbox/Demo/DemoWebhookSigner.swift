import Crypto
import Foundation

/// Signs publish webhooks as the service's README asks:
/// `X-Rose-Ash-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.
/// Written from the README, not shared with the service's verifier.
enum DemoWebhookSigner {
    static func signature(body: [UInt8], timestamp: Int, secret: String) -> String {
        let message = Array("\(timestamp).".utf8) + body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256="
            + mac.map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
    }
}
