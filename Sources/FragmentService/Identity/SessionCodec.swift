import Crypto
import Foundation
import SocialCore

/// The session cookie: `id "." base64url(HMAC-SHA256(key, id))` where `id` is 32 random bytes
/// (base64url). Nothing else is inside: who is signed in lives in the session store, under
/// `hash(id)`. The MAC lets forged or garbled cookies be dropped without a database query. The
/// CSRF token is another MAC of the id, so it changes with every new session.
struct SessionCodec: Sendable {
    static let cookieName = "social_session"
    private let cookieKey: SymmetricKey
    private let csrfKey: SymmetricKey

    init(secret: String) {
        // Purpose-bound keys, so one secret never serves as two MACs.
        let root = SymmetricKey(data: Data(secret.utf8))
        cookieKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("session-cookie".utf8), using: root))
        csrfKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("session-csrf".utf8), using: root))
    }

    /// A session with a new random id for `userID` (nil for a visitor).
    func newSession(userID: String? = nil) -> Session {
        let id = RandomToken.make(bytes: 32)
        return Session(id: id, userID: userID, csrf: csrfToken(for: id))
    }

    /// The session a valid cookie names, before the store says who (if anyone) is signed in.
    func session(fromCookie value: String) -> Session? {
        decode(value).map { Session(id: $0, userID: nil, csrf: csrfToken(for: $0)) }
    }

    func encode(_ id: String) -> String {
        id + "." + Data(HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: cookieKey)).base64URLEncodedString()
    }

    /// The session id, or nil when the value is malformed or forged.
    func decode(_ value: String) -> String? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].count), let mac = Data(base64URLEncoded: String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(parts[0].utf8), using: cookieKey)
        else { return nil }
        return String(parts[0])
    }

    func csrfToken(for id: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: csrfKey)).base64URLEncodedString()
    }

    /// What the store keeps instead of the id.
    static func hash(_ id: String) -> [UInt8] { Array(SHA256.hash(data: Data(id.utf8))) }
}
