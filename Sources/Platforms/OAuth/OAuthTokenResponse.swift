import Foundation
import SocialCore

/// A successful token-endpoint answer (RFC 6749 §5.1), liberal in what it accepts: `expires_in`
/// may be a number or a string, every field but `access_token` may be missing (Mastodon sends no
/// `expires_in`/`refresh_token`, docs/platforms/mastodon.md "Token"; LinkedIn joins scopes with commas, linkedin.md "Token endpoint").
package struct OAuthTokenResponse: Decodable, Sendable {
    package var accessToken: String
    package var tokenType: String?
    package var expiresIn: Int?
    package var refreshToken: String?
    package var scope: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
        case refreshToken = "refresh_token", scope
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try c.decode(String.self, forKey: .accessToken)
        tokenType = try c.decodeIfPresent(String.self, forKey: .tokenType)
        if let number = try? c.decodeIfPresent(Int.self, forKey: .expiresIn) {
            expiresIn = number
        } else {
            expiresIn = (try? c.decodeIfPresent(String.self, forKey: .expiresIn)).flatMap { Int($0) }
        }
        refreshToken = try c.decodeIfPresent(String.self, forKey: .refreshToken)
        scope = try c.decodeIfPresent(String.self, forKey: .scope)
    }

    /// Granted scopes split on spaces, commas or `+`.
    package var scopes: [String] {
        (scope ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "+" }).map(String.init)
    }

    /// When the access token stops working, from `expires_in`; nil when the platform gave none
    /// or a lifetime that ends outside `SafeDate`'s range (it could not be stored).
    package func expiresAt(from now: Date) -> Date? {
        expiresIn.flatMap { SafeDate.adding(seconds: $0, to: now) }
    }
}
