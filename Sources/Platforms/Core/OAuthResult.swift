import Foundation

/// What a completed authorisation gives us for one platform account. For Facebook a
/// single consent can yield several Pages: each becomes its own `OAuthResult`.
package struct OAuthResult: Sendable, Equatable {
    /// The account's id on the platform, unique per platform (Mastodon: `{id}@{host}`).
    package var platformUserID: String
    package var username: String?
    package var displayName: String?
    /// Secrets: stored encrypted, never logged or rendered.
    package var accessToken: String
    package var refreshToken: String?
    /// When the access token stops working; nil for tokens that do not expire.
    package var expiresAt: Date?
    /// Granted scopes as the platform reported them.
    package var scopes: [String]
    /// Non-secret per-account facts (`instance_url`, `page_id`, `ig_user_id`, …), stored as JSON.
    package var extraData: [String: String]

    package init(
        platformUserID: String, username: String? = nil, displayName: String? = nil, accessToken: String,
        refreshToken: String? = nil, expiresAt: Date? = nil, scopes: [String] = [], extraData: [String: String] = [:]
    ) {
        self.platformUserID = platformUserID
        self.username = username
        self.displayName = displayName
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scopes = scopes
        self.extraData = extraData
    }
}

extension OAuthResult: CustomStringConvertible, CustomDebugStringConvertible {
    /// Redacts the tokens so a stray `print` or log interpolation cannot leak them.
    package var description: String {
        "OAuthResult(platformUserID: \(platformUserID), username: \(username ?? "-"), tokens: <redacted>)"
    }

    package var debugDescription: String { description }
}
