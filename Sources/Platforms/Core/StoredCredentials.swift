import Foundation

/// A connection's credentials as the share and refresh code hand them to a platform client.
package struct StoredCredentials: Sendable, Equatable {
    package var platformUserID: String
    package var username: String?
    /// Secret.
    package var accessToken: String
    /// Secret.
    package var refreshToken: String?
    package var expiresAt: Date?
    /// When the current access token was issued (Threads/Instagram refresh needs it ≥ 24 h old).
    package var issuedAt: Date?
    package var extraData: [String: String]

    package init(
        platformUserID: String, username: String? = nil, accessToken: String, refreshToken: String? = nil, expiresAt: Date? = nil,
        issuedAt: Date? = nil, extraData: [String: String] = [:]
    ) {
        self.platformUserID = platformUserID
        self.username = username
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.extraData = extraData
    }
}

extension StoredCredentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// Redacted, so interpolating credentials into a log line cannot leak them.
    package var description: String { "StoredCredentials(\(platformUserID), tokens: <redacted>)" }
    package var debugDescription: String { description }
}
