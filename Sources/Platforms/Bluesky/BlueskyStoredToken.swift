import Crypto
import Foundation
import SocialCore

/// What this client keeps in a connection's encrypted `accessToken` and `refreshToken` fields
/// (both are secrets, encrypted at rest; `extraData` is plain JSON and holds no secret). Only this
/// client reads the format:
///
///     bsky1 dpop <base64url P-256 private scalar> <token>   — OAuth, DPoP-bound to that key
///     bsky1 bearer <token>                                  — app-password session (Bearer)
///
/// Fields are separated by single spaces, which no OAuth token or JWT contains (RFC 6750 `b64token`).
/// The DPoP key is the connection's own: the tokens are bound to it, so refresh and every PDS
/// call must sign with it (docs/platforms/bluesky.md, "DPoP keys").
enum BlueskyStoredToken: Sendable {
    case dpop(key: P256.Signing.PrivateKey, token: String)
    case bearer(String)

    static let version = "bsky1"

    var encoded: String {
        switch self {
        case .dpop(let key, let token): "\(Self.version) dpop \(key.rawRepresentation.base64URLEncodedString()) \(token)"
        case .bearer(let token): "\(Self.version) bearer \(token)"
        }
    }

    /// The raw token.
    var token: String {
        switch self {
        case .dpop(_, let token), .bearer(let token): token
        }
    }

    init?(encoded text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.first == Substring(Self.version) else { return nil }
        switch parts.count {
        case 4 where parts[1] == "dpop":
            guard let raw = Data(base64URLEncoded: String(parts[2])), raw.count == 32,
                let key = try? P256.Signing.PrivateKey(rawRepresentation: raw), !parts[3].isEmpty
            else { return nil }
            self = .dpop(key: key, token: String(parts[3]))
        case 3 where parts[1] == "bearer" && !parts[2].isEmpty:
            self = .bearer(String(parts[2]))
        default:
            return nil
        }
    }

    /// A token from a server, kept only when it is a plausible single token (no spaces or
    /// control characters, at most 8 KiB), so the encoding above stays unambiguous.
    static func plausible(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.count <= 8192 && token.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
    }
}
