import Crypto
import Foundation
import SocialCore

/// Turns a `Session` into a tamper-proof cookie value and back:
/// `base64url(json) "." base64url(HMAC-SHA256(secret, json))`. Nothing secret is inside; the
/// MAC stops forgery, and the expiry inside stops an old copied cookie from living forever.
struct SessionCodec: Sendable {
    static let cookieName = "social_session"
    private let key: SymmetricKey

    init(secret: String) {
        // Derive a purpose-bound key so the same secret cannot be reused as another MAC elsewhere.
        key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("session-cookie".utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    func encode(_ session: Session) -> String {
        let json = try! JSONEncoder().encode(session)
        let mac = Data(HMAC<SHA256>.authenticationCode(for: json, using: key))
        return json.base64URLEncodedString() + "." + mac.base64URLEncodedString()
    }

    /// The session, or nil when the value is malformed, forged or expired.
    func decode(_ value: String, now: Date = Date()) -> Session? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let json = Data(base64URLEncoded: String(parts[0])),
            let mac = Data(base64URLEncoded: String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: json, using: key),
            let session = try? JSONDecoder().decode(Session.self, from: json),
            TimeInterval(session.expires) > now.timeIntervalSince1970
        else { return nil }
        return session
    }
}
