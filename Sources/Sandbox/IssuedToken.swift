import Foundation

/// A token the sandbox issued; looked up by value on every authenticated call.
struct IssuedToken: Sendable {
    /// Role of the token within its platform's flow.
    enum Kind: String, Sendable, Codable {
        case access, refresh, shortLivedUser, longLivedUser, page
    }

    var value: String
    var platform: Platform
    var kind: Kind
    var instance: String?
    var clientID: String
    var accountID: String
    var scopes: [String]
    var issuedAt: Date
    /// `nil` = never expires (Mastodon, Facebook Page tokens from a long-lived user token).
    var expiresAt: Date?
    var revoked: Bool = false
    /// Page id for Facebook Page tokens.
    var pageID: String?
    /// For X: the access token minted together with this refresh token (and vice versa).
    var sibling: String?
    /// Bluesky: the session the token belongs to (revoking one token ends the session).
    var session: String?
    /// Bluesky: when a refresh token was rotated (app-password grace period) — the successor is `sibling`.
    var rotatedAt: Date?

    /// Whether the token is expired at `now`.
    func isExpired(at now: Date) -> Bool { expiresAt.map { now >= $0 } ?? false }
}
