import Crypto
import Foundation

/// How content apps sign publish webhooks:
/// `X-Rose-Ash-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>` with the
/// Unix time in `X-Rose-Ash-Timestamp`. Binding the timestamp stops replays of old bodies.
enum WebhookSignature {
    static let appHeader = "X-Rose-Ash-App"
    static let timestampHeader = "X-Rose-Ash-Timestamp"
    static let signatureHeader = "X-Rose-Ash-Signature"
    /// Requests older (or further in the future) than this are refused.
    static let tolerance: TimeInterval = 300

    /// The header value a sender computes (used by the demo apps and tests).
    static func sign(body: [UInt8], timestamp: Int, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: message(body: body, timestamp: timestamp), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Checks the signature in constant time; false for anything malformed.
    static func isValid(header: String, body: [UInt8], timestamp: Int, secret: String) -> Bool {
        guard header.hasPrefix("sha256="), let mac = bytes(hex: header.dropFirst(7)), mac.count == 32 else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            mac, authenticating: message(body: body, timestamp: timestamp), using: SymmetricKey(data: Data(secret.utf8)))
    }

    private static func message(body: [UInt8], timestamp: Int) -> [UInt8] {
        Array("\(timestamp).".utf8) + body
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}
