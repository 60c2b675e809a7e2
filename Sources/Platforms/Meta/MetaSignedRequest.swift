import Crypto
import Foundation
import SocialCore

/// A verified `signed_request`, as Meta posts it to an app's deauthorize and data-deletion callbacks
/// (docs/platforms/facebook.md, "Callbacks"): `base64url(signature) "." base64url(JSON payload)`,
/// the signature being HMAC-SHA256 of the payload part as received, under the app secret.
package struct MetaSignedRequest: Sendable, Equatable {
    /// The longest `signed_request` read at all. Meta's payloads are a few hundred characters; a
    /// payload with a page's `user` object stays far below this.
    package static let maximumLength = 4096
    /// How old `issued_at` may be (docs/platforms/facebook.md, "Callbacks"): Meta calls the callback when the
    /// person acts, so an hour is generous, and it bounds how long a captured request can be replayed.
    package static let maximumAge: TimeInterval = 3600
    /// How far in the future `issued_at` may be: clock differences between Meta and us.
    package static let maximumSkew: TimeInterval = 300

    /// The app-scoped id of the person (`user_id`), digits only.
    package var userID: String
    /// When Meta signed the request.
    package var issuedAt: Date

    /// Verifies `text` with `appSecret` at `now`: size, shape, signature (constant time, before
    /// anything in the payload is read), then algorithm, `issued_at` and `user_id`.
    package static func verify(_ text: String, appSecret: String, now: Date = Date()) throws(MetaSignedRequestError) -> MetaSignedRequest {
        guard !text.isEmpty else { throw MetaSignedRequestError(.missing) }
        guard text.utf8.count <= maximumLength else { throw MetaSignedRequestError(.tooLarge) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let signature = decode(parts[0]), signature.count == SHA256.byteCount, let payload = decode(parts[1])
        else { throw MetaSignedRequestError(.malformed) }
        // The MAC covers the payload's base64url text as received, not the decoded JSON.
        guard
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data(parts[1].utf8), using: SymmetricKey(data: Data(appSecret.utf8)))
        else { throw MetaSignedRequestError(.badSignature) }

        guard let fields = try? JSONDecoder().decode(Fields.self, from: payload) else { throw MetaSignedRequestError(.unreadablePayload) }
        // Exactly `HMAC-SHA256`, as the contract writes it; no other algorithm is defined.
        guard fields.algorithm == "HMAC-SHA256" else { throw MetaSignedRequestError(.wrongAlgorithm) }
        guard let issuedAt = fields.issuedAt else { throw MetaSignedRequestError(.missingIssuedAt) }
        let age = now.timeIntervalSince(issuedAt)
        guard age <= maximumAge else { throw MetaSignedRequestError(.stale) }
        guard age >= -maximumSkew else { throw MetaSignedRequestError(.fromTheFuture) }
        guard let userID = fields.userID else { throw MetaSignedRequestError(.missingUser) }
        return MetaSignedRequest(userID: userID, issuedAt: issuedAt)
    }

    /// Base64url without padding (trailing `=` tolerated), and nothing but its alphabet.
    private static func decode(_ part: Substring) -> Data? {
        guard !part.isEmpty,
            part.utf8.allSatisfy({ byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "=")
            })
        else { return nil }
        return Data(base64URLEncoded: String(part))
    }

    /// The payload fields the callbacks use, each read on its own so that one of an unexpected
    /// type makes only that field absent (the payload may carry more, e.g. `expires`, `user`).
    private struct Fields: Decodable {
        var algorithm: String?
        var issuedAt: Date?
        var userID: String?

        enum CodingKeys: String, CodingKey { case algorithm, issuedAt = "issued_at", userID = "user_id" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            algorithm = try? container.decodeIfPresent(String.self, forKey: .algorithm)
            // A whole number of seconds since 1970, inside the dates we accept.
            issuedAt = (try? container.decodeIfPresent(Double.self, forKey: .issuedAt))
                .flatMap { BoundedNumber.int($0, in: 0...253_402_300_799) }
                .flatMap { SafeDate.unix(seconds: Double($0)) }
            // Meta sends a string of digits; a whole number is read the same way.
            let text =
                (try? container.decodeIfPresent(String.self, forKey: .userID))
                ?? (try? container.decodeIfPresent(UInt64.self, forKey: .userID)).map(String.init)
            userID = text.flatMap(Self.appScopedID)
        }

        /// Digits only, at most 64, not all zeros: `"0"` (seen on Page-installed apps,
        /// docs/platforms/facebook.md, "Callbacks") names nobody.
        static func appScopedID(_ text: String) -> String? {
            guard (1...64).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                text.utf8.contains(where: { $0 != UInt8(ascii: "0") })
            else { return nil }
            return text
        }
    }
}
