import Foundation

/// An authorization code issued after consent: single-use and short-lived.
struct AuthorizationCode: Sendable {
    var value: String
    var platform: Platform
    /// Emulated host the code belongs to (Mastodon instance, or the platform's API host family).
    var instance: String?
    var clientID: String
    var redirectURI: String
    var accountID: String
    var scopes: [String]
    var codeChallenge: String?
    var codeChallengeMethod: String?
    var issuedAt: Date
    var expiresAt: Date
    var used: Bool = false
    /// Bluesky: thumbprint of the DPoP key the pushed request was bound to.
    var dpopJKT: String? = nil
}
