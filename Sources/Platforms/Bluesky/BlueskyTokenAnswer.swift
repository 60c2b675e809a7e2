import Foundation
import SocialCore

/// The token endpoint's answer (docs/platforms/bluesky.md, "OAuth"): DPoP-bound tokens and `sub`.
struct BlueskyTokenAnswer: Decodable {
    var accessToken: String
    var tokenType: String
    var expiresIn: Int?
    var refreshToken: String?
    var scope: String?
    var sub: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", refreshToken = "refresh_token", scope, sub
    }

    /// Checked: a DPoP token type, plausible tokens, a DID as `sub`.
    func checked() throws(PlatformError) -> BlueskyTokenAnswer {
        guard tokenType.caseInsensitiveCompare("DPoP") == .orderedSame else {
            throw PlatformError(.unexpectedResponse, .bluesky, "The authorization server issued a token that is not DPoP-bound.")
        }
        guard BlueskyStoredToken.plausible(accessToken), refreshToken.map(BlueskyStoredToken.plausible) ?? true, BlueskyIdentifier.isDID(sub)
        else { throw PlatformError(.unexpectedResponse, .bluesky, "The authorization server's token answer is unreadable.") }
        return self
    }

    /// When the access token ends: `expires_in` between a minute and a day, else an hour (the
    /// reference server's lifetime; docs/platforms/bluesky.md, "Lifetimes").
    func expiresAt(from now: Date) -> Date? {
        SafeDate.adding(seconds: BoundedNumber.clamp(expiresIn ?? 3600, to: 60...86_400), to: now)
    }

    var scopes: [String] { (scope ?? "").split(separator: " ").map(String.init) }
}
